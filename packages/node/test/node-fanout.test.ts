/**
 * The fan-out (replication/fanout.ts) against a scripted peer client: requests of one event-loop
 * turn reach each peer as one batch and each caller still gets its own result from every peer; a
 * lone request goes alone; a peer without the batch route (404) gets single requests, now and for
 * a while; a failed batch fails each of its requests for that peer only. Plus the batch wire
 * (replication/forward-batch.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../src/limits.ts';
import { silentLogger } from '../src/log/logger.ts';
import { createNodeMetrics } from '../src/metrics/node-metrics.ts';
import { createFanout, SWARM_RPC_PATH } from '../src/replication/fanout.ts';
import { batchResultsBody, encodeForwardBatch, parseBatchResults, parseForwardBatch, SWARM_RPC_BATCH_PATH } from '../src/replication/forward-batch.ts';
import type { PeerAddress, PeerClient, PeerReply } from '../src/replication/peer-client.ts';
import type { SwarmMember } from '../src/rpc/context.ts';

const peer = (c: string, port: number): SwarmMember => ({ ed25519Hex: c.repeat(64), x25519Hex: c.repeat(64), ip: '127.0.0.1', port, swarmId: 0n });
const P1 = peer('1', 1001);
const P2 = peer('2', 1002);

interface Sent {
  readonly peer: string;
  readonly path: string;
  readonly body: unknown;
}

/** A peer client whose peers answer with `answer(peer, path, parsed body)`; records every request. */
function scripted(answer: (peer: PeerAddress, path: string, body: any) => PeerReply | Error): { client: PeerClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const client: PeerClient = {
    async post(p, path, body) {
      const parsed = JSON.parse(body.toString('utf8'));
      sent.push({ peer: p.ed25519Hex, path, body: parsed });
      await new Promise((r) => setTimeout(r, 1));
      const a = answer(p, path, parsed);
      if (a instanceof Error) throw a;
      return a;
    },
    forward: () => Promise.reject(new Error('not used')),
    retain: () => undefined,
    close: () => undefined,
  };
  return { client, sent };
}

const json = (status: number, body: unknown): PeerReply => ({ status, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });

/** A peer that stores: each store's result names its own data, signed by that peer. */
function storeResult(p: PeerAddress, params: { data: string }): Record<string, unknown> {
  return { hash: `h-${params.data}`, signature: `sig-${p.ed25519Hex.slice(0, 1)}-${params.data}` };
}

function healthy(p: PeerAddress, path: string, body: any): PeerReply {
  if (path === SWARM_RPC_PATH) return json(200, storeResult(p, body.params));
  return json(200, { results: body.requests.map((r: any) => ({ status: 200, body: storeResult(p, r.params) })) });
}

function fanout(client: PeerClient, peers: readonly SwarmMember[] = [P1, P2], now = () => 0) {
  const metrics = createNodeMetrics();
  return { metrics, fan: createFanout({ client, peers: () => peers, timeoutMs: 1000, logger: silentLogger(), metrics, now }) };
}

