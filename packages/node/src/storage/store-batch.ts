/**
 * The wire format of a group-commit batch made only of `store` ops (every client store, the hot
 * path), and of its replies: one ArrayBuffer each way, transferred, instead of a structured clone
 * of an object per op (two typed arrays, five properties) and of an object per reply. Other
 * batches, and replies with an error among them, still cross as plain structured-cloned data.
 *
 * Batch: count (u32) then per op: flags (u8, bit 0 = public outbox) || namespace (i16) ||
 * timestamp (f64) || expiry (f64) || owner length (u8) || owner || hash length (u16) || hash
 * (UTF-8) || data length (u32) || data. Little-endian. Decoded ops view the buffer (no copy).
 * Replies: per op, outcome code (f64) || expiry (f64) — a Float64Array.
 */
import type { StoreOutcome, WriteOp, WriteReply, WriteResults } from './write-ops.ts';

export type StoreOp = Extract<WriteOp, { op: 'store' }>;

const OUTCOMES: readonly StoreOutcome[] = ['new', 'exists', 'extended', 'full'];

/** A store op this format can carry (every one the RPC layer makes: 33-byte owner, 16-bit namespace, 43-char hash). */
export function isPackableStore(op: WriteOp): op is StoreOp {
  if (op.op !== 'store') return false;
  const { msg } = op;
  return msg.owner.length <= 255 && msg.hash.length <= 16_000 && Number.isInteger(msg.namespace) && msg.namespace >= -32768 && msg.namespace <= 32767;
}

export function encodeStoreBatch(ops: readonly StoreOp[]): ArrayBuffer {
  let size = 4;
  for (const { msg } of ops) size += 26 + msg.owner.length + Buffer.byteLength(msg.hash) + msg.data.length;
  const out = Buffer.from(new ArrayBuffer(size));
  let at = out.writeUInt32LE(ops.length, 0);
  for (const { msg, publicOutbox } of ops) {
    at = out.writeUInt8(publicOutbox ? 1 : 0, at);
    at = out.writeInt16LE(msg.namespace, at);
    at = out.writeDoubleLE(msg.timestamp, at);
    at = out.writeDoubleLE(msg.expiry, at);
    at = out.writeUInt8(msg.owner.length, at);
    out.set(msg.owner, at);
    at += msg.owner.length;
    const hashLength = out.write(msg.hash, at + 2, 'utf8');
    out.writeUInt16LE(hashLength, at);
    at += 2 + hashLength;
    at = out.writeUInt32LE(msg.data.length, at);
    out.set(msg.data, at);
    at += msg.data.length;
  }
  return out.buffer;
}

/** The ops of a batch from encodeStoreBatch; throws RangeError on a truncated buffer. */
export function decodeStoreBatch(buf: ArrayBuffer): StoreOp[] {
  const b = Buffer.from(buf);
  const count = b.readUInt32LE(0);
  const ops: StoreOp[] = [];
  let at = 4;
  for (let i = 0; i < count; i++) {
    const publicOutbox = (b.readUInt8(at) & 1) === 1;
    const namespace = b.readInt16LE(at + 1);
    const timestamp = b.readDoubleLE(at + 3);
    const expiry = b.readDoubleLE(at + 11);
    const ownerLength = b.readUInt8(at + 19);
    at += 20;
    const owner = take(b, at, ownerLength);
    at += ownerLength;
    const hashLength = b.readUInt16LE(at);
    const hash = take(b, at + 2, hashLength).toString('utf8');
    at += 2 + hashLength;
    const dataLength = b.readUInt32LE(at);
    const data = take(b, at + 4, dataLength);
    at += 4 + dataLength;
    ops.push({ op: 'store', msg: { owner, namespace, hash, timestamp, expiry, data }, publicOutbox });
  }
  return ops;
}

function take(b: Buffer, at: number, length: number): Buffer {
  if (at + length > b.length) throw new RangeError('store batch is truncated');
  return b.subarray(at, at + length);
}

/** Packed replies when every one is a successful store result; null otherwise (send them as they are). */
export function encodeStoreReplies(replies: readonly WriteReply[]): ArrayBuffer | null {
  const out = new Float64Array(replies.length * 2);
  for (let i = 0; i < replies.length; i++) {
    const r = replies[i]!;
    if (!r.ok) return null;
    const { outcome, expiry } = r.value as WriteResults['store'];
    const code = OUTCOMES.indexOf(outcome);
    if (code < 0) return null;
    out[2 * i] = code;
    out[2 * i + 1] = expiry;
  }
  return out.buffer;
}

export function decodeStoreReplies(buf: ArrayBuffer): WriteReply[] {
  const v = new Float64Array(buf);
  const replies: WriteReply[] = [];
  for (let i = 0; i + 1 < v.length; i += 2) replies.push({ ok: true, value: { outcome: OUTCOMES[v[i]!]!, expiry: v[i + 1]! } });
  return replies;
}
