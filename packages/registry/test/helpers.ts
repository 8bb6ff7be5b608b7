/** Test helpers: deterministic node identities and signed announce bodies (built from the contract text). */
import { blake2b, edPkToCurve, signDetached, signSeedKeypair, toBase64, toHex, utf8 } from '@hush/core';

export interface TestNode {
  readonly ed: string;
  readonly x: string;
  readonly secretKey: Uint8Array;
}

export function testNode(label: string | number): TestNode {
  const kp = signSeedKeypair(blake2b(32, utf8(`registry-test-node-${label}`)));
  return { ed: toHex(kp.publicKey), x: toHex(edPkToCurve(kp.publicKey)), secretKey: kp.secretKey };
}

export interface AnnounceOverrides {
  ip?: string;
  port?: number;
  timestamp?: number;
  x?: string;
  signWith?: Uint8Array;
}

/** The body a node would POST to /announce, signed as the registry contract describes. */
export function announceBody(node: TestNode, now: number, o: AnnounceOverrides = {}): Record<string, unknown> {
  const ip = o.ip ?? '127.0.0.2';
  const port = o.port ?? 22021;
  const timestamp = o.timestamp ?? now;
  const x = o.x ?? node.x;
  const message = `hush-announce${node.ed}${x}${ip}:${port}:${timestamp}`;
  const signature = toBase64(signDetached(utf8(message), o.signWith ?? node.secretKey));
  return { pubkey_ed25519: node.ed, pubkey_x25519: x, public_ip: ip, storage_port: port, timestamp, signature };
}

export async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

export async function listNodes(base: string, params: Record<string, unknown> = {}): Promise<{ status: number; text: string }> {
  return post(`${base}/json_rpc`, { jsonrpc: '2.0', id: 7, method: 'get_n_service_nodes', params });
}

/** swarm id of every listed node, read from the raw reply text (swarm_id must be bare digits). */
export function swarmIdsFromRaw(text: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const entry = /\{[^{}]*"pubkey_ed25519":"([0-9a-f]{64})"[^{}]*\}/g;
  for (const m of text.matchAll(entry)) {
    const digits = /"swarm_id":(\d+)[,}]/.exec(m[0]);
    const hex = /"swarm":"([0-9a-f]{16})"/.exec(m[0]);
    if (digits === null || hex === null) throw new Error(`entry without swarm_id/swarm: ${m[0]}`);
    const id = BigInt(digits[1]!);
    if (id !== BigInt(`0x${hex[1]!}`)) throw new Error(`swarm_id ${digits[1]} does not match swarm ${hex[1]}`);
    out.set(m[1]!, id);
  }
  return out;
}
