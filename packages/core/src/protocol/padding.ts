/**
 * Plaintext padding for 1:1 and community messages (spec session-client.md §3.2).
 *
 * Senders use libsession's `pad_message`: the message, one 0x80 terminator, then zero bytes up to
 * a multiple of 160. A message whose length + 1 is already a multiple of 160 still gets a whole
 * extra block of zeros (160 − 0 = 160), exactly as libsession computes it.
 */
import { assertBytes } from '../bytes.ts';
import { HushError } from '../errors.ts';

export const MESSAGE_PADDING_BLOCK = 160;
const TERMINATOR = 0x80;

/** Size of `padMessage` output for a message of `length` bytes. */
export function paddedMessageLength(length: number): number {
  const withTerminator = length + 1;
  return withTerminator + (MESSAGE_PADDING_BLOCK - (withTerminator % MESSAGE_PADDING_BLOCK));
}

export function padMessage(message: Uint8Array): Uint8Array {
  assertBytes(message, 'message');
  const padded = new Uint8Array(paddedMessageLength(message.length));
  padded.set(message);
  padded[message.length] = TERMINATOR;
  return padded;
}

/**
 * Removes the padding: scanning from the end, zero bytes are skipped and the first 0x80 met is
 * cut off together with everything after it. Lenient like every Session receiver: when another
 * byte is met before any 0x80, the input is taken as unpadded and returned whole (old desktop's
 * rule; libsession would also strip the trailing zeros, which can corrupt an unpadded protobuf
 * ending in a zero varint). Input with no byte other than 0x00 (or empty input) carries no
 * message: HUSH_ERR_BAD_PADDING.
 *
 * Returns a view into `padded` (no copy).
 */
export function unpadMessage(padded: Uint8Array): Uint8Array {
  assertBytes(padded, 'padded message');
  for (let i = padded.length - 1; i >= 0; i--) {
    const byte = padded[i];
    if (byte === TERMINATOR) return padded.subarray(0, i);
    if (byte !== 0) return padded;
  }
  throw new HushError('HUSH_ERR_BAD_PADDING', 'padded message: no 0x80 terminator and no content', {
    details: { field: 'padded message', length: padded.length },
  });
}
