/**
 * The daemon's HTTP surface without a network: the access token, the Host/Origin checks, request
 * bodies (bad JSON, wrong type, too large), static files and path traversal, the WebSocket, and
 * onboarding (create / restore / phrase) with an in-memory client in place of the real one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { decodeMnemonic, deriveAccountKeys } from '@hush/core';
import { createAccountStore } from '@hush/client';
import { startDaemon, type Daemon } from '../src/index.ts';
import { createFakeClient, type FakeClient } from './fake-client.ts';

const root = mkdtempSync(join(tmpdir(), 'hush-daemon-http-'));
const webDir = join(root, 'web');
const SECRET = 'secret outside dist';
const INDEX = '<!doctype html><title>Hush test page</title>';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: unknown;
}

interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly token?: string | null;
  /** Stream the body without Content-Length. */
  readonly chunked?: boolean;
}

function send(daemon: Daemon, path: string, o: RequestOptions = {}): Promise<Reply> {
  const token = o.token === undefined ? daemon.token : o.token;
  const headers: Record<string, string> = { ...(token === null ? {} : { Authorization: `Bearer ${token}` }), ...o.headers };
  if (o.body !== undefined && !o.chunked) headers['Content-Length'] = String(Buffer.byteLength(o.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: daemon.port, path, method: o.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

const postJson = (daemon: Daemon, path: string, value: unknown, o: RequestOptions = {}): Promise<Reply> =>
  send(daemon, path, { method: 'POST', body: JSON.stringify(value), ...o, headers: { 'Content-Type': 'application/json', ...o.headers } });

function errorCode(reply: Reply): unknown {
  return (reply.json as { error?: { code?: unknown } } | null)?.error?.code;
}

function makeWebDir(): void {
  mkdirSync(join(webDir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'dist', 'index.html'), INDEX);
  writeFileSync(join(webDir, 'dist', 'assets', 'app-1234.js'), 'console.log("hi")');
  writeFileSync(join(webDir, 'secret.txt'), SECRET);
  symlinkSync(join(webDir, 'secret.txt'), join(webDir, 'dist', 'link.txt'));
}

const fakes: FakeClient[] = [];

async function fakeFactory(options: { dataDir: string }): Promise<FakeClient> {
  const account = await createAccountStore({ dataDir: options.dataDir }).load();
  const client = createFakeClient(account.sessionId);
  fakes.push(client);
  return client;
}

function daemonFor(dataDir: string, createClient = fakeFactory): Promise<Daemon> {
  return startDaemon({ dataDir, network: join(root, 'no-such-devnet.json'), webDir, buildWeb: false, createClient, limits: { clientRetryDelayMs: 60_000 } });
}

let daemon: Daemon;
before(async () => {
  makeWebDir();
  daemon = await daemonFor(join(root, 'account-a'));
});
after(async () => {
  await daemon.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('access token', () => {
  test('the printed URL carries a 64-hex-digit token in its fragment, on 127.0.0.1', () => {
    assert.match(daemon.url, new RegExp(`^http://127\\.0\\.0\\.1:${daemon.port}/#token=[0-9a-f]{64}$`));
  });

  test('an API request without the token, or with another one, is refused with 401 and a code', async () => {
    for (const token of [null, 'ab'.repeat(32)]) {
      const reply = await send(daemon, '/api/account', { token });
      assert.equal(reply.status, 401);
      assert.equal(errorCode(reply), 'HUSH_ERR_UNAUTHORIZED');
      assert.match((reply.json as { error: { message: string } }).error.message, /hush app/);
    }
  });

  test('the token in the query string is accepted only for the WebSocket, not for REST', async () => {
    const reply = await send(daemon, `/api/account?token=${daemon.token}`, { token: null });
    assert.equal(reply.status, 401);
  });

  test('with the token, the account state is answered (no account yet)', async () => {
    const reply = await send(daemon, '/api/account');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { status: 'none' });
    assert.equal(reply.headers['cache-control'], 'no-store');
  });
});

describe('Host header (DNS rebinding)', () => {
  test('another host name is refused with 403, for the API and for the page', async () => {
    for (const path of ['/api/account', '/']) {
      const reply = await send(daemon, path, { headers: { Host: `evil.example:${daemon.port}` } });
      assert.equal(reply.status, 403, path);
      assert.equal(errorCode(reply), 'HUSH_ERR_FORBIDDEN');
      assert.ok(!reply.text.includes('Hush test page'));
    }
  });

  test('localhost and 127.0.0.1 with this port are answered; another port is not', async () => {
    assert.equal((await send(daemon, '/', { headers: { Host: `localhost:${daemon.port}` } })).status, 200);
    assert.equal((await send(daemon, '/', { headers: { Host: `127.0.0.1:${daemon.port}` } })).status, 200);
    assert.equal((await send(daemon, '/', { headers: { Host: `127.0.0.1:${daemon.port + 1}` } })).status, 403);
  });
});

describe('request bodies', () => {
  test('bad JSON is 400 HUSH_ERR_BAD_JSON', async () => {
    const reply = await send(daemon, '/api/session-ids/check', { method: 'POST', body: '{"value": ', headers: { 'Content-Type': 'application/json' } });
    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), 'HUSH_ERR_BAD_JSON');
  });

  test('a body that is not declared as JSON is refused', async () => {
    const reply = await send(daemon, '/api/session-ids/check', { method: 'POST', body: 'value=05', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), 'HUSH_ERR_BAD_JSON');
  });

  test('a body over 64 KiB is 413 HUSH_ERR_TOO_LARGE, with or without Content-Length', async () => {
    const big = JSON.stringify({ value: 'x'.repeat(70 * 1024) });
    for (const chunked of [false, true]) {
      const reply = await send(daemon, '/api/session-ids/check', { method: 'POST', body: big, chunked, headers: { 'Content-Type': 'application/json' } });
      assert.equal(reply.status, 413, `chunked: ${chunked}`);
      assert.equal(errorCode(reply), 'HUSH_ERR_TOO_LARGE');
    }
  });

  test('JSON of the wrong shape names the field', async () => {
    const reply = await postJson(daemon, '/api/session-ids/check', [1, 2]);
    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), 'HUSH_ERR_BAD_ARGUMENT');
    const field = await postJson(daemon, '/api/session-ids/check', { value: 42 });
    assert.match((field.json as { error: { message: string } }).error.message, /^value: expected a string/);
  });

  test('an unknown API path is 404, a known one with another method 405', async () => {
    const missing = await send(daemon, '/api/nope');
    assert.equal(missing.status, 404);
    assert.equal(errorCode(missing), 'HUSH_ERR_NOT_FOUND');
    const method = await send(daemon, '/api/account', { method: 'DELETE' });
    assert.equal(method.status, 405);
  });
});

