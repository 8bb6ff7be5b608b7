/**
 * Client-side onion request construction (session-network.md §7.3; LSU `onionreq/builder.cpp`).
 * All randomness comes in through `random`: one ephemeral X25519 secret and one nonce/IV per
 * layer, indexed by position on the path — `[i]` for `hops[i]`, `[hops.length]` for the
 * destination.
 */
import { HushError } from '../errors.ts';
import { assertBytes, toHex } from '../bytes.ts';
import { x25519Base } from '../crypto/sodium.ts';
import { encodeLayer } from './layer.ts';
import { clientHopKeys, hopEncrypt, parseEncType } from './hop-crypto.ts';
import type { OnionEncType } from './hop-crypto.ts';
import { parseKeyHex, parseServerTarget } from './route-checks.ts';
import { MAX_ONION_HOPS } from './open.ts';

export interface OnionHop {
  /** Ed25519 public key, hex: how the previous hop names this node. */
  readonly ed25519: string;
  /** X25519 public key this hop's layer is encrypted to. */
  readonly x25519: Uint8Array;
}

export type OnionDestination =
  | { readonly type: 'snode'; readonly ed25519: string; readonly x25519: Uint8Array }
  | {
      readonly type: 'server';
      readonly host: string;
      readonly target: string;
      readonly port?: number;
      readonly protocol: 'http' | 'https';
      readonly method?: string;
      readonly x25519: Uint8Array;
    };

export interface OnionRandomness {
  readonly ephemeralSecrets: readonly Uint8Array[];
  readonly nonces: readonly Uint8Array[];
  /**
   * The X25519 public keys of `ephemeralSecrets`, when the caller made them ahead of time (off the
   * request's critical path); each must be the public key of its secret — a wrong one makes that
   * layer unreadable to its hop. Derived here when absent.
   */
  readonly ephemeralPublics?: readonly Uint8Array[];
  /**
   * Per layer, the symmetric keys the caller already derived with `clientHopKeys(encType, secret,
   * that layer's node X25519 key, public)` for the same ephemeral pair (e.g. ahead of time for the
   * hops of a path it keeps using); `null` or absent: derived here. Needs `ephemeralPublics`. A
   * wrong key makes that layer unreadable to its hop, never readable to anyone else.
   */
  readonly layerKeys?: readonly (OnionLayerKeys | null)[];
}

/** The keys of one layer, as `clientHopKeys` returns them. */
export interface OnionLayerKeys {
  readonly key: Uint8Array;
  readonly gcmKey: Uint8Array;
}

export interface BuildOnionRequestParams {
  readonly hops: readonly OnionHop[];
  readonly destination: OnionDestination;
  /** Snode: the storage RPC JSON body. Server: the request already v4-framed by the caller. */
  readonly payload: Uint8Array;
  readonly encType: OnionEncType;
  readonly random: OnionRandomness;
  /** Optional fake starting hop number sent to the first hop. */
  readonly hopNo?: number;
}

export interface BuiltOnionRequest {
  /** The body to POST to the first hop (`/onion_req/v2`). */
  readonly wire: Uint8Array;
  /** The key the destination encrypts its reply with. */
  readonly destinationKey: Uint8Array;
  /** The aes-gcm key for the same ephemeral pair: LSU retries with it when an xchacha20 reply fails. */
  readonly gcmFallbackKey: Uint8Array;
  readonly encType: OnionEncType;
}

function badArgument(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function checkArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw badArgument(field, 'expected an array');
  return value;
}

/** The shapes a JavaScript caller can get wrong before any byte is looked at. */
function checkShape(params: BuildOnionRequestParams): void {
  const hops = checkArray(params.hops, 'hops');
  if (hops.length > MAX_ONION_HOPS) throw badArgument('hops', `at most ${MAX_ONION_HOPS}`);
  for (let i = 0; i < hops.length; i++) {
    if (!isObject(hops[i])) throw badArgument(`hops[${i}]`, 'expected an object');
  }
  const dest: unknown = params.destination;
  if (!isObject(dest)) throw badArgument('destination', 'expected an object');
  if (dest['type'] !== 'snode' && dest['type'] !== 'server') throw badArgument('destination.type', 'expected "snode" or "server"');
  if (!isObject(params.random)) throw badArgument('random', 'expected an object');
}

