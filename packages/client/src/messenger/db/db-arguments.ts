/**
 * Checks of the values callers hand to the messenger database (they may come from a peer or the
 * web UI): each failure is a HushError naming the field. Returns the value, narrowed.
 */
import { HushError, parseUserSessionId } from '@hush/core';
import type { DeliveryState, DisappearingMode, DisappearingSetting } from '../messenger-types.ts';
import { badArgument } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';

const HASH_RE = /^[A-Za-z0-9+/=_-]+$/;
export const DISAPPEARING_MODES: readonly DisappearingMode[] = ['off', 'after-send', 'after-read'];
export const DELIVERY_STATES: readonly DeliveryState[] = ['sending', 'stored', 'failed'];

/** A `05…` Session ID in its canonical form (66 lowercase hex) whose key an account could own. */
export function checkSessionId(value: unknown, field: string): string {
  const id = parseUserSessionId(value, field);
  if (id !== value) {
    throw new HushError('HUSH_ERR_BAD_SESSION_ID', `${field}: expected lowercase hex`, { details: { field } });
  }
  return id;
}

/** A time in ms since the epoch (or any non-negative integer count). */
export function checkTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badArgument(field, 'expected a non-negative integer (ms)');
  }
  return value;
}

export function checkTimeOrNull(value: unknown, field: string): number | null {
  return value === null ? null : checkTime(value, field);
}

/** A positive integer row id. */
export function checkId(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw badArgument(field, 'expected a positive integer id');
  }
  return value;
}

export function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw badArgument(field, 'expected true or false');
  return value;
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badArgument(field, `expected one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A string of at most `maxBytes` UTF-8 bytes (HUSH_ERR_TOO_LARGE beyond). */
export function checkBoundedText(value: unknown, field: string, maxBytes: number): string {
  if (typeof value !== 'string') throw badArgument(field, 'expected a string');
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxBytes) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `${field}: ${bytes} bytes, at most ${maxBytes} allowed`, {
      details: { field, max: maxBytes, got: bytes },
    });
  }
  return value;
}

export function checkNameOrNull(value: unknown, field: string): string | null {
  return value === null ? null : checkBoundedText(value, field, L.maxNameBytes);
}

export function checkErrorText(value: unknown, field: string): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > L.maxErrorChars) {
    throw badArgument(field, `expected null or a string of at most ${L.maxErrorChars} characters`);
  }
  return value;
}

/** A swarm message hash (base64 or hex). */
export function checkHash(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > L.maxHashChars || !HASH_RE.test(value)) {
    throw badArgument(field, `expected a message hash (1..${L.maxHashChars} base64 or hex characters)`);
  }
  return value;
}

/** 'off' with 0 seconds, or a timer mode with 1..maxDisappearingSeconds whole seconds. */
export function checkDisappearing(value: unknown, field: string): DisappearingSetting {
  if (typeof value !== 'object' || value === null) throw badArgument(field, 'expected { mode, seconds }');
  const { mode, seconds } = value as Record<string, unknown>;
  const m = checkOneOf(mode, DISAPPEARING_MODES, `${field}.mode`);
  const max = m === 'off' ? 0 : L.maxDisappearingSeconds;
  const min = m === 'off' ? 0 : 1;
  if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds < min || seconds > max) {
    throw badArgument(`${field}.seconds`, m === 'off' ? 'must be 0 when mode is off' : `expected an integer in 1..${max}`);
  }
  return { mode: m, seconds };
}

/** A small non-negative integer count (swarm members). */
export function checkCount(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    throw badArgument(field, `expected an integer in 0..${max}`);
  }
  return value;
}
