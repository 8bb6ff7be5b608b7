/**
 * Seed → recovery phrase (session-client.md §2; libsession-util `src/mnemonics/mnemonics.cpp`
 * `bytes_to_words`, session-desktop `ts/session/crypto/mnemonic.ts` `mn_encode`).
 *
 * Every 4 bytes, read as a little-endian uint32 x, become 3 words: w1 = x mod n,
 * w2 = (x/n + w1) mod n, w3 = (x/n² + w2) mod n with n = 1626. A checksum word is appended: the data
 * word at index CRC-32(concatenated 3-letter prefixes of the data words) mod (number of data words).
 */
import { crc32 } from 'node:zlib';
import { HushError } from '../errors.ts';
import { MNEMONIC_PREFIX_LENGTH, MNEMONIC_WORDS_ENGLISH } from './wordlist-english.ts';

const N = MNEMONIC_WORDS_ENGLISH.length;

function word(index: number): string {
  const w = MNEMONIC_WORDS_ENGLISH[index];
  if (w === undefined) throw new RangeError(`mnemonic word index ${index} out of range`);
  return w;
}

/**
 * Index (into `dataWords`) of the word repeated as the checksum word. Shared with decode: both
 * sides hash the canonical prefixes, so a typo past the prefix never changes the checksum.
 */
export function mnemonicChecksumIndex(dataWords: readonly number[]): number {
  const prefixes = dataWords.map((i) => word(i).slice(0, MNEMONIC_PREFIX_LENGTH)).join('');
  return crc32(prefixes) % dataWords.length;
}

function encodeWordIndexes(seed: Uint8Array): number[] {
  const view = new DataView(seed.buffer, seed.byteOffset, seed.byteLength);
  const indexes: number[] = [];
  for (let off = 0; off < seed.length; off += 4) {
    const x = view.getUint32(off, true);
    const w1 = x % N;
    const w2 = (Math.floor(x / N) + w1) % N;
    const w3 = (Math.floor(x / (N * N)) + w2) % N;
    indexes.push(w1, w2, w3);
  }
  return indexes;
}

/**
 * Encodes a 16-byte seed as 13 words or a 32-byte seed as 25 words (data words + checksum word),
 * joined by single spaces. Other lengths throw HUSH_ERR_BAD_SEED.
 */
export function encodeMnemonic(seed: Uint8Array): string {
  if (!(seed instanceof Uint8Array) || (seed.length !== 16 && seed.length !== 32)) {
    const got = seed instanceof Uint8Array ? `${seed.length} bytes` : 'not bytes';
    throw new HushError('HUSH_ERR_BAD_SEED', `seed: expected 16 or 32 bytes, got ${got}`, {
      details: { field: 'seed', expected: [16, 32], got: seed instanceof Uint8Array ? seed.length : typeof seed },
    });
  }
  const indexes = encodeWordIndexes(seed);
  const checksum = indexes[mnemonicChecksumIndex(indexes)];
  if (checksum === undefined) throw new RangeError('checksum index out of range');
  return [...indexes, checksum].map(word).join(' ');
}
