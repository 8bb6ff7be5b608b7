/**
 * z-base-32 encoding (oxenc `to_base32z`): bits taken most-significant first, 5 at a time, the
 * final group zero-padded; no padding characters. Used for the deprecated `address` field
 * (`<base32z of the node's key>.snode`) of swarm lists.
 */
const ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769';

export function toBase32z(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}
