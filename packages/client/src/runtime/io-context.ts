/**
 * Operating-system errors (EACCES, ENOSPC, ...) stay Node's own errors, reported as HUSH_ERR_IO;
 * this attaches what the CLI was trying to do, so the message reads
 * "cannot create the data directory /x: permission denied [EACCES]".
 */
import { getSystemErrorMap } from 'node:util';

export interface SystemError extends Error {
  readonly code: string;
  readonly errno?: number;
  hushContext?: string;
}

export function isSystemError(err: unknown): err is SystemError {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}

/** Runs `fn`; an operating-system error it throws gets `context` attached. */
export async function withIoContext<T>(context: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isSystemError(err) && err.hushContext === undefined) err.hushContext = context;
    throw err;
  }
}

/** "context: reason [CODE]", or Node's message when no context was attached. */
export function systemErrorMessage(err: SystemError): string {
  const reason = typeof err.errno === 'number' ? getSystemErrorMap().get(err.errno)?.[1] : undefined;
  if (err.hushContext !== undefined) return `${err.hushContext}: ${reason ?? err.message} [${err.code}]`;
  const text = err.message.startsWith(`${err.code}: `) ? err.message.slice(err.code.length + 2) : err.message;
  return `${text} [${err.code}]`;
}
