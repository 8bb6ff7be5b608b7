/**
 * Command-line flags for one service node (packages/node/src/main.ts). The one place that knows
 * the node's flag names.
 */
export interface NodeArgsInput {
  readonly dataDir: string;
  readonly ip: string;
  readonly port: number;
  readonly metricsPort: number;
  readonly registry: string;
}

export function nodeArgs(input: NodeArgsInput): string[] {
  return [
    '--data-dir', input.dataDir,
    '--host', input.ip,
    '--port', String(input.port),
    '--registry', input.registry,
    '--metrics-port', String(input.metricsPort),
    // Connections to peers leave from the node's own address, so per-IP behaviour is realistic.
    '--outgoing-address', input.ip,
  ];
}
