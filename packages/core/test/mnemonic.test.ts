import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { fromHex, toHex } from '../src/bytes.ts';
import { HushError } from '../src/errors.ts';
import { deriveAccountKeys } from '../src/keys/account-keys.ts';
import { encodeMnemonic } from '../src/mnemonic/encode.ts';
import { MAX_MNEMONIC_PHRASE_LENGTH, decodeMnemonic } from '../src/mnemonic/decode.ts';
import { MNEMONIC_PREFIX_LENGTH, MNEMONIC_WORDS_ENGLISH } from '../src/mnemonic/wordlist-english.ts';
import { VECTORS, clientVectors as loadClientVectors, conformance } from './vectors.ts';
import { throwsHush } from './throws-hush.ts';

const WORDS = MNEMONIC_WORDS_ENGLISH;
const clientVectors = (prefix: string) => loadClientVectors<Record<string, string>, Record<string, string>>(prefix);

const VECTOR_16 = 'amaze buffet cake entrance symptoms tiger lamb maze nestle python dusted faxed faxed';
const seedArb = fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 32, maxLength: 32 }));

test('the word list: 1626 unique words with unique 3-letter prefixes, abbey…zoom', () => {
  assert.equal(WORDS.length, 1626);
  assert.equal(MNEMONIC_PREFIX_LENGTH, 3);
  assert.equal(WORDS[0], 'abbey');
  assert.equal(WORDS[1625], 'zoom');
  assert.equal(new Set(WORDS.map((w) => w.slice(0, 3))).size, 1626);
  assert.ok(Object.isFrozen(WORDS));
  const fileWords = readFileSync(new URL('../data/mnemonic-english.txt', VECTORS), 'utf8').split('\n').filter((w) => w !== '');
  assert.deepEqual([...WORDS], fileWords);
});

test('mnemonic_encode and mnemonic_decode conformance vectors', () => {
  const enc = conformance('mnemonic_encode');
  const dec = conformance('mnemonic_decode');
  assert.ok(enc.length >= 4 && dec.length >= 2);
  for (const v of enc) {
    assert.equal(encodeMnemonic(fromHex(v.input['seed'], 'seed')), v.expect['words'], v.name);
    assert.equal(toHex(decodeMnemonic(v.expect['words']!)), v.input['seed'], `${v.name} decodes back`);
  }
  for (const v of dec) assert.equal(toHex(decodeMnemonic(v.input['words']!)), v.expect['seed'], v.name);
});

test('session-client mnemonic.* vectors, including the derived 00112233… pair', () => {
  const vectors = clientVectors('mnemonic.encode.');
  assert.equal(vectors.length, 3);
  for (const v of vectors) {
    assert.equal(encodeMnemonic(fromHex(v.inputs['seed_hex'], 'seed')), v.expected['words'], v.name);
  }
  // From the notes of mnemonic.to_session_id.end_to_end.
  const words = 'python costume hamburger heels amnesty lukewarm antics value picked roped sowed southern amnesty';
  assert.equal(encodeMnemonic(fromHex('00112233445566778899aabbccddeeff', 'seed')), words);
  assert.equal(deriveAccountKeys(decodeMnemonic(words)).sessionId, '05aa654f00fc39fc69fd0db829410ca38177d7732a8d2f0934ab3872ac56d5aa74');
});

test('libsession word-list vector: SHA-512 test seed as 48 English words (tests/test_mnemonics.cpp)', () => {
  const seed = fromHex(
    '0dd5d9bc3d68c25a396f4aacd922a4d620a19cf3c9054cb825dd8a2c5420f4f3ca314c582ffef5388df36e2546cc9103dd1776a634f676e1e631289b8d280b2e',
    'seed',
  );
  const expected = (
    'threaten efficient wives skirting repent ashtray rural ammo reunion yoyo already tucks attire waxing uphill template ' +
    'ghetto anxiety utensils newt safety paper quote pebbles album gnaw puppy tidy foxes menu evenings spying wallets ' +
    'plotting fuselage geometry toilet cylinder swagger eels when tether cowl saga gossip vats bias federal'
  ).split(' ');
  for (const half of [0, 1]) {
    const part = seed.subarray(half * 32, half * 32 + 32);
    const words = expected.slice(half * 24, half * 24 + 24);
    assert.deepEqual(encodeMnemonic(part).split(' ').slice(0, 24), words);
    assert.equal(toHex(decodeMnemonic(words.join(' '))), toHex(part), '24 words without checksum decode');
  }
});

test('property: random 16- and 32-byte seeds round-trip through 13/25 words', () => {
  fc.assert(
    fc.property(seedArb, (seed) => {
      const words = encodeMnemonic(seed).split(' ');
      assert.equal(words.length, seed.length === 16 ? 13 : 25);
      for (const w of words) assert.ok(WORDS.includes(w), w);
      const data = words.slice(0, -1);
      assert.ok(data.includes(words.at(-1)!), 'the checksum word repeats a data word');
      assert.equal(toHex(decodeMnemonic(words.join(' '))), toHex(seed));
      assert.equal(toHex(decodeMnemonic(data.join(' '))), toHex(seed), 'without the checksum word');
    }),
    { numRuns: 200 },
  );
});