describe('static files', () => {
  test('the page and its assets are served without the token, with a strict CSP', async () => {
    const page = await send(daemon, '/', { token: null });
    assert.equal(page.status, 200);
    assert.equal(page.text, INDEX);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    const asset = await send(daemon, '/assets/app-1234.js', { token: null });
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['content-type']), /^text\/javascript/);
    assert.match(String(asset.headers['cache-control']), /immutable/);
  });

  test('no path leads outside dist/: dot-dot (plain and encoded), backslashes, NUL, symlinks', async () => {
    const paths = ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/index.html%00.js', '/link.txt', '/%E0%A4%A'];
    for (const path of paths) {
      const reply = await send(daemon, path, { token: null });
      assert.equal(reply.status, 404, path);
      assert.ok(!reply.text.includes(SECRET), path);
    }
  });

  test('a missing file is 404 and only GET/HEAD are allowed', async () => {
    assert.equal((await send(daemon, '/nothing.js')).status, 404);
    assert.equal((await send(daemon, '/', { method: 'POST', body: '' })).status, 405);
    const head = await send(daemon, '/', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });
});

function openSocket(d: Daemon, query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; first: unknown } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${d.port}/api/events${query}`, { headers });
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(String(data)) }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
  });
}

describe('WebSocket /api/events', () => {
  test('refused without the token (401) or from another origin (403)', async () => {
    assert.deepEqual(await openSocket(daemon, ''), { status: 401 });
    assert.deepEqual(await openSocket(daemon, `?token=${'00'.repeat(32)}`), { status: 401 });
    assert.deepEqual(await openSocket(daemon, `?token=${daemon.token}`, { Origin: 'http://evil.example' }), { status: 403 });
  });

  test('with the token it says hello with the account state', async () => {
    const opened = await openSocket(daemon, `?token=${daemon.token}`, { Origin: `http://127.0.0.1:${daemon.port}` });
    assert.ok('ws' in opened);
    assert.deepEqual(opened.first, { type: 'hello', data: { account: { status: 'none' } } });
    opened.ws.close();
  });
});

