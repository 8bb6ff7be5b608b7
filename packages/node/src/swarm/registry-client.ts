/**
 * Plain-HTTP JSON client for the local registry (the network's seed node, oxend stand-in; see the
 * registry contract): POST /json_rpc and POST /announce, each bounded in time and size.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LIMITS } from '../limits.ts';

export interface RegistryReply {
  readonly status: number;
  readonly text: string;
}

export interface RegistryClient {
  post(path: string, body: unknown): Promise<RegistryReply>;
  /** JSON-RPC call; resolves with `result`, rejects with the registry's error text. */
  rpc(method: string, params: unknown): Promise<unknown>;
}

export function createRegistryClient(baseUrl: string, timeoutMs: number = LIMITS.registryTimeoutMs): RegistryClient {
  const base = new URL(baseUrl);
  const post = (path: string, body: unknown): Promise<RegistryReply> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base);
      const payload = Buffer.from(JSON.stringify(body));
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(payload.length) },
          signal: AbortSignal.timeout(timeoutMs),
          ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > LIMITS.maxRegistryResponseBytes) res.destroy(new Error('registry response too large'));
            else chunks.push(c);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  return {
    post,
    async rpc(method, params) {
      const reply = await post('/json_rpc', { jsonrpc: '2.0', id: 0, method, params });
      let parsed: unknown;
      try {
        parsed = JSON.parse(reply.text);
      } catch {
        throw new Error(`registry ${method}: HTTP ${reply.status}: unparsable reply`);
      }
      const obj = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      if (reply.status !== 200 || obj['error'] !== undefined || obj['result'] === undefined) {
        const err = obj['error'];
        const msg = typeof err === 'object' && err !== null ? String((err as Record<string, unknown>)['message'] ?? '') : reply.text;
        throw new Error(`registry ${method}: ${msg.slice(0, 500) || `HTTP ${reply.status}`}`);
      }
      return obj['result'];
    },
  };
}
