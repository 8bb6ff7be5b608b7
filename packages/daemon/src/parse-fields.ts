/**
 * Reading request input, all of it `unknown` until checked here. Every failure is a HushError
 * (HUSH_ERR_BAD_ARGUMENT unless said otherwise) whose message and `details.field` name the field.
 */
import { HushError, parseUserSessionId } from '@hush/core';
import type { UserSessionId } from '@hush/core';
import { DAEMON_LIMITS } from './limits.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export function badField(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

export function bodyObject(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badField('body', 'expected a JSON object');
  return body as JsonObject;
}

export function stringField(o: JsonObject, field: string, maxChars: number = DAEMON_LIMITS.maxFieldChars): string {
  const value = o[field];
  if (typeof value !== 'string') throw badField(field, `expected a string, got ${value === null ? 'null' : typeof value}`);
  if (value.length > maxChars) throw badField(field, `longer than ${maxChars} characters`);
  return value;
}

/** A string, or null when the field is absent, null, or only spaces. Trimmed. */
export function optionalTextField(o: JsonObject, field: string): string | null {
  if (o[field] === undefined || o[field] === null) return null;
  const value = stringField(o, field).trim();
  return value === '' ? null : value;
}

export function booleanField(o: JsonObject, field: string): boolean {
  const value = o[field];
  if (typeof value !== 'boolean') throw badField(field, `expected true or false, got ${value === null ? 'null' : typeof value}`);
  return value;
}

export function optionalBooleanField(o: JsonObject, field: string): boolean | undefined {
  return o[field] === undefined ? undefined : booleanField(o, field);
}

export function intField(o: JsonObject, field: string, min: number, max: number): number {
  const value = o[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badField(field, `expected a whole number from ${min} to ${max}`);
  }
  return value;
}

/** `?name=` as a whole number in [min, max], or `fallback` when absent. */
export function intQuery(query: URLSearchParams, field: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = query.get(field);
  if (raw === null) return fallback;
  if (!/^[0-9]{1,15}$/.test(raw)) throw badField(field, `expected a whole number from ${min} to ${max}`);
  return intField({ [field]: Number(raw) }, field, min, max);
}

/** A conversation's id from the path: the other side's 05… Session ID (core's parser). */
export function conversationIdParam(params: Readonly<Record<string, string>>): UserSessionId {
  return parseUserSessionId(params['id'], 'conversation id');
}

/** A message's local id from the path. */
export function messageIdParam(params: Readonly<Record<string, string>>): number {
  const raw = params['id'] ?? '';
  if (!/^[0-9]{1,15}$/.test(raw)) throw badField('message id', 'expected a positive whole number');
  return intField({ 'message id': Number(raw) }, 'message id', 1, Number.MAX_SAFE_INTEGER);
}
