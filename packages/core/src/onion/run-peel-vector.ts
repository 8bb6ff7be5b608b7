/**
 * Runs an onion request through a path the way the nodes would, with the real node-side functions:
 * each secret key opens one layer; a `forward` hands `nextWire` to the next key, a `relay` hands
 * the whole plaintext to the server (the last key). Used by the conformance runner (`onion_peel`).
 */
import { HushError } from '../errors.ts';
import { assertBytes } from '../bytes.ts';
import { x25519Base } from '../crypto/sodium.ts';
import { peelOnionLayer } from './peel.ts';
import { openServerOnionRequest } from './open.ts';
import type { OnionServerTarget } from './route-checks.ts';

export interface PeelThroughPathResult {
  /** Ed25519 keys (hex) each hop was told to forward to, in order. */
  readonly forwardedTo: string[];
  readonly final:
    | { readonly type: 'snode'; readonly control: Record<string, unknown>; readonly payload: Uint8Array }
    | {
        readonly type: 'server';
        readonly server: { host: string; target: string; port: number; protocol: string; method: string };
        readonly payload: Uint8Array;
      };
}

function pathError(message: string, hop: number): HushError {
  return new HushError('HUSH_ERR_BAD_ONION_LAYER', `onion path: ${message} (hop ${hop})`, { details: { field: 'path', hop } });
}

function serverView(s: OnionServerTarget) {
  return { host: s.host, target: s.target, port: s.port, protocol: s.protocol, method: s.method };
}

/** `hopX25519Secrets`: every node's X25519 secret key in path order, the destination's (or server's) last. */
export function peelThroughPath(request: Uint8Array, hopX25519Secrets: readonly Uint8Array[]): PeelThroughPathResult {
  const forwardedTo: string[] = [];
  let wire = request;
  for (let i = 0; i < hopX25519Secrets.length; i++) {
    const secret = hopX25519Secrets[i]!;
    assertBytes(secret, `hopX25519Secrets[${i}]`, 32);
    const peeled = peelOnionLayer(wire, secret, x25519Base(secret));
    const isLast = i === hopX25519Secrets.length - 1;
    if (peeled.kind === 'forward') {
      if (isLast) throw pathError(`asked to forward to ${peeled.destination} but no keys are left`, i);
      forwardedTo.push(peeled.destination);
      wire = peeled.nextWire;
    } else if (peeled.kind === 'final') {
      if (!isLast) throw pathError('reached the destination before the last key', i);
      return { forwardedTo, final: { type: 'snode', control: peeled.control, payload: peeled.payload } };
    } else {
      if (i !== hopX25519Secrets.length - 2) throw pathError('relay to a server must come from the next-to-last key', i);
      const serverSecret = hopX25519Secrets[i + 1]!;
      assertBytes(serverSecret, `hopX25519Secrets[${i + 1}]`, 32);
      const opened = openServerOnionRequest(peeled.plaintext, serverSecret, x25519Base(serverSecret));
      return { forwardedTo, final: { type: 'server', server: serverView(peeled.server), payload: opened.payload } };
    }
  }
  throw pathError('no keys given', 0);
}
