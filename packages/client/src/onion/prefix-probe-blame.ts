/**
 * Who a failed prefix probe counts against (prefix-probe.ts). A probe of hop k runs right after the
 * probe of hop k−1 answered (for the guard: straight to it), so the failure is evidence against hop
 * k (or the link into it), not against the whole path:
 *  - a reply naming a node ("Next node not found/unreachable: <key>", "Snode not ready: <key>")
 *    and the guard not answering at all count against that node, as for any request (forced for
 *    "not found/unreachable", so it leaves every path at once);
 *  - a timeout, a 504/500/other status, or an unreadable reply count one strike against hop k.
 * It is never a path strike: path strikes exist because a full request's failure cannot be pinned
 * on one hop, and a prefix probe pins it. A node struck out (nodeFailureThreshold strikes) is
 * replaced on its path, and a struck-out guard retires its path — the existing rules. So a hop
 * that keeps failing its probes leaves its path after 3 probe rounds, while the idle `info`
 * probe over the full path (path-probe.ts) still strikes the path as before.
 */
import type { OnionPath } from './onion-path.ts';
import type { Blame } from './path-failure.ts';

export interface NodeStrike {
  readonly ed25519: string;
  readonly force: boolean;
}

export function prefixProbeStrike(path: OnionPath, hop: number, blame: Blame): NodeStrike | null {
  const probed = path.nodes[hop]?.ed25519;
  if (probed === undefined) return null;
  switch (blame.kind) {
    case 'none':
      return null;
    case 'path':
      return { ed25519: probed, force: false };
    case 'node':
    case 'destination':
      return { ed25519: blame.ed25519, force: blame.force };
  }
}
