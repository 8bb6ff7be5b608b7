export { HushError, isHushError } from './errors.ts';
export type { HushErrorCode, HushErrorOptions } from './errors.ts';
export { toHex, fromHex, toBase64, toBase64NoPad, fromBase64, utf8, fromUtf8, concatBytes, bytesEqual, assertBytes } from './bytes.ts';
export type { Brand, Ed25519PublicKey, Ed25519SecretKey, X25519PublicKey, X25519SecretKey, Seed, SessionId, UserSessionId, BlindedId } from './types.ts';
export { asEd25519PublicKey, asEd25519SecretKey, asX25519PublicKey, asX25519SecretKey } from './keys/brands.ts';
export { normalizeSeed, SHORT_SEED_LENGTH, SEED_LENGTH } from './keys/seed.ts';
export { deriveAccountKeys } from './keys/account-keys.ts';
export type { AccountKeys } from './keys/account-keys.ts';
export {
  SESSION_ID_PREFIXES,
  SESSION_ID_HEX_LENGTH,
  parseSessionId,
  parseUserSessionId,
  parseBlindedId,
  sessionIdPrefix,
  sessionIdPublicKey,
  sessionIdFromX25519,
  sessionIdToX25519,
} from './keys/session-id.ts';
export type { SessionIdPrefix } from './keys/session-id.ts';
export { MNEMONIC_WORDS_ENGLISH, MNEMONIC_PREFIX_LENGTH } from './mnemonic/wordlist-english.ts';
export { encodeMnemonic } from './mnemonic/encode.ts';
export { decodeMnemonic, MAX_MNEMONIC_PHRASE_LENGTH } from './mnemonic/decode.ts';
export {
  signSeedKeypair,
  signDetached,
  verifyDetached,
  edPkToCurve,
  edSkToCurve,
  blake2b,
  randomBytes,
} from './crypto/sodium.ts';
export { ed25519FromX25519 } from './blinding/xed25519.ts';
export { blind15Factor, blind15KeyPair, blind15Id, blind15Candidates, blind15Sign } from './blinding/blind15.ts';
export type { BlindedKeyPair } from './blinding/blind15.ts';
export { blind25Factor, blind25KeyPair, blind25Id, blind25IdFromSessionId, blind25Sign } from './blinding/blind25.ts';
export { encryptForBlindedRecipient, decryptFromBlindedRecipient } from './blinding/blinded-dm.ts';
export type { BlindedDmPlaintext } from './blinding/blinded-dm.ts';
export { sogsRequestMessage, signSogsRequest, verifySogsRequest } from './blinding/sogs-auth.ts';
export type {
  SogsAuthHeaders,
  SignSogsRequestParameters,
  VerifySogsRequestParameters,
  VerifiedSogsRequest,
} from './blinding/sogs-auth.ts';
