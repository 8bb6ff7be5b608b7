/**
 * The hop link's frames (ALPN `hush-onion/1`, a Hush extension; Session nodes forward onion
 * layers over HTTPS or OxenMQ). All integers little-endian; one TLS connection carries many
 * requests at once, matched by id:
 *   request  frame: u32 id, u32 length, `length` bytes of onion wire (exactly an /onion_req/v2 body)
 *   response frame: u32 id, u32 length, then within `length`:
 *                   u16 status, u8 content kind, [kind 3: u8 n, n bytes of content type], body
 * Content kinds: 0 text/plain; charset=utf-8, 1 application/octet-stream, 2 application/json,
 * 3 any other type (a relayed server's answer keeps its Content-Type, as over HTTP).
 */
import { OCTETS, TEXT, type OnionReply } from './onion-reply.ts';

export const HOP_LINK_ALPN = 'hush-onion/1';
export const FRAME_HEADER_BYTES = 8;

const JSON_TYPE = 'application/json';
const KIND_TYPES: readonly string[] = [TEXT, OCTETS, JSON_TYPE];
const NAMED = 3;
/** Header field characters of a content type we pass on (visible ASCII and space). */
const TYPE_CHARS = /^[\x20-\x7e]{1,255}$/;

export interface FrameReply {
  readonly status: number;
  readonly body: Buffer;
  readonly contentType: string;
}

function frame(id: number, payloadLength: number): Buffer {
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadLength);
  out.writeUInt32LE(id, 0);
  out.writeUInt32LE(payloadLength, 4);
  return out;
}

export function requestFrame(id: number, wire: Uint8Array): Buffer {
  const out = frame(id, wire.byteLength);
  out.set(wire, FRAME_HEADER_BYTES);
  return out;
}

/** A reply as a response frame; a content type not sendable as a header goes as text/plain. */
export function responseFrame(id: number, reply: OnionReply): Buffer {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  let kind = KIND_TYPES.indexOf(reply.contentType);
  const named = kind === -1 && TYPE_CHARS.test(reply.contentType) ? Buffer.from(reply.contentType, 'latin1') : null;
  if (kind === -1) kind = named === null ? 0 : NAMED;
  const head = 3 + (named === null ? 0 : 1 + named.length);
  const out = frame(id, head + body.byteLength);
  out.writeUInt16LE(reply.status, FRAME_HEADER_BYTES);
  out[FRAME_HEADER_BYTES + 2] = kind;
  if (named !== null) {
    out[FRAME_HEADER_BYTES + 3] = named.length;
    named.copy(out, FRAME_HEADER_BYTES + 4);
  }
  out.set(body, FRAME_HEADER_BYTES + head);
  return out;
}

/** Length of a response frame body holding `reply` (to check it against the frame limit first). */
export function responseFrameLength(reply: OnionReply): number {
  const body = typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.byteLength;
  return 3 + 256 + body;
}

/** The reply in a response frame body, or a reason it is malformed. */
export function parseResponse(payload: Buffer): FrameReply | string {
  if (payload.length < 3) return 'response frame shorter than its header';
  const status = payload.readUInt16LE(0);
  if (status < 100 || status > 599) return 'response status out of range';
  const kind = payload[2]!;
  if (kind < NAMED) return { status, body: payload.subarray(3), contentType: KIND_TYPES[kind]! };
  if (kind !== NAMED) return 'unknown content kind';
  const n = payload.length > 3 ? payload[3]! : 0;
  const type = payload.subarray(4, 4 + n).toString('latin1');
  if (payload.length < 4 + n || !TYPE_CHARS.test(type)) return 'bad content type';
  return { status, body: payload.subarray(4 + n), contentType: type };
}
