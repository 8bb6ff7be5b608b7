/** The account store in-process: round trip, exclusive atomic create, hostile files from disk. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { deriveAccountKeys, fromHex, isHushError } from '@hush/core';
import { createAccountStore } from '../src/account/account-store.ts';
import { parseAccount } from '../src/account/account-file.ts';

// session-client.md §1 [verified]: this 16-byte seed gives this Session ID.
const VECTOR_SEED = '0123456789abcdef0123456789abcdef';
const VECTOR_ID = '05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72';

let root = '';
let cleanup = async () => {};
let counter = 0;
const freshDir = () => join(root, `s${++counter}`, 'nested');

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'hush-store-'));
  cleanup = () => rm(root, { recursive: true, force: true });
});
after(() => cleanup());

describe('account store', () => {
  test('save then load: the known seed gives the known Session ID; modes are exact whatever the umask', async () => {
    const old = process.umask(0o277); // would leave r-- / r-x without the explicit chmods
    try {
      const store = createAccountStore({ dataDir: join(root, `u${++counter}`) });
      assert.equal(await store.exists(), false);
      const saved = await store.save(fromHex(VECTOR_SEED, 'seed'));
      assert.equal(saved.sessionId, VECTOR_ID);
      assert.equal(await store.exists(), true);
      const loaded = await store.load();
      assert.equal(loaded.sessionId, VECTOR_ID);
      assert.deepEqual(loaded.seed, fromHex(VECTOR_SEED, 'seed'));
      assert.equal(loaded.exposed, false);
      assert.equal((await stat(store.file)).mode & 0o777, 0o600);
      assert.equal((await stat(store.dataDir)).mode & 0o777, 0o700);
    } finally {
      process.umask(old);
    }
  });

  test('a 32-byte (legacy) seed round-trips too', async () => {
    const store = createAccountStore({ dataDir: freshDir() });
    const seed = new Uint8Array(32).fill(7);
    const saved = await store.save(seed);
    assert.equal(saved.sessionId, deriveAccountKeys(seed).sessionId);
    assert.deepEqual((await store.load()).seed, seed);
  });

  test('ten concurrent saves: exactly one wins, the rest get HUSH_ERR_ACCOUNT_EXISTS, no temp files', async () => {
    const store = createAccountStore({ dataDir: freshDir() });
    const seeds = Array.from({ length: 10 }, (_, i) => new Uint8Array(16).fill(i + 1));
    const results = await Promise.allSettled(seeds.map((s) => store.save(s)));
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    assert.equal(won.length, 1);
    for (const r of results) {
      if (r.status === 'rejected') assert.ok(isHushError(r.reason, 'HUSH_ERR_ACCOUNT_EXISTS'), String(r.reason));
    }
    assert.deepEqual((await store.load()).seed, seeds[won[0]!]);
    assert.deepEqual(await readdir(store.dataDir), ['account.json']);
  });

  test('save refuses a seed of the wrong size before touching the disk', async () => {
    const store = createAccountStore({ dataDir: freshDir() });
    await assert.rejects(store.save(new Uint8Array(20)), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_SEED'));
    assert.equal(await store.exists(), false);
  });

  test('load: no file → HUSH_ERR_NO_ACCOUNT; a directory, a huge file or bad UTF-8 → HUSH_ERR_BAD_ACCOUNT_FILE', async () => {
    const dir = freshDir();
    const store = createAccountStore({ dataDir: dir });
    await assert.rejects(store.load(), (e: unknown) => isHushError(e, 'HUSH_ERR_NO_ACCOUNT'));
    await mkdir(store.file, { recursive: true });
    await assert.rejects(store.load(), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE') && /regular file/.test(e.message));
    const big = createAccountStore({ dataDir: freshDir() });
    await mkdir(big.dataDir, { recursive: true });
    await writeFile(big.file, ' '.repeat(70_000));
    await assert.rejects(big.load(), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE') && /larger/.test(e.message));
    await writeFile(big.file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await assert.rejects(big.load(), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE') && /UTF-8/.test(e.message));
  });

  test('load does not hang on a FIFO or a device planted at the account path', async () => {
    const fifo = createAccountStore({ dataDir: freshDir() });
    await mkdir(fifo.dataDir, { recursive: true });
    execFileSync('mkfifo', [fifo.file]);
    await assert.rejects(fifo.load(), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE') && /regular file/.test(e.message));
    const device = createAccountStore({ dataDir: freshDir() });
    await mkdir(device.dataDir, { recursive: true });
    await symlink('/dev/zero', device.file);
    await assert.rejects(device.load(), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE') && /regular file/.test(e.message));
  });

  test('an existing file (even a dangling symlink) counts as an account: save refuses to replace it', async () => {
    const store = createAccountStore({ dataDir: freshDir() });
    await mkdir(store.dataDir, { recursive: true });
    await symlink(join(store.dataDir, 'elsewhere.json'), store.file);
    assert.equal(await store.exists(), true);
    await assert.rejects(store.save(new Uint8Array(16)), (e: unknown) => isHushError(e, 'HUSH_ERR_ACCOUNT_EXISTS'));
    await assert.rejects(readFile(join(store.dataDir, 'elsewhere.json')), 'the symlink target was not created');
  });
});

describe('account file parsing (hostile input)', () => {
  const file = '/x/account.json';
  const good = { version: 1, seed: VECTOR_SEED, session_id: VECTOR_ID };

  test('accepts the good file and ignores unknown fields', () => {
    assert.equal(parseAccount(JSON.stringify({ ...good, note: 'x' }), file).sessionId, VECTOR_ID);
  });

  test('any JSON value either parses to a consistent account or fails with HUSH_ERR_BAD_ACCOUNT_FILE', () => {
    const field = fc.oneof(fc.jsonValue(), fc.constant(VECTOR_SEED), fc.constant(VECTOR_ID), fc.constant(1));
    const record = fc.record({ version: field, seed: field, session_id: field }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(record, fc.jsonValue()), fc.boolean(), (value, raw) => {
        const text = raw ? JSON.stringify(value).slice(0, -1) : JSON.stringify(value);
        try {
          const parsed = parseAccount(text ?? '', file);
          assert.equal(deriveAccountKeys(parsed.seed).sessionId, parsed.sessionId);
        } catch (e) {
          assert.ok(isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE'), String(e));
          assert.ok(e.message.includes(file));
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a seed that does not derive the stored Session ID is refused', () => {
    const other = JSON.stringify({ ...good, seed: 'ff'.repeat(16) });
    assert.throws(() => parseAccount(other, file), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE') && /does not derive/.test(e.message));
    const upper = JSON.stringify({ ...good, session_id: VECTOR_ID.toUpperCase() });
    assert.throws(() => parseAccount(upper, file), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_ACCOUNT_FILE'));
  });
});
