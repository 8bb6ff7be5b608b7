/**
 * Reads one metric out of Prometheus text exposition (a node's GET /metrics): the sum of all its
 * samples over every label set. Label values are scanned with their escapes, so a `}` or a space
 * inside a quoted value cannot shift the sample value; malformed lines are skipped.
 */

/** Index just past the label set that opens at `start` (a `{`), or -1 when it never closes. */
function endOfLabels(line: string, start: number): number {
  let quoted = false;
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === '}') return i + 1;
  }
  return -1;
}

/** The sample value of `line` when it is a sample of `name`, else undefined. */
function sampleValue(line: string, name: string): number | undefined {
  if (!line.startsWith(name)) return undefined;
  let rest = name.length;
  const next = line[rest];
  if (next === '{') rest = endOfLabels(line, rest);
  else if (next !== ' ' && next !== '\t') return undefined;
  if (rest < 0) return undefined;
  const [token] = line.slice(rest).trim().split(/\s+/);
  const value = token === undefined || token === '' ? Number.NaN : Number(token);
  return Number.isFinite(value) ? value : undefined;
}

/** Sum of every sample of `name` in `text`; undefined when `text` has no sample of it. */
export function sumMetric(text: string, name: string): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const value = sampleValue(line, name);
    if (value !== undefined) sum = (sum ?? 0) + value;
  }
  return sum;
}
