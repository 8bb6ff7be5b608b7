/**
 * The account file format, version 1: `{"version": 1, "seed": "<hex>", "session_id": "05…"}`.
 * What is read from disk is untrusted: every field is checked, and the seed must derive the stored
 * Session ID. Failures are HUSH_ERR_BAD_ACCOUNT_FILE naming the file and the problem (never the seed).
 */
import { HushError, deriveAccountKeys, fromHex, toHex } from '@hush/core';
import { ACCOUNT_SEED_SIZES } from './account-limits.ts';

export const ACCOUNT_FILE_VERSION = 1;

export interface AccountRecord {
  /** 16 (or, for legacy accounts, 32) bytes. */
  readonly seed: Uint8Array;
  /** The `05…` Session ID derived from the seed. */
  readonly sessionId: string;
}

const SESSION_ID_RE = /^05[0-9a-f]{64}$/;

function bad(file: string, problem: string, field?: string): HushError {
  return new HushError('HUSH_ERR_BAD_ACCOUNT_FILE', `bad account file ${file}: ${problem}`, {
    details: field === undefined ? { file } : { file, field },
  });
}

export function serializeAccount(record: AccountRecord): string {
  const body = { version: ACCOUNT_FILE_VERSION, seed: toHex(record.seed), session_id: record.sessionId };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function parseJsonObject(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad(file, 'not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(file, 'expected a JSON object');
  return value as Record<string, unknown>;
}

function checkVersion(version: unknown, file: string): void {
  if (version === ACCOUNT_FILE_VERSION) return;
  if (typeof version === 'number' && Number.isInteger(version) && version > ACCOUNT_FILE_VERSION) {
    throw bad(file, `version ${version} was written by a newer hush; this one reads version ${ACCOUNT_FILE_VERSION}`, 'version');
  }
  throw bad(file, `"version" must be ${ACCOUNT_FILE_VERSION}`, 'version');
}

function parseSeed(seed: unknown, file: string): Uint8Array {
  const sizes = ACCOUNT_SEED_SIZES.map((n) => n * 2);
  if (typeof seed !== 'string' || !sizes.includes(seed.length) || !/^[0-9a-fA-F]*$/.test(seed)) {
    throw bad(file, `"seed" must be ${ACCOUNT_SEED_SIZES.join(' or ')} bytes of hex`, 'seed');
  }
  return fromHex(seed, 'seed');
}

function parseSessionId(sessionId: unknown, file: string): string {
  if (typeof sessionId !== 'string' || !SESSION_ID_RE.test(sessionId)) {
    throw bad(file, '"session_id" must be a 66-character lowercase hex Session ID starting with 05', 'session_id');
  }
  return sessionId;
}

/** Parses and checks the text of an account file; `file` names it in errors. */
export function parseAccount(text: string, file: string): AccountRecord {
  const obj = parseJsonObject(text, file);
  checkVersion(obj['version'], file);
  const seed = parseSeed(obj['seed'], file);
  const sessionId = parseSessionId(obj['session_id'], file);
  if (deriveAccountKeys(seed).sessionId !== sessionId) {
    throw bad(file, 'the seed does not derive the stored "session_id" (the file is damaged)', 'session_id');
  }
  return { seed, sessionId };
}
