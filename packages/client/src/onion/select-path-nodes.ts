/**
 * Choosing path hops (§7.6): random nodes from the usable pool, never a node twice on a path, never
 * two nodes with the same IP on a path, never an excluded node (the request's destination) or a node
 * at an excluded IP. Nodes in `avoid` (those on other paths) are taken only when nothing else fits.
 */
import type { ServiceNode } from '../node-pool/service-node.ts';
import type { Random } from '../runtime/random.ts';
import { pick } from '../runtime/random.ts';

export interface HopSelection {
  /** Nodes already chosen, in order (e.g. the guard). */
  readonly start: readonly ServiceNode[];
  /** Length of the finished path. */
  readonly hops: number;
  readonly candidates: readonly ServiceNode[];
  /** Must not be on the path, nor any node at their IPs. */
  readonly exclude?: readonly Pick<ServiceNode, 'ed25519' | 'ip'>[];
  /** Ed25519 keys to avoid when possible. */
  readonly avoid?: ReadonlySet<string>;
}

/** The finished path, or null when the candidates cannot fill it. */
export function selectPathNodes(random: Random, s: HopSelection): ServiceNode[] | null {
  const path = [...s.start];
  const keys = new Set([...path, ...(s.exclude ?? [])].map((n) => n.ed25519));
  const ips = new Set([...path, ...(s.exclude ?? [])].map((n) => n.ip));
  while (path.length < s.hops) {
    const fit = s.candidates.filter((n) => !keys.has(n.ed25519) && !ips.has(n.ip));
    const preferred = fit.filter((n) => !(s.avoid?.has(n.ed25519) ?? false));
    const next = pick(random, preferred.length > 0 ? preferred : fit);
    if (next === undefined) return null;
    path.push(next);
    keys.add(next.ed25519);
    ips.add(next.ip);
  }
  return path;
}
