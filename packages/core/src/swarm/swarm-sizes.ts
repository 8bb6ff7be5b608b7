/**
 * Node count per swarm of an assignment (node key → swarm id), in ascending swarm-id order.
 * Nodes marked UNASSIGNED_SWARM_ID are counted under that id like any other.
 */
export function swarmSizes(assignment: ReadonlyMap<string, bigint>): Map<bigint, number> {
  const counts = new Map<bigint, number>();
  for (const id of assignment.values()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
