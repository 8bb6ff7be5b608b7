/** Argument handling, help and error format, run in-process through `main` (fast). */
import { strict as assert } from 'node:assert';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runMain, tempDir } from './run-cli.ts';
import type { CliResult } from './run-cli.ts';

let root = '';
let cleanup = async () => {};
before(async () => {
  ({ path: root, cleanup } = await tempDir('hush-args-'));
});
after(() => cleanup());

function usageError(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const [first, hint] = r.stderr.trimEnd().split('\n');
  assert.match(first!, /^hush: .+ \(HUSH_ERR_USAGE\)$/);
  assert.match(first!, pattern);
  assert.match(hint!, /^Run "hush (--help|help [a-z ]+)" for usage\.$/);
}

describe('usage errors (exit 2)', () => {
  test('unknown commands and subcommands suggest the near one', async () => {
    usageError(await runMain(['strat']), /unknown command "strat" \(did you mean "start"\?\)/);
    usageError(await runMain(['account', 'shwo']), /unknown "account" command "shwo" \(did you mean "show"\?\)/);
    usageError(await runMain(['xyzzy']), /unknown command "xyzzy"\s\(HUSH/);
  });

  test('a command group alone names its commands', async () => {
    usageError(await runMain(['account']), /create, restore, show/);
  });

  test('unknown options, misplaced options and bad values name the option', async () => {
    usageError(await runMain(['account', 'show', '--jsn']), /unknown option --jsn \(did you mean --json\?\)/);
    usageError(await runMain(['account', 'show', '--recovery']), /did you mean --recovery-phrase\?/);
    usageError(await runMain(['account', 'create', '--recovery-phrase']), /--recovery-phrase does not apply to "hush account create"/);
    usageError(await runMain(['account', 'show', '--data-dir']), /--data-dir needs a value/);
    usageError(await runMain(['--data-dir', '-q', 'account', 'show']), /--data-dir needs a value/);
    usageError(await runMain(['account', 'show', '--data-dir=']), /--data-dir must not be empty/);
    usageError(await runMain(['--json=yes', 'account', 'show']), /--json takes no value/);
    usageError(await runMain(['-x']), /unknown option -x/);
  });

  test('commands that take no arguments say so', async () => {
    usageError(await runMain(['account', 'show', 'extra']), /"hush account show" takes no arguments, got "extra"/);
    usageError(await runMain(['start', 'now']), /takes no arguments/);
    usageError(await runMain(['help', 'start', 'now']), /unexpected argument "now"/);
    usageError(await runMain(['help', 'nope']), /unknown command "nope"/);
  });

  test('the hint points at the closest command help', async () => {
    const r = await runMain(['--data-dir', '/tmp/x', 'account', 'show', '--bogus']);
    assert.match(r.stderr, /Run "hush help account show" for usage\./);
  });

  test('with --json (anywhere before --) a usage error is one JSON object on stdout and nothing on stderr', async () => {
    for (const argv of [['--json', 'nope'], ['account', 'show', '--bogus', '--json'], ['account', '--json']]) {
      const r = await runMain(argv);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, '');
      const body = JSON.parse(r.stdout) as { error: { code: string; message: string } };
      assert.deepEqual(Object.keys(body), ['error']);
      assert.equal(body.error.code, 'HUSH_ERR_USAGE');
      assert.equal(typeof body.error.message, 'string');
    }
  });
});

describe('help and version (exit 0)', () => {
  test('no arguments, --help, -h and help all print the overview on stdout', async () => {
    const outputs = await Promise.all([[], ['--help'], ['-h'], ['help']].map((a) => runMain(a)));
    for (const r of outputs) {
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, outputs[0]!.stdout);
    }
    assert.match(outputs[0]!.stdout, /Usage: hush/);
  });

  test('help for a group and a command, by either spelling', async () => {
    const group = await runMain(['account', '--help']);
    assert.equal(group.code, 0);
    assert.match(group.stdout, /account <create\|restore\|show>/);
    const a = await runMain(['help', 'account', 'show']);
    const b = await runMain(['account', 'show', '-h']);
    assert.equal(a.code, 0);
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /--recovery-phrase/);
    const restore = await runMain(['help', 'account', 'restore']);
    assert.match(restore.stdout, /never taken from the command line/);
  });

  test('--version and -V, plain and as JSON', async () => {
    const plain = await runMain(['-V']);
    assert.match(plain.stdout, /^hush \d+\.\d+\.\d+\n$/);
    const json = await runMain(['--version', '--json']);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout) as object), ['version']);
  });
});

describe('data directory resolution', () => {
  test('--data-dir is resolved against the cwd and ~/ against the home directory', async () => {
    const r = await runMain(['--data-dir', 'rel', 'account', 'create', '--json'], { cwd: root, homedir: join(root, 'home') });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(await readdir(join(root, 'rel')), ['account.json']);
    const t = await runMain(['--data-dir=~/tilde', 'account', 'create', '--json'], { cwd: '/', homedir: join(root, 'home') });
    assert.equal(t.code, 0, t.stdout);
    assert.deepEqual(await readdir(join(root, 'home', 'tilde')), ['account.json']);
  });

  test('an empty HUSH_DATA_DIR means the default, ~/.hush', async () => {
    const home = join(root, 'home2');
    const r = await runMain(['account', 'create', '--json'], { homedir: home, env: { HUSH_DATA_DIR: '' } });
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(await readdir(join(home, '.hush')), ['account.json']);
  });

  test('a data directory that cannot be created is a runtime error naming the path (exit 1)', async () => {
    const blocked = join(root, 'rel', 'account.json', 'sub'); // under a regular file
    const r = await runMain(['--data-dir', blocked, 'account', 'create']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^hush: .*account\.json.* \(HUSH_ERR_IO\)$/m);
  });
});
