/**
 * Turns anything thrown into a stable code, a message for people and an exit code.
 *
 * Exit codes: 0 ok, 1 runtime error, 2 usage error (HUSH_ERR_USAGE), 130 interrupted (Ctrl-C at a
 * prompt). Besides core's HushErrorCode, the CLI reports three codes of its own:
 * HUSH_ERR_IO (the operating system refused a file operation), HUSH_ERR_CANCELLED and
 * HUSH_ERR_INTERNAL (a bug: please report it).
 */
import { isHushError } from '@hush/core';
import type { HushErrorCode } from '@hush/core';
import { isSystemError, systemErrorMessage } from '@hush/client';

export type CliErrorCode = HushErrorCode | 'HUSH_ERR_IO' | 'HUSH_ERR_CANCELLED' | 'HUSH_ERR_INTERNAL';

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export interface ErrorDescription {
  readonly code: CliErrorCode;
  readonly message: string;
  readonly exitCode: number;
}

export function describeError(err: unknown): ErrorDescription {
  if (isHushError(err)) {
    return { code: err.code, message: err.message, exitCode: err.code === 'HUSH_ERR_USAGE' ? EXIT_USAGE : EXIT_RUNTIME };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return { code: 'HUSH_ERR_CANCELLED', message: 'cancelled', exitCode: EXIT_INTERRUPTED };
  }
  if (isSystemError(err)) {
    return { code: 'HUSH_ERR_IO', message: systemErrorMessage(err), exitCode: EXIT_RUNTIME };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'HUSH_ERR_INTERNAL', message: `internal error: ${text}`, exitCode: EXIT_RUNTIME };
}
