/** Whole-number options (`--port`, `--nodes`, ...): checked here so a bad value is a usage error naming the option. */
import { HushError } from '@hush/core';
import type { ParsedArgs } from './args.ts';

/** The value of `--name` as an integer in [min, max], or undefined when the option is absent. */
export function intOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.values.get(name);
  if (raw === undefined) return undefined;
  const value = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    const shown = JSON.stringify(raw.length > 32 ? `${raw.slice(0, 32)}…` : raw);
    throw new HushError('HUSH_ERR_USAGE', `--${name} must be a whole number from ${min} to ${max}, got ${shown}`, {
      details: { option: `--${name}`, min, max },
    });
  }
  return value;
}
