import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHushError } from '@hush/core';
import { parseAnnounce, parseListRequest, parseState, verifyAnnounce } from '@hush/registry';
import { announceBody, testNode } from './helpers.ts';

const T0 = 1_750_000_000_000;

/** Returns normally or throws a HushError — never a TypeError or anything else. */
function onlyHushErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    assert.ok(isHushError(err), `unexpected ${String(err)}`);
  }
}

const hostile = fc.oneof(fc.jsonValue(), fc.anything());

test('parsers take any JSON value without crashing', () => {
  fc.assert(
    fc.property(hostile, (value) => {
      onlyHushErrors(() => parseAnnounce(value));
      onlyHushErrors(() => parseListRequest(value));
      onlyHushErrors(() => parseListRequest({ jsonrpc: '2.0', id: 1, method: 'get_service_nodes', params: value }));
      onlyHushErrors(() => parseListRequest({ method: 'get_service_nodes', params: { fields: value } }));
    }),
    { numRuns: 200 },
  );
});

test('announce fields replaced by arbitrary values are refused or still verify', () => {
  const good = announceBody(testNode(1), T0);
  const keys = Object.keys(good);
  fc.assert(
    fc.property(fc.constantFrom(...keys), hostile, (key, value) => {
      onlyHushErrors(() => verifyAnnounce(parseAnnounce({ ...good, [key]: value }), T0));
    }),
    { numRuns: 200 },
  );
});

test('parseState takes any text without crashing', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), hostile.map((v) => JSON.stringify(v) ?? '')), (text) => {
      onlyHushErrors(() => parseState(text));
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.array(hostile, { maxLength: 3 }), (nodes) => {
      onlyHushErrors(() => parseState(JSON.stringify({ version: 1, height: 1, block_hash: 'a'.repeat(64), nodes })));
    }),
    { numRuns: 200 },
  );
});