function nextEvent(ws: WebSocket, type: string): Promise<{ type: string; data: unknown }> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown): void => {
      const event = JSON.parse(String(data)) as { type: string; data: unknown };
      if (event.type !== type) return;
      ws.off('message', onMessage);
      resolve(event);
    };
    ws.on('message', onMessage);
  });
}

describe('onboarding', () => {
  test('a wrong recovery phrase is refused, naming the word, and writes nothing', async () => {
    const d = await daemonFor(join(root, 'restore-bad'));
    try {
      const reply = await postJson(d, '/api/account/restore', { phrase: 'abbey abbey zzzqx abbey abbey abbey abbey abbey abbey abbey abbey abbey abbey' });
      assert.equal(reply.status, 400);
      assert.equal(errorCode(reply), 'HUSH_ERR_BAD_MNEMONIC_WORD');
      assert.match((reply.json as { error: { message: string } }).error.message, /word 3/);
      assert.deepEqual((await send(d, '/api/account')).json, { status: 'none' });
    } finally {
      await d.stop();
    }
  });

  test('create: a 13-word phrase that really is the account, to confirm once; then the client runs', async () => {
    const d = await daemonFor(join(root, 'create'));
    const opened = await openSocket(d, `?token=${d.token}`);
    assert.ok('ws' in opened);
    try {
      const ready = nextEvent(opened.ws, 'account');
      const reply = await postJson(d, '/api/account/create', { displayName: '  Alice  ' });
      assert.equal(reply.status, 200);
      const created = reply.json as { sessionId: string; recoveryPhrase: string; account: { phraseSaved: boolean } };
      assert.equal(created.recoveryPhrase.split(' ').length, 13);
      assert.equal(deriveAccountKeys(decodeMnemonic(created.recoveryPhrase)).sessionId, created.sessionId);
      assert.equal(created.account.phraseSaved, false);
      assert.equal(((await ready).data as { sessionId: string }).sessionId, created.sessionId);

      const again = await send(d, '/api/account/recovery-phrase');
      assert.deepEqual(again.json, { recoveryPhrase: created.recoveryPhrase });
      const twice = await postJson(d, '/api/account/create', {});
      assert.equal(twice.status, 409);
      assert.equal(errorCode(twice), 'HUSH_ERR_ACCOUNT_EXISTS');

      const saved = await postJson(d, '/api/account/phrase-saved', {});
      assert.equal((saved.json as { phraseSaved: boolean }).phraseSaved, true);
      const profile = await send(d, '/api/profile');
      assert.deepEqual(profile.json, { sessionId: created.sessionId, displayName: 'Alice' });
    } finally {
      opened.ws.close();
      await d.stop();
    }
  });

  test('an account made before a restart is found again, with its unconfirmed phrase still pending', async () => {
    const dir = join(root, 'restart');
    const first = await daemonFor(dir);
    const created = (await postJson(first, '/api/account/create', {})).json as { sessionId: string };
    await first.stop();
    const second = await daemonFor(dir);
    try {
      const account = (await send(second, '/api/account')).json as { sessionId: string; phraseSaved: boolean };
      assert.equal(account.sessionId, created.sessionId);
      assert.equal(account.phraseSaved, false);
      assert.notEqual(second.token, first.token);
    } finally {
      await second.stop();
    }
  });
});

