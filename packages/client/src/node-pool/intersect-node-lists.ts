/**
 * Intersection of node lists from several sources (§8.3: a refresh asks several nodes and keeps
 * only what they all agree on). Two entries agree when key, address and swarm are all equal.
 */
import type { ServiceNode } from './service-node.ts';

function identity(n: ServiceNode): string {
  return `${n.ed25519}|${n.ip}|${n.port}|${n.swarm.toString(16)}`;
}

export function intersectNodeLists(lists: readonly (readonly ServiceNode[])[]): ServiceNode[] {
  const [first, ...rest] = lists;
  if (first === undefined) return [];
  const others = rest.map((list) => new Set(list.map(identity)));
  return first.filter((n) => others.every((set) => set.has(identity(n))));
}
