/**
 * The network panel's path round trip is about the path's current nodes: a repaired path (same id,
 * a replaced node) starts afresh, and round trips over a one-off variant of a path (a stand-in for
 * a node that was the destination) stay out of the path's figure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPathLatency } from '../src/onion/path-latency.ts';

const A = ['guard', 'middle', 'exit'];
const REPAIRED = ['guard', 'middle2', 'exit'];

test('a path reports the median of its own recent round trips', () => {
  const l = createPathLatency(3, 8);
  assert.equal(l.medianMs(1, A), null, 'nothing before the first request');
  for (const ms of [40, 10, 20, 30]) l.record(1, A, ms);
  assert.equal(l.medianMs(1, A), 20, 'the median of the last 3 (10, 20, 30); the oldest (40) has aged out');
});

test('a repaired path starts afresh; a one-off variant never mixes into the path', () => {
  const l = createPathLatency(10, 8);
  for (const ms of [100, 110, 120]) l.record(1, A, ms);
  assert.equal(l.medianMs(1, REPAIRED), null, 'the replaced middle node’s figures are not the new path’s');
  l.record(1, REPAIRED, 5);
  assert.equal(l.medianMs(1, REPAIRED), 5);
  for (const ms of [900, 950]) l.record(1, ['guard', 'standin', 'exit'], ms);
  assert.equal(l.medianMs(1, REPAIRED), 5, 'round trips over a stand-in variant are not the path’s');
  assert.equal(l.medianMs(1, A), 110, 'the old node set still has its own entry until it ages out');
});

test('entries are bounded: the least recently recorded ages out', () => {
  const l = createPathLatency(10, 2);
  l.record(1, A, 1);
  l.record(2, A, 2);
  l.record(1, A, 3);
  l.record(3, A, 4);
  assert.equal(l.medianMs(2, A), null, 'path 2 was the least recently recorded');
  assert.notEqual(l.medianMs(1, A), null);
  assert.equal(l.medianMs(3, A), 4);
});

test('round trips are measured with the monotonic sub-millisecond clock when there is one', async () => {
  const { elapsedClock, systemClock } = await import('../src/runtime/clock.ts');
  let wall = 1_000;
  let mono = 5.25;
  const base = { now: () => wall, sleep: async () => undefined, setTimer: () => () => undefined };
  const withMono = elapsedClock({ ...base, monotonicMs: () => mono });
  const a = withMono();
  wall += 10; // a wall-clock jump (NTP) is not a round trip
  mono += 0.4;
  assert.ok(Math.abs(withMono() - a - 0.4) < 1e-9);
  const withoutMono = elapsedClock(base);
  assert.equal(withoutMono(), wall, 'a clock without it (a test clock) measures with now()');
  const s = elapsedClock(systemClock);
  assert.ok(!Number.isInteger(s()) || !Number.isInteger(s()), 'the system clock has sub-millisecond resolution');
});
