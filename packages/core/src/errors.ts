/**
 * One small error class for the whole project. `code` is stable and crosses the wire and the CLI;
 * never branch on `message`.
 */
export type HushErrorCode =
  | 'HUSH_ERR_BAD_HEX'
  | 'HUSH_ERR_BAD_BASE64'
  | 'HUSH_ERR_BAD_LENGTH'
  | 'HUSH_ERR_BAD_ARGUMENT'
  | 'HUSH_ERR_BAD_SEED'
  | 'HUSH_ERR_BAD_SESSION_ID'
  | 'HUSH_ERR_BAD_KEY'
  | 'HUSH_ERR_BAD_MNEMONIC_WORD'
  | 'HUSH_ERR_BAD_MNEMONIC_LENGTH'
  | 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM'
  | 'HUSH_ERR_DECRYPT_FAILED'
  | 'HUSH_ERR_BAD_SIGNATURE'
  | 'HUSH_ERR_TRUNCATED'
  | 'HUSH_ERR_TOO_LARGE'
  | 'HUSH_ERR_BAD_PROTOBUF'
  | 'HUSH_ERR_BAD_ENVELOPE'
  | 'HUSH_ERR_TIMESTAMP_MISMATCH'
  | 'HUSH_ERR_BAD_PADDING'
  | 'HUSH_ERR_BAD_BLINDED_ID'
  | 'HUSH_ERR_BAD_ONION_LAYER'
  | 'HUSH_ERR_BAD_JSON'
  | 'HUSH_ERR_BAD_BENCODE'
  | 'HUSH_ERR_BAD_NAMESPACE'
  | 'HUSH_ERR_NO_SWARMS'
  | 'HUSH_ERR_ACCOUNT_EXISTS'
  | 'HUSH_ERR_NO_ACCOUNT'
  | 'HUSH_ERR_BAD_ACCOUNT_FILE'
  | 'HUSH_ERR_BAD_DATABASE'
  | 'HUSH_ERR_USAGE'
  | 'HUSH_ERR_STORAGE'
  | 'HUSH_ERR_BAD_CONFIG'
  | 'HUSH_ERR_TIMEOUT'
  | 'HUSH_ERR_PROCESS_EXITED'
  | 'HUSH_ERR_NETWORK'
  | 'HUSH_ERR_ABORTED'
  | 'HUSH_ERR_NODE_LIST'
  | 'HUSH_ERR_NO_PATH'
  | 'HUSH_ERR_ONION_HOP_FAILED'
  | 'HUSH_ERR_ONION_BAD_RESPONSE'
  | 'HUSH_ERR_WRONG_SWARM'
  | 'HUSH_ERR_NOT_RUNNING'
  | 'HUSH_ERR_ALREADY_RUNNING'
  | 'HUSH_ERR_UNAUTHORIZED'
  | 'HUSH_ERR_FORBIDDEN'
  | 'HUSH_ERR_NOT_READY'
  | 'HUSH_ERR_INTERNAL'
  | 'HUSH_ERR_TEXT_TOO_LONG'
  | 'HUSH_ERR_STORE_FAILED'
  | 'HUSH_ERR_RPC_FAILED'
  | 'HUSH_ERR_NOT_FOUND'
  | 'HUSH_ERR_CLOSED';

export interface HushErrorOptions {
  /** Structured facts about the failure (field name, position, sizes...). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class HushError extends Error {
  override readonly name = 'HushError';
  readonly code: HushErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: HushErrorCode, message: string, options: HushErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `err` is a HushError, optionally with the given code. */
export function isHushError(err: unknown, code?: HushErrorCode): err is HushError {
  return err instanceof HushError && (code === undefined || err.code === code);
}
