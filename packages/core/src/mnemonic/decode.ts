/**
 * Recovery phrase → seed (session-client.md §2; libsession-util `src/mnemonics/mnemonics.cpp`
 * `words_to_bytes`, read at commit 46f4282b).
 *
 * Accepted word counts, as libsession's `words_to_bytes` accepts them for seeds: 13 or 25 words
 * (12 or 24 data words + the checksum word) and also 12 or 24 words without the checksum word,
 * giving a 16- or 32-byte seed. session-desktop is stricter (13 words only); a phrase without its
 * checksum word cannot be checked for typos, so callers may want to warn when one is used.
 *
 * Input handling, following libsession: words are separated by any whitespace; each word is
 * normalised (NFKC here, a superset of libsession's NFC that also folds compatibility forms such as
 * full-width letters), invisible format characters (U+200B, U+FEFF...) are dropped, and case is
 * folded. A word is recognised by its first 3 code points, so anything typed after the prefix is
 * ignored, as in libsession. The checksum is compared by word index, so it is also prefix-based.
 *
 * The checksum is one data word picked by CRC-32 mod the data-word count: it catches about 11 in 12
 * single-word substitutions, not all of them. A phrase that passes is always exactly the encoding
 * of the returned seed (up to case and typos after the prefix), never a different reading of it.
 */
import { HushError } from '../errors.ts';
import { mnemonicChecksumIndex } from './encode.ts';
import { MNEMONIC_PREFIX_LENGTH, MNEMONIC_WORDS_ENGLISH } from './wordlist-english.ts';

/** Longest phrase accepted, in UTF-16 code units: 25 words with generous typos and spacing. */
export const MAX_MNEMONIC_PHRASE_LENGTH = 2048;

const N = MNEMONIC_WORDS_ENGLISH.length;
const ACCEPTED_WORD_COUNTS: readonly number[] = [12, 13, 24, 25];
const FORMAT_CHARS = /\p{Cf}/gu;

const PREFIX_TO_INDEX: ReadonlyMap<string, number> = buildPrefixMap();

function buildPrefixMap(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  MNEMONIC_WORDS_ENGLISH.forEach((w, i) => map.set(w.slice(0, MNEMONIC_PREFIX_LENGTH), i));
  if (map.size !== N) throw new Error('mnemonic word list prefixes are not unique');
  return Object.freeze(map);
}

/** The words as typed, and each one's lookup key (normalised, case-folded, format chars dropped). */
function splitPhrase(phrase: string): { typed: string[]; keys: string[] } {
  const typed: string[] = [];
  const keys: string[] = [];
  for (const token of phrase.split(/\s+/u)) {
    const key = token.normalize('NFKC').replace(FORMAT_CHARS, '').toLowerCase();
    if (key === '') continue;
    typed.push(token);
    keys.push(key);
  }
  return { typed, keys };
}

function checkWordCount(count: number): void {
  if (ACCEPTED_WORD_COUNTS.includes(count)) return;
  throw new HushError(
    'HUSH_ERR_BAD_MNEMONIC_LENGTH',
    `recovery phrase: got ${count} words, expected 13 (or 12 without the checksum word; 25 or 24 for a legacy 32-byte seed)`,
    { details: { field: 'recovery phrase', got: count, expected: [...ACCEPTED_WORD_COUNTS] } },
  );
}

function shown(word: string): string {
  return word.length > 40 ? `${word.slice(0, 40)}…` : word;
}

function wordIndex(key: string, typed: string, position: number): number {
  const prefix = Array.from(key.slice(0, 2 * MNEMONIC_PREFIX_LENGTH)).slice(0, MNEMONIC_PREFIX_LENGTH).join('');
  const index = PREFIX_TO_INDEX.get(prefix);
  if (index !== undefined) return index;
  throw new HushError('HUSH_ERR_BAD_MNEMONIC_WORD', `recovery phrase: word ${position} ("${shown(typed)}") is not in the word list`, {
    details: { field: 'recovery phrase', position, word: typed },
  });
}

/**
 * Inverse of encode's 3-word step. x = w1 + n·d2 + n²·d3 with d2, d3 < n, so x mod n = w1 always
 * holds (libsession's second check); the only invalid triples are those past 2^32 - 1.
 */
function decodeTriple(w1: number, w2: number, w3: number, position: number): number {
  const x = w1 + N * ((N - w1 + w2) % N) + N * N * ((N - w2 + w3) % N);
  if (x <= 0xffffffff && x % N === w1) return x;
  throw new HushError(
    'HUSH_ERR_BAD_MNEMONIC_WORD',
    `recovery phrase: words ${position}-${position + 2} do not form a valid group (value exceeds 32 bits)`,
    { details: { field: 'recovery phrase', position, positions: [position, position + 1, position + 2] } },
  );
}

function decodeData(indexes: readonly number[]): Uint8Array {
  const seed = new Uint8Array((indexes.length / 3) * 4);
  const view = new DataView(seed.buffer);
  for (let i = 0; i < indexes.length; i += 3) {
    view.setUint32((i / 3) * 4, decodeTriple(indexes[i]!, indexes[i + 1]!, indexes[i + 2]!, i + 1), true);
  }
  return seed;
}

function checkChecksum(data: readonly number[], checksumWord: number): void {
  if (data[mnemonicChecksumIndex(data)] === checksumWord) return;
  throw new HushError(
    'HUSH_ERR_BAD_MNEMONIC_CHECKSUM',
    `recovery phrase: the checksum word (word ${data.length + 1}) does not match; a word is mistyped, missing or out of order`,
    { details: { field: 'recovery phrase', position: data.length + 1 } },
  );
}

/**
 * Decodes a recovery phrase to its 16- or 32-byte seed. Errors: HUSH_ERR_BAD_MNEMONIC_LENGTH (word
 * count), HUSH_ERR_BAD_MNEMONIC_WORD (details.position is 1-based), HUSH_ERR_BAD_MNEMONIC_CHECKSUM.
 */
export function decodeMnemonic(phrase: string): Uint8Array {
  if (typeof phrase !== 'string') {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'recovery phrase: expected a string', { details: { field: 'recovery phrase' } });
  }
  if (phrase.length > MAX_MNEMONIC_PHRASE_LENGTH) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `recovery phrase: longer than ${MAX_MNEMONIC_PHRASE_LENGTH} characters`, {
      details: { field: 'recovery phrase', max: MAX_MNEMONIC_PHRASE_LENGTH, got: phrase.length },
    });
  }
  const { typed, keys } = splitPhrase(phrase);
  checkWordCount(keys.length);
  const indexes = keys.map((key, i) => wordIndex(key, typed[i]!, i + 1));
  const dataCount = Math.floor(indexes.length / 3) * 3;
  const data = indexes.slice(0, dataCount);
  const seed = decodeData(data);
  if (indexes.length > dataCount) checkChecksum(data, indexes[dataCount]!);
  return seed;
}
