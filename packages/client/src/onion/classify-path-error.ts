/**
 * Maps what the entry node answered instead of a 200 (§7.4: path errors come back unencrypted,
 * relayed as-is from the hop that failed), and transport failures talking to the guard, to a
 * PathFailure. Patterns follow LSU `onion_request_router.cpp` error table and DESK `onions.ts`:
 *  - 502 "Next node not found: <key>" / "Next node is currently unreachable: <key>": that node
 *    is gone (struck out at once) and the path takes a strike too (a relay could lie to steer
 *    paths); when <key> is the destination the path is not blamed and another path won't help.
 *  - 503 "Snode not ready: <key>" strikes <key>; other 503s ("Service node is not ready", "Server
 *    busy") strike the guard.
 *  - 504, 400 "Invalid ciphertext", 500 and anything else: a path strike.
 *  - For a server destination, 502/504 without those patterns come from the last hop's request
 *    to the server: nobody on the path is blamed.
 */
import { isHushError } from '@hush/core';
import { textExcerpt } from '../runtime/json.ts';
import type { OnionPath } from './onion-path.ts';
import type { OnionTarget } from './onion-target.ts';
import { hopFailedError, type Blame, type HopFailureFacts, type PathFailure } from './path-failure.ts';

const NODE_GONE = ['Next node not found: ', 'Next node is currently unreachable: '];
const NOT_READY_NODE = 'Snode not ready: ';

/** The 64-hex key right after `prefix` in `text`, lower-cased, or null. */
export function keyAfter(text: string, prefix: string): string | null {
  const at = text.indexOf(prefix);
  if (at === -1) return null;
  const m = /^[0-9a-fA-F]{64}(?![0-9a-fA-F])/.exec(text.slice(at + prefix.length));
  return m === null ? null : m[0].toLowerCase();
}

function fail(path: OnionPath, target: OnionTarget, facts: HopFailureFacts, blame: Blame, retry: boolean, cause?: unknown): PathFailure {
  return { error: hopFailedError(facts, path, target, cause), blame, retry };
}

/** A named node: on the path, the destination, or neither (then only the path is blamed). */
function namedNode(path: OnionPath, target: OnionTarget, key: string, status: number, text: string, force: boolean): PathFailure {
  const reasonOnPath = force ? 'next-node-not-found' : 'not-ready';
  if (target.kind === 'node' && key === target.node.ed25519) {
    const facts: HopFailureFacts = { hop: path.nodes.length, node: key, status, reason: force ? 'destination-not-found' : 'not-ready', text };
    return fail(path, target, facts, { kind: 'destination', ed25519: key, force }, false);
  }
  const hop = path.nodes.findIndex((n) => n.ed25519 === key);
  if (hop === -1) return fail(path, target, { hop: null, node: null, status, reason: reasonOnPath, text }, { kind: 'path' }, true);
  return fail(path, target, { hop, node: key, status, reason: reasonOnPath, text }, { kind: 'node', ed25519: key, force, alsoPath: force }, true);
}

function guardFailure(path: OnionPath, target: OnionTarget, status: number, reason: 'not-ready' | 'busy', text: string): PathFailure {
  const guard = path.nodes[0]?.ed25519 ?? null;
  const blame: Blame = guard === null ? { kind: 'path' } : { kind: 'node', ed25519: guard, force: false, alsoPath: false };
  return fail(path, target, { hop: 0, node: guard, status, reason, text }, blame, true);
}

export function classifyPathStatus(path: OnionPath, target: OnionTarget, status: number, body: Uint8Array, maxChars: number): PathFailure {
  const text = textExcerpt(body, maxChars);
  for (const prefix of NODE_GONE) {
    const key = status === 502 ? keyAfter(text, prefix) : null;
    if (key !== null) return namedNode(path, target, key, status, text, true);
  }
  const notReady = status === 503 ? keyAfter(text, NOT_READY_NODE) : null;
  if (notReady !== null) return namedNode(path, target, notReady, status, text, false);
  if (status === 503) return guardFailure(path, target, status, text.includes('busy') ? 'busy' : 'not-ready', text);
  const toServer = target.kind === 'server' && (status === 502 || (status === 504 && !text.includes('Request time out')));
  if (toServer) return fail(path, target, { hop: path.nodes.length, node: null, status, reason: status === 504 ? 'timeout' : 'server-unreachable', text }, { kind: 'none' }, false);
  const reason = status === 504 ? 'timeout' : status === 400 && text.includes('Invalid ciphertext') ? 'invalid-ciphertext' : 'bad-status';
  return fail(path, target, { hop: null, node: null, status, reason, text }, { kind: 'path' }, true);
}

/** A transport failure talking to the guard; null for errors that are not about the path (abort). */
export function classifyTransportError(path: OnionPath, target: OnionTarget, err: unknown): PathFailure | null {
  const guard = path.nodes[0]?.ed25519 ?? null;
  if (isHushError(err, 'HUSH_ERR_NETWORK') && guard !== null) {
    const facts: HopFailureFacts = { hop: 0, node: guard, status: null, reason: 'unreachable' };
    return fail(path, target, facts, { kind: 'node', ed25519: guard, force: false, alsoPath: true }, true, err);
  }
  if (isHushError(err, 'HUSH_ERR_TIMEOUT')) return fail(path, target, { hop: null, node: null, status: null, reason: 'timeout' }, { kind: 'path' }, true, err);
  return null;
}
