/**
 * `hush start` (npm start) as a real process in a fresh directory: the local network comes up,
 * the two ready accounts' web apps answer on 127.0.0.1 behind their tokens, Ctrl-C stops every
 * process it started, and a second run keeps the same accounts.
 */
import { strict as assert } from 'node:assert';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pidsUsing, startCli, stopCli, waitUntil, type RunningCli } from './cli-process.ts';
import { tempDir } from './run-cli.ts';

let root = '';
let cleanup = async (): Promise<void> => {};
const started: RunningCli[] = [];

before(async () => {
  ({ path: root, cleanup } = await tempDir('hush-start-'));
});

after(async () => {
  for (const cli of started) if (cli.child.exitCode === null) await stopCli(cli, 'SIGKILL', 5_000);
  await waitUntil(() => pidsUsing(root).length === 0, 10_000);
  await cleanup();
});

interface Up {
  readonly devnet_file: string;
  readonly profiles: { name: string; display_name: string; session_id: string; data_dir: string; url: string; created: boolean }[];
}

async function up(): Promise<{ cli: RunningCli; body: Up }> {
  const cli = startCli(['start', '--json', '--nodes', '5'], { HUSH_DATA_DIR: root });
  started.push(cli);
  const out = await cli.waitForStdout((s) => s.includes('\n'), 240_000);
  return { cli, body: JSON.parse(out.split('\n')[0]!) as Up };
}

async function get(url: string, token?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

test('npm start: network, two accounts with their web apps, clean stop, same accounts next time', { timeout: 480_000 }, async () => {
  const first = await up();
  const [alice, bob] = first.body.profiles;
  assert.ok(alice && bob);
  assert.deepEqual([alice.display_name, bob.display_name], ['Alice', 'Bob']);
  assert.notEqual(alice.session_id, bob.session_id);
  assert.ok(alice.created && bob.created);
  const devnet = JSON.parse(await readFile(first.body.devnet_file, 'utf8')) as { nodes: unknown[] };
  assert.equal(devnet.nodes.length, 5);
  for (const p of [alice, bob]) {
    const url = new URL(p.url);
    assert.equal(url.hostname, '127.0.0.1');
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.equal((await get(`${url.origin}/`)).status, 200, 'the app page');
    assert.equal((await get(`${url.origin}/api/account`)).status, 401, 'the API needs the token');
    const account = await get(`${url.origin}/api/account`, token);
    assert.equal(account.status, 200);
    assert.equal((JSON.parse(account.text) as { sessionId: string }).sessionId, p.session_id);
    assert.equal((await stat(join(p.data_dir, 'account.json'))).mode & 0o777, 0o600);
  }
  assert.equal(await stopCli(first.cli, 'SIGINT', 60_000), 0);
  assert.ok(await waitUntil(() => pidsUsing(root).length === 0, 15_000), `left running: ${pidsUsing(root).join(' ')}`);

  const second = await up();
  assert.deepEqual(second.body.profiles.map((p) => [p.session_id, p.created]), [[alice.session_id, false], [bob.session_id, false]]);
  assert.equal(await stopCli(second.cli, 'SIGTERM', 60_000), 0);
});
