/**
 * What went wrong on an onion path and who is to blame. The error says which hop (index on the
 * path; `path.length` = the destination; null when the answer does not tell) and why, with a
 * stable `reason`; the blame drives failure counting; `retry` says whether another path may help.
 */
import { HushError } from '@hush/core';
import type { OnionPath } from './onion-path.ts';
import { targetLabel, type OnionTarget } from './onion-target.ts';

export type OnionFailureReason =
  | 'unreachable'
  | 'timeout'
  | 'invalid-ciphertext'
  | 'next-node-not-found'
  | 'destination-not-found'
  | 'not-ready'
  | 'busy'
  | 'server-unreachable'
  | 'bad-status'
  | 'bad-response';

export type Blame =
  | { readonly kind: 'path' }
  | { readonly kind: 'node'; readonly ed25519: string; readonly force: boolean; readonly alsoPath: boolean }
  | { readonly kind: 'destination'; readonly ed25519: string; readonly force: boolean }
  | { readonly kind: 'none' };

export interface PathFailure {
  readonly error: HushError;
  readonly blame: Blame;
  readonly retry: boolean;
}

export interface HopFailureFacts {
  readonly hop: number | null;
  readonly node: string | null;
  readonly status: number | null;
  readonly reason: OnionFailureReason;
  /** The node's own words (plain-text body excerpt), when there were any. */
  readonly text?: string;
}

export function hopFailedError(facts: HopFailureFacts, path: OnionPath, target: OnionTarget, cause?: unknown): HushError {
  const where = facts.hop === null ? 'on the path' : facts.hop === path.nodes.length ? 'at the destination' : `at hop ${facts.hop}`;
  const status = facts.status === null ? '' : ` (HTTP ${facts.status})`;
  return new HushError('HUSH_ERR_ONION_HOP_FAILED', `onion request failed ${where}: ${facts.reason}${status}`, {
    details: { ...facts, path: path.nodes.map((n) => n.ed25519), destination: targetLabel(target) },
    cause,
  });
}

export function badResponseError(path: OnionPath, target: OnionTarget, cause: unknown): HushError {
  const code = cause instanceof HushError ? cause.code : null;
  return new HushError('HUSH_ERR_ONION_BAD_RESPONSE', `onion reply from ${targetLabel(target)} could not be read${code === null ? '' : ` (${code})`}`, {
    details: { reason: code, path: path.nodes.map((n) => n.ed25519), destination: targetLabel(target) },
    cause,
  });
}
