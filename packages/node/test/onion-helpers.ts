/**
 * Onion test helpers: requests built with core's builder (and hand-made layers for the options
 * and malformed cases the builder will not make), sent over HTTPS to a first hop — each request on
 * a new connection, optionally from a given source address — and replies decrypted with core.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { request } from 'node:https';
import {
  buildOnionRequest,
  encodeLayer,
  fromHex,
  hopEncrypt,
  hopNonceLength,
  hopSharedKey,
  randomBytes,
  toHex,
  utf8,
  type BuiltOnionRequest,
  type OnionDestination,
  type OnionEncType,
} from '@hush/core';

export const ENC_TYPES: readonly OnionEncType[] = ['xchacha20', 'aes-gcm'];

/** What a client knows of a node: its keys and address. */
export interface HopNode {
  readonly ed25519: string;
  readonly x25519: string;
  readonly ip?: string;
  readonly port: number;
}

export interface BuiltRequest {
  readonly built: BuiltOnionRequest;
  /** The ephemeral secrets used, by layer (hop i = [i], destination = [hops.length]). */
  readonly secrets: readonly Uint8Array[];
}

/** PKCS#8 DER prefix of a raw X25519 private key (RFC 8410). */
const X25519_PKCS8 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** X25519 public key of a secret (node:crypto; the node package does not depend on libsodium directly). */
export function x25519Public(secret: Uint8Array): Uint8Array {
  const key = createPrivateKey({ key: Buffer.concat([X25519_PKCS8, secret]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(String(jwk.x), 'base64url'));
}

function randomFor(layers: number, encType: OnionEncType): { ephemeralSecrets: Uint8Array[]; nonces: Uint8Array[] } {
  return {
    ephemeralSecrets: Array.from({ length: layers }, () => randomBytes(32)),
    nonces: Array.from({ length: layers }, () => randomBytes(hopNonceLength(encType))),
  };
}

export function buildRequest(hops: readonly HopNode[], destination: OnionDestination, payload: Uint8Array, encType: OnionEncType, hopNo?: number): BuiltRequest {
  const random = randomFor(hops.length + 1, encType);
  const built = buildOnionRequest({
    hops: hops.map((h) => ({ ed25519: h.ed25519, x25519: fromHex(h.x25519, 'x25519', 32) })),
    destination,
    payload,
    encType,
    random,
    ...(hopNo === undefined ? {} : { hopNo }),
  });
  return { built, secrets: random.ephemeralSecrets };
}

export function snodeDestination(node: HopNode): OnionDestination {
  return { type: 'snode', ed25519: node.ed25519, x25519: fromHex(node.x25519, 'x25519', 32) };
}

export function rpcPayload(method: string, params: unknown): Uint8Array {
  return utf8(JSON.stringify({ method, params }));
}

/** The key of layer `i` of a built request (what hop i answers its own errors with). */
export function layerKey(req: BuiltRequest, i: number, node: HopNode, encType: OnionEncType): Uint8Array {
  return hopSharedKey(encType, req.secrets[i]!, fromHex(node.x25519, 'x25519', 32), true);
}

/**
 * One layer made by hand: `LAYER(ENC(inner), {ephemeral_key, enc_type, ...outer})` to `node`, where
 * `inner` is `LAYER(payload, control)` — for the cases the builder will not make.
 */
export function handLayer(
  node: HopNode,
  payload: Uint8Array,
  control: Record<string, unknown>,
  encType: OnionEncType,
  outer: Record<string, unknown> = {},
): { wire: Uint8Array; key: Uint8Array } {
  const secret = randomBytes(32);
  const key = hopSharedKey(encType, secret, fromHex(node.x25519, 'x25519', 32), true);
  const blob = hopEncrypt(encType, key, encodeLayer(payload, control), randomBytes(hopNonceLength(encType)));
  return { wire: encodeLayer(blob, { ephemeral_key: toHex(x25519Public(secret)), enc_type: encType, ...outer }), key };
}

export interface RawReply {
  readonly status: number;
  readonly body: Buffer;
  readonly text: string;
  readonly contentType: string;
}

/** POSTs `body` to `https://ip:port/onion_req/v2` on a new connection (no keep-alive). */
export function postOnion(node: Pick<HopNode, 'ip' | 'port'>, body: Uint8Array, o: { localAddress?: string; path?: string; headers?: Record<string, string> } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: node.ip ?? '127.0.0.1',
        port: node.port,
        path: o.path ?? '/onion_req/v2',
        method: 'POST',
        agent: false,
        rejectUnauthorized: false,
        headers: { 'content-length': String(body.length), ...o.headers },
        timeout: 20_000,
        ...(o.localAddress === undefined ? {} : { localAddress: o.localAddress }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body: b, text: b.toString('utf8'), contentType: String(res.headers['content-type'] ?? '') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('request timeout')));
    req.end(body);
  });
}

/** Occurrences of `needle` in `hay` as raw bytes, hex or base64 (what a careless hop could leak). */
export function containsAnyForm(hay: Uint8Array, needle: Uint8Array | string): boolean {
  const bytes = typeof needle === 'string' ? Buffer.from(needle) : Buffer.from(needle);
  const h = Buffer.from(hay);
  const forms = [bytes, Buffer.from(bytes.toString('hex')), Buffer.from(bytes.toString('base64').replace(/=+$/, ''))];
  return forms.some((f) => f.length > 0 && h.includes(f));
}
