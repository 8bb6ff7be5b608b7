/** An error from the daemon's API (its `{ error: { code, message } }`), or from not reaching it. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  /** HTTP status; 0 when the daemon could not be reached at all. */
  readonly status: number;

  constructor(code: string, message: string, status: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** Code used when the request never reached the daemon. */
export const DAEMON_UNREACHABLE = 'HUSH_ERR_DAEMON_UNREACHABLE';

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('HUSH_ERR_INTERNAL', err instanceof Error ? err.message : String(err), 0);
}
