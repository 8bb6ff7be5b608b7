/**
 * A storage RPC call to one node over HTTPS (`POST /storage_rpc/v1`). Nodes use self-signed
 * certificates that clients do not validate (session-network.md §2.1); authenticity in the real
 * network comes from onion encryption, and the devnet only talks to its own children on loopback.
 */
import { request, Agent } from 'node:https';
import { HushError } from '@hush/core';
import { INFO_TIMEOUT_MS, MAX_INFO_BYTES } from './limits.ts';

export interface RpcReply {
  readonly status: number;
  readonly body: string;
}

export interface StorageRpcOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly agent?: Agent;
}

const insecureAgent = new Agent({ rejectUnauthorized: false, keepAlive: false });

function tooLarge(max: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `storage rpc reply larger than ${max} bytes`, { details: { field: 'body', max } });
}

export function storageRpc(ip: string, port: number, body: unknown, options: StorageRpcOptions = {}): Promise<RpcReply> {
  const payload = Buffer.from(JSON.stringify(body));
  const max = options.maxBytes ?? MAX_INFO_BYTES;
  const timeout = options.timeoutMs ?? INFO_TIMEOUT_MS;
  const signal = options.signal === undefined ? AbortSignal.timeout(timeout) : AbortSignal.any([options.signal, AbortSignal.timeout(timeout)]);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: ip, port, path: '/storage_rpc/v1', method: 'POST', agent: options.agent ?? insecureAgent, signal, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > max) req.destroy(tooLarge(max));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** True when the node answers `info` with 200 and a JSON object carrying a version. */
export async function nodeAnswersInfo(ip: string, port: number, signal?: AbortSignal): Promise<boolean> {
  try {
    const reply = await storageRpc(ip, port, { method: 'info', params: {} }, signal === undefined ? {} : { signal });
    if (reply.status !== 200) return false;
    const parsed: unknown = JSON.parse(reply.body);
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed;
  } catch {
    return false;
  }
}
