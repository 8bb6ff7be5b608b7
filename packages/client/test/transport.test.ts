/** The real transport against a local HTTP server: keep-alive reuse, limits, timeouts, abort, refusal. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HushError, utf8 } from '@hush/core';
import { createNodeHttpTransport, type TransportRequest } from '../src/index.ts';

const sockets = new Set<Socket>();
let connections = 0;
const handlers: Record<string, (req: IncomingMessage, res: ServerResponse, body: Buffer) => void> = {
  '/echo': (_q, res, body) => res.end(Buffer.concat([Buffer.from('echo:'), body])),
  '/big': (_q, res) => res.end(Buffer.alloc(4096, 0x61)),
  '/status': (_q, res) => {
    res.statusCode = 502;
    res.end('Next node not found: x');
  },
  '/hang': () => undefined,
  '/flaky-keepalive': (req, res) => {
    const served = (req.socket as Socket & { served?: number }).served ?? 0;
    (req.socket as Socket & { served?: number }).served = served + 1;
    if (served > 0) req.socket.destroy(); // closes a reused connection without answering
    else res.end('first');
  },
  '/cut': (_q, res) => {
    res.writeHead(200, { 'content-length': '100' });
    res.write('partial');
    setTimeout(() => res.socket?.destroy(), 20);
  },
};
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => handlers[req.url ?? '']?.(req, res, Buffer.concat(chunks)));
});
server.on('connection', (s) => {
  connections++;
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;
const transport = createNodeHttpTransport();

after(() => {
  transport.close();
  for (const s of sockets) s.destroy();
  server.close();
});

function req(path: string, extra: Partial<TransportRequest> = {}): TransportRequest {
  return { endpoint: { protocol: 'http', host: '127.0.0.1', port }, path, body: utf8('hi'), contentType: 'text/plain', timeoutMs: 2000, maxResponseBytes: 1 << 20, ...extra };
}

const code = (c: string) => (e: unknown) => e instanceof HushError && e.code === c;

test('POSTs the body, returns status and bytes, and reuses one keep-alive connection', async () => {
  const before = connections;
  for (let i = 0; i < 3; i++) {
    const res = await transport.request(req('/echo', { body: utf8(`n${i}`) }));
    assert.equal(res.status, 200);
    assert.equal(Buffer.from(res.body).toString(), `echo:n${i}`);
  }
  assert.equal(connections - before, 1);
  const res = await transport.request(req('/status'));
  assert.equal(res.status, 502, 'any status is an answer');
});

test('replies over the size limit → HUSH_ERR_TOO_LARGE', async () => {
  await assert.rejects(transport.request(req('/big', { maxResponseBytes: 1000 })), code('HUSH_ERR_TOO_LARGE'));
  assert.equal((await transport.request(req('/big', { maxResponseBytes: 4096 }))).body.length, 4096);
});

test('no answer in time → HUSH_ERR_TIMEOUT; abort → HUSH_ERR_ABORTED (also before sending)', async () => {
  const t0 = Date.now();
  await assert.rejects(transport.request(req('/hang', { timeoutMs: 150 })), code('HUSH_ERR_TIMEOUT'));
  assert.ok(Date.now() - t0 < 1500);
  const ac = new AbortController();
  const pending = transport.request(req('/hang', { signal: ac.signal }));
  setTimeout(() => ac.abort(), 30);
  await assert.rejects(pending, code('HUSH_ERR_ABORTED'));
  await assert.rejects(transport.request(req('/echo', { signal: AbortSignal.abort() })), code('HUSH_ERR_ABORTED'));
});

test('a refused connection or a reply cut short → HUSH_ERR_NETWORK', async () => {
  await assert.rejects(transport.request(req('/cut')), code('HUSH_ERR_NETWORK'));
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  await assert.rejects(transport.request(req('/echo', { endpoint: { protocol: 'http', host: '127.0.0.1', port: deadPort } })), (e: unknown) => {
    assert.ok(e instanceof HushError && e.code === 'HUSH_ERR_NETWORK');
    assert.equal(e.details['errno'], 'ECONNREFUSED');
    return true;
  });
});

test('a kept-alive connection closed by the server is retried once on a new connection', async () => {
  const before = connections;
  assert.equal(Buffer.from((await transport.request(req('/flaky-keepalive'))).body).toString(), 'first');
  assert.equal(Buffer.from((await transport.request(req('/flaky-keepalive'))).body).toString(), 'first');
  assert.equal(connections - before, 2);
});
