/**
 * The 1:1 swarm payload (spec session-client.md §3.3–§3.4, libsession `encode_for_1o1` /
 * `decode_envelope`): Content bytes → pad → Session protocol encryption → Envelope
 * {type SESSION_MESSAGE, sourceDevice 1, timestamp, content[, proSig]} → WebSocketMessage
 * {type REQUEST, request {verb "", path "", requestId 0, body}}. libsession sets verb, path and
 * requestId explicitly, so they are on the wire as empty/zero fields (`0a00 1200 … 2000`); this
 * encoder does the same, byte for byte.
 */
import { assertBytes } from '../bytes.ts';
import { HushError } from '../errors.ts';
import { decodeContent, decodeEnvelope, decodeWebSocketMessage, encodeEnvelope, encodeWebSocketMessage } from '../proto/codec.ts';
import { EnvelopeType, WebSocketMessageType } from '../proto/messages.ts';
import type { ContentMessage, EnvelopeMessage } from '../proto/messages.ts';
import type { Ed25519PublicKey, Ed25519SecretKey, UserSessionId, X25519PublicKey } from '../types.ts';
import { decryptIncoming } from './decrypt.ts';
import type { RecipientKeys } from './decrypt.ts';
import { encryptForRecipient } from './encrypt.ts';
import { padMessage, unpadMessage } from './padding.ts';

/** Signature of the Session protocol encryption step (`encryptForRecipient` or its deterministic twin). */
export type SessionEncryptFn = (
  senderEd25519SecretKey: Ed25519SecretKey,
  recipient: X25519PublicKey,
  message: Uint8Array,
) => Uint8Array;

export interface EncodeFor1o1Params {
  /** Serialized Content protobuf (unpadded). */
  readonly content: Uint8Array;
  readonly senderEd25519SecretKey: Ed25519SecretKey;
  /** Network time at creation, ms; should equal Content.sigTimestamp. */
  readonly sentTimestampMs: number;
  readonly recipient: X25519PublicKey;
  /** 64-byte Envelope.proSig (a Pro signature or a decoy); left off the wire when absent. */
  readonly proSig?: Uint8Array;
  /** Encryption step; defaults to the randomized `encryptForRecipient`. Tests pass the deterministic one. */
  readonly encrypt?: SessionEncryptFn;
}

/** Builds the WebSocketMessage bytes stored (base64) in namespace 0 of the recipient's swarm. */
export function encodeFor1o1(params: EncodeFor1o1Params): Uint8Array {
  if (typeof params !== 'object' || params === null) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'encodeFor1o1: expected a parameter object', { details: { field: 'params' } });
  }
  const { content, senderEd25519SecretKey, sentTimestampMs, recipient, proSig } = params;
  assertBytes(content, 'content');
  if (proSig !== undefined) assertBytes(proSig, 'proSig', 64);
  const encrypt = params.encrypt ?? encryptForRecipient;
  const ciphertext = encrypt(senderEd25519SecretKey, recipient, padMessage(content));
  const envelope = encodeEnvelope({
    type: EnvelopeType.SESSION_MESSAGE,
    sourceDevice: 1,
    timestamp: sentTimestampMs,
    content: ciphertext,
    ...(proSig === undefined ? {} : { proSig }),
  });
  return encodeWebSocketMessage({
    type: WebSocketMessageType.REQUEST,
    request: { verb: '', path: '', requestId: 0, body: envelope },
  });
}

export interface Decoded1o1 {
  /** The envelope as received (its `content` is the ciphertext). */
  readonly envelope: EnvelopeMessage;
  /** Decrypted, unpadded Content bytes. */
  readonly contentBytes: Uint8Array;
  readonly content: ContentMessage;
  readonly senderEd25519PublicKey: Ed25519PublicKey;
  readonly senderSessionId: UserSessionId;
}

const SOURCE_RE = /^(?:[0-9a-fA-F]{66})?$/;

function badEnvelope(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ENVELOPE', `${field}: ${message}`, { details: { field } });
}

function envelopeOf(wire: Uint8Array): EnvelopeMessage & { readonly content: Uint8Array } {
  const body = decodeWebSocketMessage(wire).request?.body;
  if (body === undefined) throw badEnvelope('WebSocketMessage.request.body', 'missing');
  const envelope = decodeEnvelope(body);
  const { content, source, proSig } = envelope;
  if (content === undefined) throw badEnvelope('Envelope.content', 'missing');
  if (source !== undefined && !SOURCE_RE.test(source)) throw badEnvelope('Envelope.source', 'expected empty or 66 hex characters');
  if (proSig !== undefined && proSig.length !== 64) throw badEnvelope('Envelope.proSig', `expected 64 bytes, got ${proSig.length}`);
  return { ...envelope, content };
}

/**
 * §10: Content.sigTimestamp must equal Envelope.timestamp. Like desktop
 * (`shouldProcessContentMessage`), a missing or zero value on either side is a legacy sender and
 * is not checked.
 */
function checkTimestamps(envelope: EnvelopeMessage, content: ContentMessage): void {
  const sig = content.sigTimestamp;
  if (!sig || !envelope.timestamp || sig === envelope.timestamp) return;
  throw new HushError('HUSH_ERR_TIMESTAMP_MISMATCH', `Content.sigTimestamp ${sig} differs from Envelope.timestamp ${envelope.timestamp}`, {
    details: { field: 'Content.sigTimestamp', sigTimestamp: sig, envelopeTimestamp: envelope.timestamp },
  });
}

/**
 * Decodes a namespace-0 swarm payload addressed to `recipient`: WebSocketMessage → Envelope →
 * decrypt → unpad → Content, then the §10 timestamp check. Errors: HUSH_ERR_BAD_PROTOBUF,
 * HUSH_ERR_BAD_ENVELOPE, the `decryptIncoming` errors, HUSH_ERR_BAD_PADDING,
 * HUSH_ERR_TIMESTAMP_MISMATCH, HUSH_ERR_BAD_KEY (sender key without an X25519 form).
 */
export function decodeFor1o1(wire: Uint8Array, recipient: RecipientKeys): Decoded1o1 {
  const envelope = envelopeOf(wire);
  const decrypted = decryptIncoming(recipient, envelope.content);
  const contentBytes = unpadMessage(decrypted.plaintext);
  const content = decodeContent(contentBytes);
  checkTimestamps(envelope, content);
  return {
    envelope,
    contentBytes,
    content,
    senderEd25519PublicKey: decrypted.senderEd25519PublicKey,
    senderSessionId: decrypted.senderSessionId,
  };
}