describe('messenger routes (in-memory client)', () => {
  let d: Daemon;
  let client: FakeClient;
  const bob = `05${'7'.repeat(64)}`;
  before(async () => {
    d = await daemonFor(join(root, 'messenger'));
    await postJson(d, '/api/account/create', {});
    for (let i = 0; i < 50 && (await send(d, '/api/account')).text.includes('starting'); i++) await new Promise((r) => setTimeout(r, 20));
    client = fakes[fakes.length - 1]!;
  });
  after(() => d.stop());

  test('sending reaches the client and the answer is the stored message; a blank text is refused', async () => {
    const reply = await postJson(d, `/api/conversations/${bob}/messages`, { text: ' hi Bob ' });
    assert.equal(reply.status, 200);
    assert.equal((reply.json as { text: string; delivery: string }).text, 'hi Bob');
    assert.ok(client.calls.includes(`send ${bob} hi Bob`));
    const blank = await postJson(d, `/api/conversations/${bob}/messages`, { text: '   ' });
    assert.equal(blank.status, 400);
    assert.equal(errorCode(blank), 'HUSH_ERR_BAD_ARGUMENT');
  });

  test('the network status carries each hop of each path with its latency (cumulative and own share; null before data)', async () => {
    const reply = await send(d, '/api/status');
    assert.equal(reply.status, 200);
    const hops = (reply.json as { paths: { hops: unknown[] }[] }).paths[0]?.hops;
    assert.deepEqual(hops, client.status().paths[0]?.hops);
    assert.deepEqual(hops?.[1], { ed25519: '5'.repeat(64), ip: '127.0.0.5', port: 21105, latencyMs: 7, hopMs: 3 });
  });

  test('a conversation id that is not a Session ID is refused by core\'s parser', async () => {
    const reply = await postJson(d, `/api/conversations/05abc/messages`, { text: 'x' });
    assert.equal(reply.status, 400);
    assert.equal(errorCode(reply), 'HUSH_ERR_BAD_SESSION_ID');
  });

  test('messages page newest-last with hasMore, and limits are checked', async () => {
    for (const t of ['2', '3', '4']) await postJson(d, `/api/conversations/${bob}/messages`, { text: t });
    const page = (await send(d, `/api/conversations/${bob}/messages?limit=2`)).json as { messages: { text: string }[]; hasMore: boolean };
    assert.deepEqual(page.messages.map((m) => m.text), ['3', '4']);
    assert.equal(page.hasMore, true);
    assert.equal((await send(d, `/api/conversations/${bob}/messages?limit=0`)).status, 400);
    assert.equal((await send(d, `/api/conversations/${bob}/messages?limit=1e3`)).status, 400);
  });

  test('a message from a stranger shows up as a request and is pushed on the socket', async () => {
    const opened = await openSocket(d, `?token=${d.token}`);
    assert.ok('ws' in opened);
    const carol = `05${'6'.repeat(64)}`;
    const event = nextEvent(opened.ws, 'message');
    client.receive(carol, 'hello?');
    assert.equal(((await event).data as { text: string }).text, 'hello?');
    opened.ws.close();
    const lists = (await send(d, '/api/conversations')).json as { requests: { id: string }[] };
    assert.deepEqual(lists.requests.map((c) => c.id), [carol]);
    const accepted = await postJson(d, `/api/conversations/${carol}/accept`, {});
    assert.equal((accepted.json as { conversation: { state: string } }).conversation.state, 'accepted');
  });

  test('delete for everyone: the message goes and message-removed is pushed; gone, theirs or not an id is refused', async () => {
    const sent = (await postJson(d, `/api/conversations/${bob}/messages`, { text: 'oops' })).json as { id: number };
    const opened = await openSocket(d, `?token=${d.token}`);
    assert.ok('ws' in opened);
    const removed = nextEvent(opened.ws, 'message-removed');
    const reply = await send(d, `/api/messages/${sent.id}`, { method: 'DELETE' });
    assert.equal(reply.status, 200);
    assert.deepEqual((await removed).data, { id: sent.id, conversationId: bob });
    opened.ws.close();
    const page = (await send(d, `/api/conversations/${bob}/messages`)).json as { messages: { text: string }[] };
    assert.ok(!page.messages.some((m) => m.text === 'oops'), 'the message is no longer listed');
    const again = await send(d, `/api/messages/${sent.id}`, { method: 'DELETE' });
    assert.equal(again.status, 404);
    assert.equal(errorCode(again), 'HUSH_ERR_NOT_FOUND');
    const theirs = client.receive(bob, 'mine to keep');
    const refused = await send(d, `/api/messages/${theirs.id}`, { method: 'DELETE' });
    assert.equal(refused.status, 400);
    assert.equal(errorCode(refused), 'HUSH_ERR_BAD_ARGUMENT');
    for (const bad of ['0', 'abc', '1e3', '-1', '9'.repeat(16)]) {
      const r = await send(d, `/api/messages/${bad}`, { method: 'DELETE' });
      assert.equal(r.status, 400, bad);
      assert.match(String((r.json as { error: { message: string } }).error.message), /^message id: /, bad);
    }
  });

  test('retry sends the failed message again by its id', async () => {
    const sent = (await postJson(d, `/api/conversations/${bob}/messages`, { text: 'again' })).json as { id: number };
    const reply = await postJson(d, `/api/messages/${sent.id}/retry`, {});
    assert.equal(reply.status, 200);
    assert.equal((reply.json as { id: number }).id, sent.id);
    assert.ok(client.calls.includes(`retry ${sent.id}`));
  });

  test('disappearing settings are checked against Session\'s timers', async () => {
    const ok = await send(d, `/api/conversations/${bob}/disappearing`, { method: 'PUT', body: JSON.stringify({ mode: 'after-send', seconds: 3600 }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(ok.status, 200);
    assert.ok(client.calls.includes(`disappearing ${bob} after-send 3600`));
    const bad = await send(d, `/api/conversations/${bob}/disappearing`, { method: 'PUT', body: JSON.stringify({ mode: 'after-send', seconds: 7 }), headers: { 'Content-Type': 'application/json' } });
    assert.equal(bad.status, 400);
  });

  test('the Session ID check answers valid, own, or why not', async () => {
    const own = (await send(d, '/api/profile')).json as { sessionId: string };
    const check = async (value: string): Promise<unknown> => (await postJson(d, '/api/session-ids/check', { value })).json;
    const dave = `05${'3c'.repeat(32)}`;
    assert.deepEqual(await check(` ${dave.toUpperCase()} `), { valid: true, sessionId: dave, self: false });
    assert.deepEqual(await check(own.sessionId), { valid: true, sessionId: own.sessionId, self: true });
    const short = (await check('05abc')) as { valid: boolean; error: { code: string; message: string } };
    assert.equal(short.valid, false);
    assert.equal(short.error.code, 'HUSH_ERR_BAD_SESSION_ID');
    assert.match(short.error.message, /66/);
  });
});

describe('a client that cannot start', () => {
  test('routes that need it answer 503 HUSH_ERR_NOT_READY, and the account says why', async () => {
    const dir = join(root, 'failing');
    await createAccountStore({ dataDir: dir }).save(new Uint8Array(16).fill(7));
    const { HushError } = await import('@hush/core');
    const failing = async (): Promise<never> => {
      throw new HushError('HUSH_ERR_NO_PATH', 'no onion path could be built');
    };
    const d = await daemonFor(dir, failing);
    try {
      let account = (await send(d, '/api/account')).json as { status: string; error?: { code: string } };
      for (let i = 0; i < 50 && account.status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        account = (await send(d, '/api/account')).json as typeof account;
      }
      assert.equal(account.status, 'failed');
      assert.equal(account.error?.code, 'HUSH_ERR_NO_PATH');
      const reply = await send(d, '/api/conversations');
      assert.equal(reply.status, 503);
      assert.equal(errorCode(reply), 'HUSH_ERR_NOT_READY');
      assert.match((reply.json as { error: { message: string } }).error.message, /no onion path/);
    } finally {
      await d.stop();
    }
  });
});

