/**
 * `hush account create|restore|show` and `hush start`, run as the real binary in temp directories.
 * What is checked is what a user (or a peer) would notice: the Session ID printed, that the phrase
 * restores the same ID, file permissions, refusals that leave files untouched, exit codes.
 */
import { strict as assert } from 'node:assert';
import { chmod, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeMnemonic, deriveAccountKeys, encodeMnemonic, randomBytes, toHex } from '@hush/core';
import { runCli, tempDir } from './run-cli.ts';
import type { CliResult } from './run-cli.ts';

const SESSION_ID_RE = /^05[0-9a-f]{64}$/;

let root = '';
let cleanup = async () => {};
let counter = 0;
/** A data directory path that does not exist yet. */
const freshDir = () => join(root, `d${++counter}`);

before(async () => {
  ({ path: root, cleanup } = await tempDir());
});
after(() => cleanup());

function sessionIdFromText(stdout: string): string {
  const m = /Session ID:\s+(05[0-9a-f]{64})\b/.exec(stdout);
  assert.ok(m, `no Session ID in output:\n${stdout}`);
  return m[1]!;
}

function parseJson(result: CliResult): Record<string, unknown> {
  const lines = result.stdout.trim().split('\n');
  assert.equal(lines.length, 1, `expected one JSON line, got:\n${result.stdout}`);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

function assertError(result: CliResult, exit: number, code: string): void {
  assert.equal(result.code, exit, `exit code; stderr:\n${result.stderr}`);
  assert.match(result.stderr, new RegExp(`^hush: .+ \\(${code}\\)$`, 'm'));
}

async function createJson(dataDir: string): Promise<{ sessionId: string; phrase: string }> {
  const r = await runCli(['--data-dir', dataDir, 'account', 'create', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const body = parseJson(r);
  assert.deepEqual(Object.keys(body).sort(), ['recovery_phrase', 'session_id']);
  assert.equal(typeof body['session_id'], 'string');
  assert.equal(typeof body['recovery_phrase'], 'string');
  return { sessionId: body['session_id'] as string, phrase: body['recovery_phrase'] as string };
}

/** A fresh account's phrase and Session ID, made with core directly (no child process needed). */
function newPhrase(): { sessionId: string; phrase: string } {
  const seed = randomBytes(16);
  return { sessionId: deriveAccountKeys(seed).sessionId, phrase: encodeMnemonic(seed) };
}

async function listOrMissing(dir: string): Promise<string[] | 'missing'> {
  try {
    return await readdir(dir);
  } catch {
    return 'missing';
  }
}

/** The phrase with word `position` (1-based) replaced. */
function replaceWord(phrase: string, position: number, word: string): string {
  const words = phrase.split(' ');
  words[position - 1] = word;
  return words.join(' ');
}

describe('hush account', { concurrency: 3 }, () => {
  test('create then show prints the same Session ID; the file is 0600 in a 0700 directory', async () => {
    const dir = freshDir();
    const created = await runCli(['--data-dir', dir, 'account', 'create']);
    assert.equal(created.code, 0, created.stderr);
    const id = sessionIdFromText(created.stdout);
    assert.match(id, SESSION_ID_RE);
    assert.match(created.stdout, /Recovery phrase:\s+(\S+ ){12}\S+\n/);
    const shown = await runCli(['account', 'show', '--data-dir', dir]); // options also after the command
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(sessionIdFromText(shown.stdout), id);
    assert.equal((await stat(join(dir, 'account.json'))).mode & 0o777, 0o600);
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(dir), ['account.json'], 'no temporary files left behind');
  });

  test('create --json: the phrase decodes to a 16-byte seed whose Session ID is the one printed', async () => {
    const dir = freshDir();
    const { sessionId, phrase } = await createJson(dir);
    assert.equal(phrase.split(' ').length, 13);
    const seed = decodeMnemonic(phrase);
    assert.equal(seed.length, 16);
    assert.equal(deriveAccountKeys(seed).sessionId, sessionId);
    const file = JSON.parse(await readFile(join(dir, 'account.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(file, { version: 1, seed: toHex(seed), session_id: sessionId });
    const shown = await runCli(['--json', '--data-dir', dir, 'account', 'show']);
    assert.deepEqual(parseJson(shown), { session_id: sessionId });
  });

  test('a second create refuses and leaves the account file untouched', async () => {
    const dir = freshDir();
    await createJson(dir);
    const before = await readFile(join(dir, 'account.json'));
    const again = await runCli(['--data-dir', dir, 'account', 'create']);
    assertError(again, 1, 'HUSH_ERR_ACCOUNT_EXISTS');
    assert.ok(again.stderr.includes(join(dir, 'account.json')), 'names the file');
    assert.equal(again.stdout, '');
    assert.deepEqual(await readFile(join(dir, 'account.json')), before);
    const json = await runCli(['--data-dir', dir, 'account', 'create', '--json']);
    assert.equal(json.code, 1);
    assert.equal((parseJson(json)['error'] as { code: string }).code, 'HUSH_ERR_ACCOUNT_EXISTS');
    assert.deepEqual(await readFile(join(dir, 'account.json')), before);
  });

  test('two concurrent creates: exactly one wins, the other refuses', async () => {
    const dir = freshDir();
    const results = await Promise.all([0, 1].map(() => runCli(['--data-dir', dir, 'account', 'create', '--json'])));
    const winners = results.filter((r) => r.code === 0);
    assert.equal(winners.length, 1, results.map((r) => r.stdout + r.stderr).join('\n'));
    const loser = results.find((r) => r.code !== 0)!;
    assert.equal((parseJson(loser)['error'] as { code: string }).code, 'HUSH_ERR_ACCOUNT_EXISTS');
    const file = JSON.parse(await readFile(join(dir, 'account.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(file['session_id'], parseJson(winners[0]!)['session_id']);
  });

  test('restore from stdin gives back the same Session ID', async () => {
    const { sessionId, phrase } = await createJson(freshDir());
    const dir = freshDir();
    const restored = await runCli(['--data-dir', dir, 'account', 'restore'], { input: `  ${phrase.toUpperCase()}\n` });
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(sessionIdFromText(restored.stdout), sessionId);
    assert.ok(!restored.stdout.includes(phrase) && !restored.stderr.includes(phrase), 'the phrase is not echoed');
    assert.equal((await stat(join(dir, 'account.json'))).mode & 0o777, 0o600);
    const shown = await runCli(['--data-dir', dir, 'account', 'show', '--json']);
    assert.deepEqual(parseJson(shown), { session_id: sessionId });
  });

  test('restore of the known vector phrase gives the known Session ID (--json)', async () => {
    // session-client.md §2: seed 0123456789abcdef0123456789abcdef.
    const phrase = 'vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept';
    const dir = freshDir();
    const r = await runCli(['--data-dir', dir, 'account', 'restore', '--json'], { input: phrase });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(parseJson(r), { session_id: '05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72' });
  });

  test('restore with a wrong word names its position and writes nothing', async () => {
    const { phrase } = newPhrase();
    const dir = freshDir();
    const r = await runCli(['--data-dir', dir, 'account', 'restore'], { input: replaceWord(phrase, 5, 'qqqxyz') });
    assertError(r, 1, 'HUSH_ERR_BAD_MNEMONIC_WORD');
    assert.match(r.stderr, /word 5\b/);
    assert.equal(await listOrMissing(dir), 'missing');
  });

  test('restore with a bad checksum word or a wrong word count fails and writes nothing', async () => {
    const { phrase } = newPhrase();
    const words = phrase.split(' ');
    const other = words[12] === 'abbey' ? 'zoom' : 'abbey';
    const dir = freshDir();
    const bad = await runCli(['--data-dir', dir, 'account', 'restore'], { input: replaceWord(phrase, 13, other) });
    assertError(bad, 1, 'HUSH_ERR_BAD_MNEMONIC_CHECKSUM');
    assert.match(bad.stderr, /checksum/);
    const short = await runCli(['--data-dir', dir, 'account', 'restore', '--json'], { input: words.slice(0, 11).join(' ') });
    assert.equal(short.code, 1);
    const err = parseJson(short)['error'] as { code: string; message: string };
    assert.equal(err.code, 'HUSH_ERR_BAD_MNEMONIC_LENGTH');
    assert.match(err.message, /11 words/);
    const empty = await runCli(['--data-dir', dir, 'account', 'restore'], { input: '' });
    assertError(empty, 1, 'HUSH_ERR_BAD_MNEMONIC_LENGTH');
    assert.equal(await listOrMissing(dir), 'missing');
  });

  test('a phrase on the command line is refused (exit 2), even with a valid phrase on stdin', async () => {
    const { phrase } = newPhrase();
    const dir = freshDir();
    const r = await runCli(['--data-dir', dir, 'account', 'restore', ...phrase.split(' ')], { input: phrase });
    assertError(r, 2, 'HUSH_ERR_USAGE');
    assert.match(r.stderr, /shell history/);
    assert.ok(!r.stderr.includes(phrase.split(' ')[0]!), 'the refused words are not echoed');
    assert.equal(await listOrMissing(dir), 'missing');
  });

  test('restore refuses to overwrite an existing account', async () => {
    const dir = freshDir();
    const { sessionId } = await createJson(dir);
    const other = newPhrase();
    const before = await readFile(join(dir, 'account.json'));
    const r = await runCli(['--data-dir', dir, 'account', 'restore'], { input: other.phrase });
    assertError(r, 1, 'HUSH_ERR_ACCOUNT_EXISTS');
    assert.deepEqual(await readFile(join(dir, 'account.json')), before);
    assert.equal(sessionIdFromText((await runCli(['--data-dir', dir, 'account', 'show'])).stdout), sessionId);
  });

  test('show without an account: exit 1 and a hint to create or restore', async () => {
    const dir = freshDir();
    const r = await runCli(['--data-dir', dir, 'account', 'show']);
    assertError(r, 1, 'HUSH_ERR_NO_ACCOUNT');
    assert.match(r.stderr, /hush account create/);
    assert.match(r.stderr, /hush account restore/);
    assert.equal(r.stdout, '');
    const json = await runCli(['--data-dir', dir, 'account', 'show', '--json']);
    assert.equal(json.code, 1);
    assert.equal(json.stderr, '');
    assert.equal((parseJson(json)['error'] as { code: string }).code, 'HUSH_ERR_NO_ACCOUNT');
  });

  test('a damaged account.json is reported clearly, naming the file and the problem', async () => {
    const dir = freshDir();
    const { sessionId } = await createJson(dir);
    const file = join(dir, 'account.json');
    const good = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const seed = good['seed'] as string;
    const flipped = `${seed.slice(0, -1)}${seed.endsWith('0') ? '1' : '0'}`;
    const cases: [string, RegExp][] = [
      ['{"version": 1, "seed": ', /not valid JSON/],
      [JSON.stringify({ ...good, seed: flipped }), /does not derive/],
      [JSON.stringify({ ...good, version: 2 }), /newer/],
      [JSON.stringify({ version: 1, seed }), /session_id/],
    ]; // more shapes: account-store.test.ts
    for (const [text, problem] of cases) {
      await writeFile(file, text);
      const r = await runCli(['--data-dir', dir, 'account', 'show']);
      assertError(r, 1, 'HUSH_ERR_BAD_ACCOUNT_FILE');
      assert.ok(r.stderr.includes(file), `names the file: ${r.stderr}`);
      assert.match(r.stderr, problem);
      assert.ok(!r.stderr.includes(seed) && !r.stderr.includes(flipped), 'never prints the seed');
    }
    await writeFile(file, JSON.stringify(good));
    await chmod(file, 0o644);
    const exposed = await runCli(['--data-dir', dir, 'account', 'show']);
    assert.equal(exposed.code, 0);
    assert.equal(sessionIdFromText(exposed.stdout), sessionId);
    assert.match(exposed.stderr, /warning: .*other users/);
  });

  test('HUSH_DATA_DIR and ~/.hush are the defaults, --data-dir overrides both', async () => {
    const home = freshDir();
    const envDir = freshDir();
    const inHome = await runCli(['account', 'create', '--json'], { home });
    assert.equal(inHome.code, 0, inHome.stdout + inHome.stderr);
    assert.deepEqual(await readdir(join(home, '.hush')), ['account.json']);
    const inEnv = await runCli(['account', 'create', '--json'], { home, env: { HUSH_DATA_DIR: envDir } });
    assert.equal(inEnv.code, 0, inEnv.stdout + inEnv.stderr);
    assert.notEqual(parseJson(inEnv)['session_id'], parseJson(inHome)['session_id']);
    const viaFlag = await runCli(['--data-dir', join(home, '.hush'), 'account', 'show', '--json'], { home, env: { HUSH_DATA_DIR: envDir } });
    assert.equal(parseJson(viaFlag)['session_id'], parseJson(inHome)['session_id']);
  });
});

describe('usage', { concurrency: 3 }, () => {
  test('unknown command or option: usage error, exit 2, with a hint', async () => {
    const r = await runCli(['acount', 'show']);
    assertError(r, 2, 'HUSH_ERR_USAGE');
    assert.match(r.stderr, /unknown command "acount" \(did you mean "account"\?\)/);
    assert.match(r.stderr, /hush --help/);
    const flag = await runCli(['account', 'show', '--jsno']);
    assertError(flag, 2, 'HUSH_ERR_USAGE');
    assert.match(flag.stderr, /--jsno/);
    const json = await runCli(['--json', 'frobnicate']);
    assert.equal(json.code, 2);
    assert.equal((parseJson(json)['error'] as { code: string }).code, 'HUSH_ERR_USAGE');
  });

  test('--help, help <command> and --version', async () => {
    const top = await runCli(['--help']);
    assert.equal(top.code, 0);
    for (const cmd of ['account create', 'account restore', 'account show', 'start']) assert.ok(top.stdout.includes(cmd), cmd);
    assert.match(top.stdout, /HUSH_DATA_DIR/);
    assert.match(top.stdout, /Exit status/);
    const sub = await runCli(['help', 'account', 'restore']);
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /standard input/);
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), `hush ${pkg.version}`);
  });
});
