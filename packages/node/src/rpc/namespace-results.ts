/**
 * Results of the namespace-wide methods (delete_all, delete_before, expire_all; SS
 * handle_action_one_ns / handle_action_all_ns): one namespace → a sorted hash list; "all" → an
 * object namespace → sorted hashes. The signature covers every hash in global sorted order.
 */
import type { Affected } from '../storage/write-ops.ts';
import { byteSort } from './common.ts';
import type { Json } from './response.ts';

export interface NamespaceResult {
  readonly value: Json;
  readonly sorted: string[];
}

export function namespaceResult(affected: Affected, all: boolean): NamespaceResult {
  const sorted = byteSort(affected.map(([, hash]) => hash));
  if (!all) return { value: sorted, sorted };
  const byNs: { [ns: string]: string[] } = {};
  const pairs = [...affected].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [ns, hash] of pairs) (byNs[String(ns)] ??= []).push(hash);
  return { value: byNs, sorted };
}

/** The namespace selector for the store: null = all. */
export function namespaceSel(ns: number | 'all'): number | null {
  return ns === 'all' ? null : ns;
}
