/**
 * JSON.stringify that writes bigint values as raw integer digits (oxend writes `swarm_id`, a u64,
 * as a plain JSON number even above 2^53). Only plain data is expected: objects, arrays, strings,
 * finite numbers, booleans, null and bigints; anything else throws.
 */
export function stringifyWithBigInt(value: unknown): string {
  if (typeof value === 'bigint') return value.toString(10);
  if (Array.isArray(value)) return `[${value.map(stringifyWithBigInt).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${stringifyWithBigInt(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in JSON output');
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot write a ${typeof value} as JSON`);
  return text;
}
