/** Runs one vector's `input` through real core code and returns the fields to compare with `expect`. */
export type KindHandler = (input: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;

export function str(input: Readonly<Record<string, unknown>>, field: string): string {
  const v = input[field];
  if (typeof v !== 'string') throw new TypeError(`input.${field} must be a string`);
  return v;
}
