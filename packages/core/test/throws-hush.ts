import assert from 'node:assert/strict';
import { HushError } from '../src/errors.ts';
import type { HushErrorCode } from '../src/errors.ts';

/** Asserts `fn` throws a HushError with `code` whose message mentions each of `messageIncludes`. */
export function throwsHush(fn: () => unknown, code: HushErrorCode, messageIncludes: readonly string[] = []): HushError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof HushError, `expected a HushError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  for (const part of messageIncludes) assert.ok(caught.message.includes(part), `"${caught.message}" mentions "${part}"`);
  return caught;
}
