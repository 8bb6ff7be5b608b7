/** An onion path: `pathHops` service nodes, the guard first. Failures are counted per path. */
import type { ServiceNode } from '../node-pool/service-node.ts';

export interface OnionPath {
  readonly id: number;
  readonly nodes: readonly ServiceNode[];
}

/** What `paths()` shows: no keys beyond the public ones, no mutable state. */
export interface OnionPathInfo {
  readonly id: number;
  readonly failures: number;
  readonly nodes: readonly { readonly ed25519: string; readonly ip: string; readonly port: number }[];
}

export function pathHasNode(path: OnionPath, ed25519: string): boolean {
  return path.nodes.some((n) => n.ed25519 === ed25519);
}

/** True when `node` (or another node at its IP) is on the path. */
export function pathTouches(path: OnionPath, node: Pick<ServiceNode, 'ed25519' | 'ip'>): boolean {
  return path.nodes.some((n) => n.ed25519 === node.ed25519 || n.ip === node.ip);
}