test('the largest 32-bit groups round-trip (all-0xff seed)', () => {
  const seed = fromHex('ff'.repeat(16), 'seed');
  assert.equal(toHex(decodeMnemonic(encodeMnemonic(seed))), 'ff'.repeat(16));
});

const SEPARATORS = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', ' \n '];
const typoArb = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), maxLength: 6 });

test('property: decode ignores case, spacing and typos after the 3-letter prefix', () => {
  fc.assert(
    fc.property(
      seedArb,
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2 }), typoArb, fc.constantFrom(...SEPARATORS)), {
        minLength: 25,
        maxLength: 25,
      }),
      (seed, edits) => {
        const words = encodeMnemonic(seed).split(' ');
        const typed = words.map((w, i) => {
          const [upper, mode, typo, sep] = edits[i]!;
          const base = mode === 0 ? w : mode === 1 ? w.slice(0, 3) : w.slice(0, 3) + typo;
          return (upper ? base.toUpperCase() : base) + sep;
        });
        const phrase = `  ${typed.join('')}\n`;
        assert.equal(toHex(decodeMnemonic(phrase)), toHex(seed));
      },
    ),
    { numRuns: 200 },
  );
});

test('libsession prefix cases: typos past the prefix, bare prefixes, typo in the checksum word', () => {
  const seed = '000102030405060708090a0b0c0d0e0f';
  const typos = 'amazing buffalo cakewalk entropy symbol tigger lambda mazurka nestling pythons dustpan faxing faxing';
  const prefixes = 'ama buf cak ent sym tig lam maz nes pyt dus fax fax';
  for (const phrase of [typos, prefixes, VECTOR_16.replace(/faxed$/, 'faxidermy'), VECTOR_16.toUpperCase()]) {
    assert.equal(toHex(decodeMnemonic(phrase)), seed, phrase);
  }
});

