import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHushError } from '@hush/core';
import { extendPlan, parsePlan, type PortProbe } from '@hush/devnet';

const busy = (ports: number[]): PortProbe => async (_ip, port) => !ports.includes(port);

test('a new plan takes free ports from basePort up, one loopback address per node', async () => {
  const plan = await extendPlan(undefined, 3, 21_100, true, busy([21_101, 21_104]));
  assert.deepEqual(plan.registry, { host: '127.0.0.1', port: 21_100 });
  assert.deepEqual(plan.nodes, [
    { ip: '127.0.0.2', port: 21_102, metricsPort: 21_103 },
    { ip: '127.0.0.3', port: 21_105, metricsPort: 21_106 },
    { ip: '127.0.0.4', port: 21_107, metricsPort: 21_108 },
  ]);
});

test('without a loopback range every node is on 127.0.0.1 with distinct ports', async () => {
  const plan = await extendPlan(undefined, 4, 30_000, false, busy([]));
  assert.ok(plan.nodes.every((n) => n.ip === '127.0.0.1'));
  const ports = [plan.registry.port, ...plan.nodes.flatMap((n) => [n.port, n.metricsPort])];
  assert.equal(new Set(ports).size, ports.length);
});

test('an existing plan is kept as it is and only extended', async () => {
  const first = await extendPlan(undefined, 2, 21_100, true, busy([]));
  const same = await extendPlan(first, 2, 40_000, true, busy([]));
  assert.deepEqual(same, first);
  const more = await extendPlan(first, 3, 21_100, true, busy([]));
  assert.deepEqual(more.nodes.slice(0, 2), first.nodes);
  assert.deepEqual(more.registry, first.registry);
  assert.deepEqual(more.nodes[2], { ip: '127.0.0.4', port: 21_105, metricsPort: 21_106 });
  assert.deepEqual(parsePlan(JSON.stringify({ registry: more.registry, nodes: more.nodes.map((n) => ({ ip: n.ip, port: n.port, metrics_port: n.metricsPort })) })), more);
});

test('no free port is an error naming basePort', async () => {
  await assert.rejects(extendPlan(undefined, 1, 65_530, true, async () => false), (e) => isHushError(e, 'HUSH_ERR_BAD_CONFIG') && e.details['field'] === 'basePort');
});

test('a damaged plan file is refused naming the field, never with a TypeError', () => {
  const cases: [string, RegExp][] = [
    ['{', /not valid JSON/],
    ['{"registry":{"host":"10.0.0.1","port":1},"nodes":[]}', /registry\.host/],
    ['{"registry":{"host":"127.0.0.1","port":0},"nodes":[]}', /registry\.port/],
    ['{"registry":{"host":"127.0.0.1","port":1},"nodes":[{"ip":"127.0.0.2","port":2}]}', /nodes\[0\]\.metrics_port/],
    ['{"registry":{"host":"127.0.0.1","port":1},"nodes":{}}', /nodes/],
  ];
  for (const [text, field] of cases) assert.throws(() => parsePlan(text), (e) => isHushError(e) && field.test(e.message), text);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
      try {
        parsePlan(text);
      } catch (e) {
        assert.ok(isHushError(e), String(e));
      }
    }),
    { numRuns: 200 },
  );
});

test('metrics ports are probed on 127.0.0.1, where the node binds its metrics server', async () => {
  // A port taken on 127.0.0.1 only (say by an outgoing connection) must not be planned as a metrics port.
  const takenOnLoopback = new Set([21_102, 21_103, 21_104]);
  const probe: PortProbe = async (ip, port) => !(ip === '127.0.0.1' && takenOnLoopback.has(port));
  const plan = await extendPlan(undefined, 2, 21_100, true, probe);
  for (const n of plan.nodes) assert.ok(!takenOnLoopback.has(n.metricsPort), `metrics port ${n.metricsPort} is taken on 127.0.0.1`);
  assert.equal(plan.nodes[0]!.ip, '127.0.0.2');
});