function checkRandom(random: OnionRandomness, layers: number, nonceLength: number): void {
  const ephemeralSecrets = checkArray(random.ephemeralSecrets, 'random.ephemeralSecrets');
  const nonces = checkArray(random.nonces, 'random.nonces');
  if (ephemeralSecrets.length !== layers || nonces.length !== layers) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `random: need ${layers} ephemeral secrets and ${layers} nonces`, {
      details: { field: 'random', expected: layers, secrets: ephemeralSecrets.length, nonces: nonces.length },
    });
  }
  for (let i = 0; i < layers; i++) {
    assertBytes(ephemeralSecrets[i], `random.ephemeralSecrets[${i}]`, 32);
    assertBytes(nonces[i], `random.nonces[${i}]`, nonceLength);
  }
  if (random.ephemeralPublics === undefined) return;
  const publics = checkArray(random.ephemeralPublics, 'random.ephemeralPublics');
  if (publics.length !== layers) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `random: need ${layers} ephemeral public keys`, { details: { field: 'random.ephemeralPublics', expected: layers } });
  }
  for (let i = 0; i < layers; i++) assertBytes(publics[i], `random.ephemeralPublics[${i}]`, 32);
  if (random.layerKeys === undefined) return;
  const keys = checkArray(random.layerKeys, 'random.layerKeys');
  if (keys.length !== layers) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `random: need ${layers} layer keys (or null)`, { details: { field: 'random.layerKeys', expected: layers } });
  }
  for (let i = 0; i < layers; i++) {
    const k = keys[i];
    if (k === null) continue;
    if (!isObject(k)) throw badArgument(`random.layerKeys[${i}]`, 'expected { key, gcmKey } or null');
    assertBytes(k['key'], `random.layerKeys[${i}].key`, 32);
    assertBytes(k['gcmKey'], `random.layerKeys[${i}].gcmKey`, 32);
  }
}

function checkLayerKeysNeedPublics(random: OnionRandomness): void {
  if (random.layerKeys !== undefined && random.ephemeralPublics === undefined) {
    throw badArgument('random.layerKeys', 'needs random.ephemeralPublics');
  }
}

/** Encrypts one layer to `nodeX25519` with ephemeral secret `secret`; returns the blob and A. */
function sealLayer(
  encType: OnionEncType,
  secret: Uint8Array,
  nodeX25519: Uint8Array,
  plain: Uint8Array,
  nonce: Uint8Array,
  ephemeralPublic?: Uint8Array,
  ready?: OnionLayerKeys | null,
) {
  const ephemeral = ephemeralPublic ?? x25519Base(secret);
  const { key, gcmKey } = ready ?? clientHopKeys(encType, secret, nodeX25519, ephemeral);
  return { blob: hopEncrypt(encType, key, plain, nonce), ephemeralHex: toHex(ephemeral), key, gcmKey };
}

function destinationRoute(dest: OnionDestination, ephemeralHex: string, encType: OnionEncType): Record<string, unknown> {
  if (dest.type === 'snode') return { destination: parseKeyHex(dest.ed25519, 'destination.ed25519'), ephemeral_key: ephemeralHex, enc_type: encType };
  const server = parseServerTarget(dest);
  return { ...server, ephemeral_key: ephemeralHex, enc_type: encType };
}

export function buildOnionRequest(params: BuildOnionRequestParams): BuiltOnionRequest {
  if (!isObject(params)) throw badArgument('params', 'expected an object');
  const encType = parseEncType(params.encType, 'encType');
  checkShape(params);
  const { hops, destination: dest, payload, random } = params;
  assertBytes(payload, 'payload');
  assertBytes(dest.x25519, 'destination.x25519', 32);
  checkRandom(random, hops.length + 1, encType === 'xchacha20' ? 24 : 12);
  checkLayerKeysNeedPublics(random);
  const n = hops.length;
  const keys = random.layerKeys;
  const inner = dest.type === 'snode' ? encodeLayer(payload, { headers: '' }) : payload;
  const publics = random.ephemeralPublics;
  const last = sealLayer(encType, random.ephemeralSecrets[n]!, dest.x25519, inner, random.nonces[n]!, publics?.[n], keys?.[n]);
  let blob = last.blob;
  let route = destinationRoute(dest, last.ephemeralHex, encType);
  let ephemeralHex = last.ephemeralHex;
  for (let i = n - 1; i >= 0; i--) {
    const hop = hops[i]!;
    assertBytes(hop.x25519, `hops[${i}].x25519`, 32);
    const sealed = sealLayer(encType, random.ephemeralSecrets[i]!, hop.x25519, encodeLayer(blob, route), random.nonces[i]!, publics?.[i], keys?.[i]);
    route = { destination: parseKeyHex(hop.ed25519, `hops[${i}].ed25519`), ephemeral_key: sealed.ephemeralHex, enc_type: encType };
    ({ blob, ephemeralHex } = sealed);
  }
  const outer: Record<string, unknown> = { ephemeral_key: ephemeralHex, enc_type: encType };
  if (params.hopNo !== undefined) {
    if (!Number.isInteger(params.hopNo) || params.hopNo < 0 || params.hopNo > MAX_ONION_HOPS) {
      throw new HushError('HUSH_ERR_BAD_ARGUMENT', `hopNo: expected 0..${MAX_ONION_HOPS}`, { details: { field: 'hopNo' } });
    }
    outer['hop_no'] = params.hopNo;
  }
  return { wire: encodeLayer(blob, outer), destinationKey: last.key, gcmFallbackKey: last.gcmKey, encType };
}