test('Unicode input: full-width letters, invisible format characters, a leading BOM', () => {
  const seed = '000102030405060708090a0b0c0d0e0f';
  const fullWidth = Array.from(VECTOR_16, (c) => (c === ' ' ? '\u3000' : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join('');
  assert.equal(toHex(decodeMnemonic(fullWidth)), seed);
  assert.equal(toHex(decodeMnemonic(`\ufeff${VECTOR_16.replace('buffet', 'bu\u200bffet')}`)), seed);
  throwsHush(() => decodeMnemonic(VECTOR_16.replace('buffet', 'bü')), 'HUSH_ERR_BAD_MNEMONIC_WORD', ['word 2']);
});

/** Independent model of the spec (§2): does this canonical word-index phrase pass decoding? */
function modelAccepts(indexes: readonly number[]): boolean {
  const n = 1626n;
  const data = indexes.slice(0, -1);
  for (let i = 0; i < data.length; i += 3) {
    const [a, b, c] = data.slice(i, i + 3).map(BigInt) as [bigint, bigint, bigint];
    if (a + n * ((n - a + b) % n) + n * n * ((n - b + c) % n) >= 2n ** 32n) return false;
  }
  const prefixes = data.map((i) => WORDS[i]!.slice(0, 3)).join('');
  return data[crc32(prefixes) % data.length] === indexes.at(-1);
}

test('property: a single word changed to another word is rejected, or the phrase is exactly another seed’s phrase', () => {
  let changes = 0;
  let rejected = 0;
  fc.assert(
    fc.property(seedArb, fc.nat(), fc.integer({ min: 1, max: 1625 }), (seed, at, shift) => {
      const indexes = encodeMnemonic(seed).split(' ').map((w) => WORDS.indexOf(w));
      const k = at % indexes.length;
      const altered = indexes.slice();
      altered[k] = (indexes[k]! + shift) % 1626; // a different word, so a different prefix
      const phrase = altered.map((i) => WORDS[i]).join(' ');
      changes++;
      let decoded: Uint8Array | undefined;
      try {
        decoded = decodeMnemonic(phrase);
      } catch (err) {
        assert.ok(err instanceof HushError, String(err));
        assert.ok(['HUSH_ERR_BAD_MNEMONIC_CHECKSUM', 'HUSH_ERR_BAD_MNEMONIC_WORD'].includes(err.code), err.code);
        if (k === indexes.length - 1) assert.equal(err.code, 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM', 'a changed checksum word');
      }
      assert.equal(decoded === undefined, !modelAccepts(altered), 'decode agrees with the spec model');
      if (decoded === undefined) {
        rejected++;
        return;
      }
      // Accepted: never a silent misreading. It is a different seed whose own phrase this is.
      assert.notEqual(toHex(decoded), toHex(seed));
      assert.equal(encodeMnemonic(decoded), phrase);
    }),
    { numRuns: 200, seed: 20240601 },
  );
  // The checksum picks one data word by CRC-32 mod 12 (or 24): it misses about 1 in 12 changes.
  assert.ok(rejected / changes > 0.85, `${rejected}/${changes} single-word changes caught`);
});

test('the checksum is order-sensitive and catches a changed data word (libsession cases)', () => {
  const w = VECTOR_16.split(' ');
  const swapped = [w[1], w[0], ...w.slice(2)].join(' ');
  throwsHush(() => decodeMnemonic(swapped), 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM', ['checksum']);
  throwsHush(() => decodeMnemonic(VECTOR_16.replace('faxed faxed', 'gagged faxed')), 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM');
  const err = throwsHush(() => decodeMnemonic(VECTOR_16.replace(/faxed$/, 'amaze')), 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM', ['word 13']);
  assert.equal(err.details['position'], 13);
  const long = encodeMnemonic(fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 's'));
  throwsHush(() => decodeMnemonic(long.replace(/boxes$/, 'zoom')), 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM', ['word 25']);
});

test('property: an unknown word at position k is reported with k and the word', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 13 }), fc.constantFrom('zzzunknown', 'Qx', 'a', 'xylophone', '12345', 'ab-c'), (k, bad) => {
      const words = VECTOR_16.split(' ');
      words[k - 1] = bad;
      const err = throwsHush(() => decodeMnemonic(words.join(' ')), 'HUSH_ERR_BAD_MNEMONIC_WORD', [`word ${k} `, `"${bad}"`]);
      assert.equal(err.details['position'], k);
      assert.equal(err.details['word'], bad);
    }),
    { numRuns: 60 },
  );
});

test('a word triple past 32 bits is rejected naming its position', () => {
  // abbey abbey zoom = 0 + 0 + 1625·1626² = 4,296,298,500 > 2^32 - 1 (libsession's overflow case).
  const first = ['abbey', 'abbey', 'zoom', ...Array(9).fill('abbey')].join(' ');
  const e1 = throwsHush(() => decodeMnemonic(first), 'HUSH_ERR_BAD_MNEMONIC_WORD', ['words 1-3']);
  assert.equal(e1.details['position'], 1);
  const second = ['abbey', 'abbey', 'abbey', 'abbey', 'abbey', 'zoom', ...Array(7).fill('abbey')].join(' ');
  const e2 = throwsHush(() => decodeMnemonic(second), 'HUSH_ERR_BAD_MNEMONIC_WORD', ['words 4-6']);
  assert.equal(e2.details['position'], 4);
});

test('wrong word counts are rejected saying the count and what is accepted', () => {
  const words = encodeMnemonic(new Uint8Array(32).fill(7)).split(' ');
  for (const count of [0, 1, 3, 11, 14, 23, 26, 40]) {
    const phrase = Array.from({ length: count }, (_, i) => words[i % words.length]).join(' ');
    const err = throwsHush(() => decodeMnemonic(phrase), 'HUSH_ERR_BAD_MNEMONIC_LENGTH', [`got ${count} words`, '13']);
    assert.equal(err.details['got'], count);
  }
  throwsHush(() => decodeMnemonic('   \n\t '), 'HUSH_ERR_BAD_MNEMONIC_LENGTH', ['got 0 words']);
});

test('hostile input: non-strings and oversized phrases', () => {
  for (const bad of [null, undefined, 13, ['abbey'], Buffer.from(VECTOR_16)]) {
    throwsHush(() => decodeMnemonic(bad as unknown as string), 'HUSH_ERR_BAD_ARGUMENT');
  }
  throwsHush(() => decodeMnemonic(VECTOR_16 + ' '.repeat(MAX_MNEMONIC_PHRASE_LENGTH)), 'HUSH_ERR_TOO_LARGE');
  assert.equal(toHex(decodeMnemonic(VECTOR_16.replace(/ /g, ' '.repeat(100)))), '000102030405060708090a0b0c0d0e0f');
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      try {
        decodeMnemonic(s);
      } catch (err) {
        assert.ok(err instanceof HushError, String(err));
      }
    }),
    { numRuns: 200 },
  );
});

test('encodeMnemonic rejects seeds that are not 16 or 32 bytes', () => {
  for (const len of [0, 4, 12, 15, 17, 20, 24, 31, 33, 64]) {
    const err = throwsHush(() => encodeMnemonic(new Uint8Array(len)), 'HUSH_ERR_BAD_SEED', [`got ${len} bytes`]);
    assert.equal(err.details['got'], len);
  }
  for (const bad of [null, 'seed', Array(16).fill(0)]) throwsHush(() => encodeMnemonic(bad as unknown as Uint8Array), 'HUSH_ERR_BAD_SEED');
  // A subarray view is read from its own offset.
  const backing = new Uint8Array(20);
  backing.set(fromHex('000102030405060708090a0b0c0d0e0f', 's'), 3);
  assert.equal(encodeMnemonic(backing.subarray(3, 19)), VECTOR_16);
});
