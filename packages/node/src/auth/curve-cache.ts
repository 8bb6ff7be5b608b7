/**
 * A bounded memo of Ed25519 → X25519 public-key conversions (libsodium's conversion costs about
 * as much as a signature check, and a client signs every poll with the same key). Cleared
 * wholesale when full. One instance per node.
 */
import { edPkToCurve } from '@hush/core';

export function createEdToCurveCache(max = 10_000): (edPk: Uint8Array) => Uint8Array {
  let cache = new Map<string, Uint8Array>();
  return (edPk) => {
    const key = Buffer.from(edPk.buffer, edPk.byteOffset, edPk.byteLength).toString('latin1');
    let x = cache.get(key);
    if (x === undefined) {
      x = edPkToCurve(edPk);
      if (cache.size >= max) cache = new Map();
      cache.set(key, x);
    }
    return x;
  };
}
