export { HushError, isHushError } from './errors.ts';
export type { HushErrorCode, HushErrorOptions } from './errors.ts';
export { toHex, fromHex, toBase64, toBase64NoPad, fromBase64, utf8, fromUtf8, concatBytes, bytesEqual, assertBytes } from './bytes.ts';
export type { Brand, Ed25519PublicKey, Ed25519SecretKey, X25519PublicKey, X25519SecretKey, Seed, SessionId, UserSessionId, BlindedId } from './types.ts';
