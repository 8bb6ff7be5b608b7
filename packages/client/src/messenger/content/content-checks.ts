/**
 * Checks of what a user asks the messenger to send (text, display name, disappearing setting,
 * timestamps), used by the builders and, before sending, by the CLI and the web daemon. Input is
 * `unknown`; each failure is a HushError naming the field in `details.field`.
 */
import { HushError } from '@hush/core';
import type { DisappearingMode, DisappearingSetting } from '../messenger-types.ts';
import { DISAPPEARING_TIMERS, MAX_DISPLAY_NAME_BYTES, MAX_TEXT_CODE_POINTS } from './content-limits.ts';
import { codePointCount, hasLoneSurrogate, utf8ByteLength } from './text-measure.ts';

const MODES: readonly DisappearingMode[] = ['off', 'after-send', 'after-read'];

function badArgument(field: string, message: string, details: Record<string, unknown> = {}): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field, ...details } });
}

/** A string with something besides white space and no unpaired surrogate (UTF-8 cannot carry one). */
function checkNonBlank(value: unknown, field: string): string {
  if (typeof value !== 'string') throw badArgument(field, `expected a string, got ${value === null ? 'null' : typeof value}`);
  if (value.trim() === '') throw badArgument(field, 'must not be empty');
  if (hasLoneSurrogate(value)) throw badArgument(field, 'holds an unpaired UTF-16 surrogate (not valid Unicode text)');
  return value;
}

/**
 * Message text: non-empty after trimming (HUSH_ERR_BAD_ARGUMENT) and at most MAX_TEXT_CODE_POINTS
 * code points (HUSH_ERR_TEXT_TOO_LONG, details {field, max, got}). Returns the text unchanged.
 */
export function checkText(text: unknown): string {
  const value = checkNonBlank(text, 'text');
  const got = codePointCount(value);
  if (got > MAX_TEXT_CODE_POINTS) {
    throw new HushError('HUSH_ERR_TEXT_TOO_LONG', `text: ${got} characters exceeds ${MAX_TEXT_CODE_POINTS}`, {
      details: { field: 'text', max: MAX_TEXT_CODE_POINTS, got },
    });
  }
  return value;
}

/** Display name: non-empty after trimming, at most MAX_DISPLAY_NAME_BYTES UTF-8 bytes (HUSH_ERR_BAD_ARGUMENT). */
export function checkDisplayName(name: unknown): string {
  const value = checkNonBlank(name, 'displayName');
  const got = utf8ByteLength(value);
  if (got > MAX_DISPLAY_NAME_BYTES) {
    throw badArgument('displayName', `${got} UTF-8 bytes exceeds ${MAX_DISPLAY_NAME_BYTES}`, { max: MAX_DISPLAY_NAME_BYTES, got });
  }
  return value;
}

/**
 * Disappearing setting: `mode` one of off/after-send/after-read; `seconds` 0 for 'off' and one of
 * the non-zero DISAPPEARING_TIMERS otherwise. Returns a fresh, plain copy.
 */
export function checkDisappearing(setting: unknown): DisappearingSetting {
  if (typeof setting !== 'object' || setting === null) throw badArgument('disappearing', 'expected an object {mode, seconds}');
  const { mode, seconds } = setting as Record<string, unknown>;
  if (typeof mode !== 'string' || !(MODES as readonly string[]).includes(mode)) {
    throw badArgument('disappearing.mode', `expected one of ${MODES.join(', ')}`);
  }
  if (typeof seconds !== 'number' || !DISAPPEARING_TIMERS.includes(seconds)) {
    throw badArgument('disappearing.seconds', `expected one of ${DISAPPEARING_TIMERS.join(', ')}`);
  }
  if ((mode === 'off') !== (seconds === 0)) {
    throw badArgument('disappearing.seconds', mode === 'off' ? "must be 0 when mode is 'off'" : `must not be 0 when mode is '${mode}'`);
  }
  return { mode: mode as DisappearingMode, seconds };
}

/** A timestamp in ms: a positive safe integer (a message's identity, so never 0). */
export function checkTimestamp(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw badArgument(field, 'expected a positive integer (ms)');
  }
  return value;
}
