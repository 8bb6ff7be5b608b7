/** A plain-text table of the running devnet, one row per node. */
export interface TableNode {
  readonly index: number;
  readonly ip: string;
  readonly port: number;
  readonly metricsPort: number;
  readonly swarm: string;
  readonly pubkeyEd25519: string;
  readonly pid: number;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
}

export function formatTable(registry: string, nodes: readonly TableNode[]): string {
  const header = ['#', 'address', 'metrics', 'swarm', 'pubkey_ed25519', 'pid'];
  const rows = nodes.map((n) => [String(n.index), `${n.ip}:${n.port}`, String(n.metricsPort), n.swarm, n.pubkeyEd25519, String(n.pid)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const lines = [`registry ${registry}`, pad(header, widths), ...rows.map((r) => pad(r, widths))];
  return `${lines.join('\n')}\n`;
}
