/**
 * Cuts a byte stream into hop-link frames (`u32 id, u32 length, body`, see hop-link-frame.ts)
 * without buffering more than one frame: a header declaring a body over `maxLength` stops the
 * reader at once (the caller destroys the connection). Bodies are views into the received
 * chunks; chunks are joined only when a header or a body spans several of them.
 */
import { FRAME_HEADER_BYTES } from './hop-link-frame.ts';

export interface FrameReader {
  /** Adds received bytes, calling `onFrame` for each whole frame; false once a frame is over the limit. */
  push(chunk: Buffer): boolean;
  /** Bytes held for a frame not yet whole. */
  buffered(): number;
  /** Whole frames read so far. */
  frames(): number;
}

export function createFrameReader(maxLength: number, onFrame: (id: number, body: Buffer) => void): FrameReader {
  let chunks: Buffer[] = [];
  let size = 0;
  let count = 0;
  let failed = false;

  const joined = (): Buffer => {
    if (chunks.length > 1) chunks = [Buffer.concat(chunks, size)];
    return chunks[0]!;
  };

  /** One frame off the front when it is whole: true when one was taken. */
  const take = (): boolean => {
    let head = chunks[0]!.length >= FRAME_HEADER_BYTES ? chunks[0]! : joined();
    const length = head.readUInt32LE(4);
    if (length > maxLength) {
      failed = true;
      chunks = [];
      size = 0;
      return false;
    }
    const total = FRAME_HEADER_BYTES + length;
    if (size < total) return false;
    if (head.length < total) head = joined();
    const id = head.readUInt32LE(0);
    const body = head.subarray(FRAME_HEADER_BYTES, total);
    if (head.length === total) chunks.shift();
    else chunks[0] = head.subarray(total);
    size -= total;
    count++;
    onFrame(id, body);
    return true;
  };

  return {
    push(chunk) {
      if (failed) return false;
      chunks.push(chunk);
      size += chunk.length;
      while (!failed && size >= FRAME_HEADER_BYTES && take());
      return !failed;
    },
    buffered: () => size,
    frames: () => count,
  };
}
