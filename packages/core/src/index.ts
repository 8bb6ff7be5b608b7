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
  x25519Base,
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
export { bencode, compareBytes, BENCODE_MAX_DEPTH, BENCODE_INT_MIN, BENCODE_INT_MAX } from './bencode.ts';
export type { BencodeValue, BencodeInput } from './bencode.ts';
export { bdecode, BENCODE_MAX_BYTES } from './bencode-decode.ts';
export { messageHash, isMessageHash } from './network/message-hash.ts';
export {
  NAMESPACE,
  NAMESPACE_MIN,
  NAMESPACE_MAX,
  TTL_MIN_MS,
  TTL_MAX_PUBLIC_MS,
  TTL_MAX_PRIVATE_MS,
  parseNamespace,
  parseNamespaceOrAll,
  namespaceSignaturePart,
  isPublicInbox,
  isPublicOutbox,
  isNoAuthRetrieve,
  isUnrevocable,
  storeNeedsAuth,
  maxTtlMs,
} from './network/namespace.ts';
export type { NamespaceOrAll } from './network/namespace.ts';
export { swarmSpace } from './network/swarm-space.ts';
export { selectSwarm, swarmForPubkey, formatSwarmId, parseSwarmId, INVALID_SWARM_ID } from './network/swarm-select.ts';
export {
  MAX_REVOKE_TOKENS,
  storeSignedString,
  retrieveSignedString,
  deleteSignedString,
  deleteAllSignedString,
  deleteBeforeSignedString,
  expireAllSignedString,
  expireSignedString,
  getExpiriesSignedString,
  revokeSubaccountSignedString,
  unrevokeSubaccountSignedString,
  monitorSignedString,
} from './network/signed-strings.ts';
export type { ExpireParams, MonitorParams } from './network/signed-strings.ts';
export {
  storeResultSignedString,
  deleteResultSignedString,
  deleteAllResultSignedString,
  deleteBeforeResultSignedString,
  expireAllResultSignedString,
  expireResultSignedString,
  revokeSubaccountResultSignedString,
  unrevokeSubaccountResultSignedString,
} from './network/signed-result-strings.ts';
export type { ResultHashes, ExpireResultParams } from './network/signed-result-strings.ts';
export { SUBACCOUNT_TOKEN_BYTES } from './network/signed-parts.ts';
export { encodeLayer, parseLayer, ONION_LAYER_MAX_BYTES, ONION_LAYER_MAX_JSON_BYTES } from './onion/layer.ts';
export type { ParsedLayer } from './onion/layer.ts';
export {
  parseEncType,
  hopNonceLength,
  hopOverhead,
  hopSharedKey,
  clientHopKeys,
  hopEncrypt,
  hopDecrypt,
  hopDecryptOrThrow,
} from './onion/hop-crypto.ts';
export type { OnionEncType } from './onion/hop-crypto.ts';
export { buildOnionRequest } from './onion/build.ts';
export type {
  BuildOnionRequestParams,
  BuiltOnionRequest,
  OnionHop,
  OnionRandomness,
  OnionLayerKeys,
  OnionDestination,
} from './onion/build.ts';
export { MAX_ONION_HOPS, openOnionLayer, openServerOnionRequest, parseHopNo } from './onion/open.ts';
export type { OpenedOnionLayer, OpenedServerRequest } from './onion/open.ts';
export { routeOnionPlaintext } from './onion/route.ts';
export type { OnionRoute } from './onion/route.ts';
export { isAllowedOnionTarget, onionServerUrl, parseServerTarget } from './onion/route-checks.ts';
export type { OnionServerTarget, OnionServerProtocol } from './onion/route-checks.ts';
export { peelOnionLayer, encodeForwardWire } from './onion/peel.ts';
export type { PeeledOnionLayer, OnionNextHop } from './onion/peel.ts';
export {
  encryptOnionResponse,
  encodeV3ResponsePlaintext,
  decryptOnionResponseV3,
  decryptOnionResponseV4,
  ONION_RESPONSE_MAX_BYTES,
} from './onion/response.ts';
export type { OnionV3Response } from './onion/response.ts';
export { encodeV4Request, parseV4Request, encodeV4Response, parseV4Response, V4_MAX_META_BYTES } from './onion/v4.ts';
export type { V4Request, V4RequestInfo, V4Response, V4ResponseInfo } from './onion/v4.ts';
export { peelThroughPath } from './onion/run-peel-vector.ts';
export type { PeelThroughPathResult } from './onion/run-peel-vector.ts';
export { createPrng } from './swarm/prng.ts';
export type { Prng } from './swarm/prng.ts';
export {
  MIN_SWARM_SIZE,
  IDEAL_SWARM_MARGIN,
  IDEAL_SWARM_SIZE,
  EXCESS_BASE,
  FILL_SWARM_LOWER_PERCENTILE,
  STEALING_SWARM_UPPER_PERCENTILE,
  UNASSIGNED_SWARM_ID,
  MAX_SWARM_ID,
  MAX_SWARM_NODES,
  MAX_SWARM_SIZE,
  newSwarmId,
  assignSwarms,
} from './swarm/assign.ts';
export { swarmSizes } from './swarm/swarm-sizes.ts';
export { MESSAGE_PADDING_BLOCK, paddedMessageLength, padMessage, unpadMessage } from './protocol/padding.ts';
export {
  SESSION_PROTOCOL_OVERHEAD,
  signForRecipient,
  encryptForRecipient,
  recipientKeyFromSessionId,
} from './protocol/encrypt.ts';
export { encryptForRecipientDeterministic } from './protocol/encrypt-deterministic.ts';
export { decryptIncoming, senderSessionIdOf, DecryptedIncoming, MAX_SESSION_CIPHERTEXT_BYTES } from './protocol/decrypt.ts';
export type { RecipientKeys } from './protocol/decrypt.ts';
export { encodeFor1o1, decodeFor1o1 } from './protocol/wire.ts';
export type { EncodeFor1o1Params, Decoded1o1, SessionEncryptFn } from './protocol/wire.ts';
export {
  encodeContent,
  decodeContent,
  encodeDataMessage,
  decodeDataMessage,
  encodeEnvelope,
  decodeEnvelope,
  encodeWebSocketMessage,
  decodeWebSocketMessage,
  MAX_PROTOBUF_BYTES,
} from './proto/codec.ts';
export { sessionProtosRoot, sessionProtoType } from './proto/schema.ts';
export type { SessionProtoName } from './proto/schema.ts';
export {
  EnvelopeType,
  WebSocketMessageType,
  ExpirationType,
  TypingAction,
  CallMessageType,
  DataExtractionType,
  DataMessageFlags,
  ReactionAction,
  ReceiptType,
  AttachmentFlags,
  SharedConfigKind,
  ClosedGroupControlType,
  GroupInfoChangeType,
  GroupMemberChangeType,
} from './proto/messages.ts';
export type {
  EnvelopeMessage,
  WebSocketRequestMessage,
  WebSocketResponseMessage,
  WebSocketMessage,
  ContentMessage,
  DataMessage,
  Quote,
  Preview,
  Reaction,
  CommunityInvitation,
  LokiProfile,
  AttachmentPointer,
  ReceiptMessage,
  TypingMessage,
  UnsendRequest,
  MessageRequestResponse,
  DataExtractionNotification,
  CallMessage,
  SharedConfigMessage,
  KeyPair,
  ConfigurationMessage,
  ConfigurationClosedGroup,
  ConfigurationContact,
  ClosedGroupControlMessage,
  GroupUpdateMessage,
  GroupUpdateInviteMessage,
  GroupUpdatePromoteMessage,
  GroupUpdateInfoChangeMessage,
  GroupUpdateMemberChangeMessage,
  GroupUpdateInviteResponseMessage,
  GroupUpdateDeleteMemberContentMessage,
  ProMessage,
  ProProof,
} from './proto/messages.ts';