describe('fan-out batches', () => {
  it('requests of one turn go to each peer as one batch; each caller gets its own results from every peer', async () => {
    const { client, sent } = scripted(healthy);
    const { fan, metrics } = fanout(client);
    const results = await Promise.all(['a', 'b', 'c'].map((data) => fan('store', { data })));
    assert.deepEqual(sent.map((s) => [s.peer[0], s.path]), [['1', SWARM_RPC_BATCH_PATH], ['2', SWARM_RPC_BATCH_PATH]]);
    assert.deepEqual((sent[0]!.body as any).requests.map((r: any) => [r.method, r.params.data]), [['store', 'a'], ['store', 'b'], ['store', 'c']]);
    for (const [i, data] of ['a', 'b', 'c'].entries()) {
      assert.deepEqual(results[i], [
        [P1.ed25519Hex, { hash: `h-${data}`, signature: `sig-1-${data}` }],
        [P2.ed25519Hex, { hash: `h-${data}`, signature: `sig-2-${data}` }],
      ]);
    }
    assert.equal(metrics.registry.value('hush_replication_batches_total'), 2);
    assert.equal(metrics.registry.value('hush_replication_requests_total'), 6, 'still counted per request and peer');
  });

  it('a lone request goes alone (/swarm_rpc/v1), and requests of later turns in batches of their own', async () => {
    const { client, sent } = scripted(healthy);
    const { fan } = fanout(client, [P1]);
    await fan('store', { data: 'x' });
    await Promise.all([fan('store', { data: 'y' }), fan('store', { data: 'z' })]);
    assert.deepEqual(sent.map((s) => s.path), [SWARM_RPC_PATH, SWARM_RPC_BATCH_PATH]);
  });

  it('a batch is cut at forwardBatchMax requests', async () => {
    const { client, sent } = scripted(healthy);
    const { fan } = fanout(client, [P1]);
    const n = LIMITS.forwardBatchMax + 2;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => fan('store', { data: String(i) })));
    assert.deepEqual(sent.map((s) => (s.path === SWARM_RPC_PATH ? 1 : (s.body as any).requests.length)), [LIMITS.forwardBatchMax, 2]);
    assert.deepEqual(results.map((r) => (r[0]![1] as any).hash), Array.from({ length: n }, (_, i) => `h-${i}`));
  });

  it('a peer without the batch route (404) gets the requests one by one, and single requests for a while', async () => {
    let clock = 0;
    const { client, sent } = scripted((p, path, body) => (p.ed25519Hex === P1.ed25519Hex && path === SWARM_RPC_BATCH_PATH ? json(404, 'POST /swarm_rpc_batch/v1 Not Found') : healthy(p, path, body)));
    const { fan } = fanout(client, [P1, P2], () => clock);
    const first = await Promise.all([fan('store', { data: 'a' }), fan('store', { data: 'b' })]);
    assert.deepEqual(first.map((r) => r.map(([, x]) => (x as any).hash)), [['h-a', 'h-a'], ['h-b', 'h-b']], 'nothing lost to the 404');
    const p1 = (): string[] => sent.filter((s) => s.peer === P1.ed25519Hex).map((s) => s.path);
    assert.deepEqual(p1(), [SWARM_RPC_BATCH_PATH, SWARM_RPC_PATH, SWARM_RPC_PATH]);
    clock = LIMITS.forwardBatchRetryMs - 1;
    await Promise.all([fan('store', { data: 'c' }), fan('store', { data: 'd' })]);
    assert.deepEqual(p1().slice(3), [SWARM_RPC_PATH, SWARM_RPC_PATH], 'still single requests');
    assert.equal(sent.filter((s) => s.peer === P2.ed25519Hex && s.path === SWARM_RPC_BATCH_PATH).length, 2, 'the other peer still gets batches');
    clock = LIMITS.forwardBatchRetryMs + 1;
    await Promise.all([fan('store', { data: 'e' }), fan('store', { data: 'f' })]);
    assert.deepEqual(p1().slice(5), [SWARM_RPC_BATCH_PATH, SWARM_RPC_PATH, SWARM_RPC_PATH], 'tried again after the pause');
  });

  it('per request, per peer: an entry answered non-200 is that request\'s failure; a failed or garbled batch fails its requests for that peer only', async () => {
    const { client } = scripted((p, path, body) => {
      if (path === SWARM_RPC_PATH) return json(200, storeResult(p, body.params));
      if (p.ed25519Hex === P2.ed25519Hex) return new Error('connection reset');
      return json(200, { results: body.requests.map((r: any) => (r.params.data === 'old' ? { status: 406, body: 'Timestamp error: check your clock' } : { status: 200, body: storeResult(p, r.params) })) });
    });
    const { fan, metrics } = fanout(client);
    const [good, old] = await Promise.all([fan('store', { data: 'new' }), fan('store', { data: 'old' })]);
    assert.deepEqual(good[0], [P1.ed25519Hex, { hash: 'h-new', signature: 'sig-1-new' }]);
    assert.deepEqual(old[0], [P1.ed25519Hex, { failed: true, code: 406, reason: 'Timestamp error: check your clock' }]);
    assert.deepEqual(good[1], [P2.ed25519Hex, { failed: true, timeout: true }]);
    assert.deepEqual(old[1], [P2.ed25519Hex, { failed: true, timeout: true }]);
    assert.equal(metrics.registry.value('hush_replication_failures_total', { peer: P2.ed25519Hex, kind: 'network' }), 2);

    const garbled = scripted((p, path) => (path === SWARM_RPC_PATH ? json(200, {}) : json(200, { results: [{ status: 200, body: {} }] })));
    const g = fanout(garbled.client, [P1]);
    const both = await Promise.all([g.fan('store', { data: 'a' }), g.fan('store', { data: 'b' })]);
    assert.deepEqual(both.map((r) => r[0]![1]), [{ failed: true, bad_peer_response: true }, { failed: true, bad_peer_response: true }], 'one result for two requests is no answer');
  });
});

describe('forwarded batch wire', () => {
  it('round trip: the batch body carries the single bodies as they are; results in order', () => {
    const singles = [{ method: 'store', params: { data: 'a' } }, { method: 'delete', params: { messages: ['x'] } }];
    const body = encodeForwardBatch(singles.map((s) => Buffer.from(JSON.stringify(s))));
    assert.deepEqual(JSON.parse(body.toString()), { requests: singles });
    assert.deepEqual(parseForwardBatch(body.toString()), singles);
    const results = JSON.stringify(batchResultsBody([{ status: 200, body: { hash: 'h' } }, { status: 401, body: 'nope' }]));
    assert.deepEqual(parseBatchResults(results, 2), [{ status: 200, body: { hash: 'h' } }, { status: 401, body: 'nope' }]);
  });

  it('malformed batches and results are refused, naming what is wrong', () => {
    assert.equal(parseForwardBatch('{'), 'invalid json');
    assert.equal(parseForwardBatch('{"requests": {}}'), 'invalid batch: no `requests` array');
    assert.match(parseForwardBatch('{"requests": []}') as string, /1 to 64 requests/);
    assert.match(parseForwardBatch(JSON.stringify({ requests: Array.from({ length: 65 }, () => ({ method: 'store', params: {} })) })) as string, /1 to 64 requests/);
    assert.match(parseForwardBatch('{"requests": [{"method": "store", "params": {}}, {"method": 1, "params": {}}]}') as string, /request 1 needs/);
    assert.match(parseForwardBatch('{"requests": [{"method": "store", "params": []}]}') as string, /request 0 needs/);
    for (const bad of ['{', '{"results": []}', '{"results": [{"status": "200", "body": {}}]}', '{"results": [{"status": 200, "body": 5}]}', '{"results": [{"status": 200}]}']) {
      assert.equal(parseBatchResults(bad, 1), null, bad);
    }
  });
});
