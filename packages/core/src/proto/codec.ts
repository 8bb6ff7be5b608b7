/**
 * Typed encode/decode of Session's protobuf messages (schema in `schema.ts`, shapes in
 * `messages.ts`). Decoding errors are HUSH_ERR_BAD_PROTOBUF naming the message type and the
 * protobufjs reason (truncated input, bad wire type, missing required field, ...); inputs above
 * MAX_PROTOBUF_BYTES are HUSH_ERR_TOO_LARGE. Encoding checks every field first
 * (HUSH_ERR_BAD_ARGUMENT naming the field path).
 */
import protobuf from 'protobufjs';
import { assertBytes } from '../bytes.ts';
import { HushError } from '../errors.ts';
import { fromWire, toWire } from './convert.ts';
import type { ContentMessage, DataMessage, EnvelopeMessage, WebSocketMessage } from './messages.ts';
import { sessionProtoType } from './schema.ts';
import type { SessionProtoName } from './schema.ts';

/** Largest protobuf input the decoders accept (10 MiB). */
export const MAX_PROTOBUF_BYTES = 10 * 1024 * 1024;

const TYPES = {
  Content: sessionProtoType('Content'),
  DataMessage: sessionProtoType('DataMessage'),
  Envelope: sessionProtoType('Envelope'),
  WebSocketMessage: sessionProtoType('WebSocketMessage'),
} as const satisfies Partial<Record<SessionProtoName, protobuf.Type>>;

type CodecName = keyof typeof TYPES;

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function decodeAs(name: CodecName, bytes: Uint8Array): Record<string, unknown> {
  assertBytes(bytes, `${name} bytes`);
  if (bytes.length > MAX_PROTOBUF_BYTES) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `${name}: ${bytes.length} bytes, limit ${MAX_PROTOBUF_BYTES}`, {
      details: { field: name, got: bytes.length, max: MAX_PROTOBUF_BYTES },
    });
  }
  const type = TYPES[name];
  let decoded: protobuf.Message;
  try {
    decoded = type.decode(bytes);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_PROTOBUF', `${name}: ${reasonOf(cause)}`, {
      details: { field: name },
      cause,
    });
  }
  return fromWire(type, decoded as unknown as Record<string, unknown>);
}

function encodeAs(name: CodecName, value: unknown): Uint8Array {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${name}: expected an object`, { details: { field: name } });
  }
  const type = TYPES[name];
  const out = type.encode(toWire(type, value as Record<string, unknown>)).finish();
  // A fresh exact-size copy: protobufjs writes small messages into a shared slab, whose
  // `.buffer` would expose earlier encodings (plaintext Content among them).
  return new Uint8Array(out);
}

export function encodeContent(content: ContentMessage): Uint8Array {
  return encodeAs('Content', content);
}

export function decodeContent(bytes: Uint8Array): ContentMessage {
  return decodeAs('Content', bytes) as ContentMessage;
}

export function encodeDataMessage(message: DataMessage): Uint8Array {
  return encodeAs('DataMessage', message);
}

export function decodeDataMessage(bytes: Uint8Array): DataMessage {
  return decodeAs('DataMessage', bytes) as DataMessage;
}

export function encodeEnvelope(envelope: EnvelopeMessage): Uint8Array {
  return encodeAs('Envelope', envelope);
}

export function decodeEnvelope(bytes: Uint8Array): EnvelopeMessage {
  return decodeAs('Envelope', bytes) as unknown as EnvelopeMessage;
}

export function encodeWebSocketMessage(message: WebSocketMessage): Uint8Array {
  return encodeAs('WebSocketMessage', message);
}

export function decodeWebSocketMessage(bytes: Uint8Array): WebSocketMessage {
  return decodeAs('WebSocketMessage', bytes) as WebSocketMessage;
}
