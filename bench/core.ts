/**
 * `npm run bench -- core`: the cost of our core operations next to the raw libsodium operations they
 * are made of, measured in the same run, interleaved (see lib/measure.ts). Prints a markdown table.
 */
import sodium from 'sodium-native';
import {
  blind25Id,
  buildOnionRequest,
  decodeFor1o1,
  decryptIncoming,
  deriveAccountKeys,
  encodeContent,
  encodeFor1o1,
  encryptForRecipient,
  peelOnionLayer,
  randomBytes,
} from '@hush/core';
import { comparePair, pairTable, type PairResult } from './lib/measure.ts';

const B = (n: number): Buffer => Buffer.alloc(n);
const alice = deriveAccountKeys(randomBytes(16));
const bob = deriveAccountKeys(randomBytes(16));
const message = randomBytes(1024);

function rawEncrypt(): () => void {
  const toSign = Buffer.concat([message, alice.ed25519PublicKey, bob.x25519PublicKey]);
  const sig = B(64);
  const sk = Buffer.from(alice.ed25519SecretKey);
  const pk = Buffer.from(bob.x25519PublicKey);
  return () => {
    sodium.crypto_sign_detached(sig, Buffer.from(toSign), sk);
    const inner = Buffer.concat([message, alice.ed25519PublicKey, sig]);
    sodium.crypto_box_seal(B(inner.length + 48), inner, pk);
  };
}

function rawDecrypt(ciphertext: Uint8Array): () => void {
  const c = Buffer.from(ciphertext);
  const pk = Buffer.from(bob.x25519PublicKey);
  const sk = Buffer.from(bob.x25519SecretKey);
  return () => {
    const inner = B(c.length - 48);
    if (!sodium.crypto_box_seal_open(inner, c, pk, sk)) throw new Error('raw open failed');
    const m = inner.subarray(0, inner.length - 96);
    const a = inner.subarray(inner.length - 96, inner.length - 64);
    const sig = inner.subarray(inner.length - 64);
    if (!sodium.crypto_sign_verify_detached(sig, Buffer.concat([m, a, pk]), a)) throw new Error('raw verify failed');
  };
}

function rawDecryptWithSenderId(ciphertext: Uint8Array): () => void {
  const base = rawDecrypt(ciphertext);
  const x = B(32);
  return () => {
    base();
    sodium.crypto_sign_ed25519_pk_to_curve25519(x, Buffer.from(alice.ed25519PublicKey));
  };
}

function onionFixture(): { wire: Uint8Array; sk: Uint8Array; pk: Uint8Array } {
  const node = { sk: randomBytes(32), pk: B(32) };
  sodium.crypto_scalarmult_base(node.pk, Buffer.from(node.sk));
  const next = { sk: randomBytes(32), pk: B(32) };
  sodium.crypto_scalarmult_base(next.pk, Buffer.from(next.sk));
  const built = buildOnionRequest({
    hops: [{ ed25519: 'aa'.repeat(32), x25519: node.pk }],
    destination: { type: 'snode', ed25519: 'bb'.repeat(32), x25519: next.pk },
    payload: randomBytes(1024),
    encType: 'xchacha20',
    random: { ephemeralSecrets: [randomBytes(32), randomBytes(32)], nonces: [randomBytes(24), randomBytes(24)] },
  });
  return { wire: built.wire, sk: node.sk, pk: node.pk };
}

function rawPeel(wire: Uint8Array, sk: Uint8Array, pk: Uint8Array): () => void {
  // The primitives one hop runs: X25519, BLAKE2b key derivation, XChaCha20-Poly1305 open.
  const len = Buffer.from(wire.buffer, wire.byteOffset, 4).readUInt32LE(0);
  const blob = Buffer.from(wire.subarray(4, 4 + len));
  const json = JSON.parse(Buffer.from(wire.subarray(4 + len)).toString()) as { ephemeral_key: string };
  const eph = Buffer.from(json.ephemeral_key, 'hex');
  const skB = Buffer.from(sk);
  const pkB = Buffer.from(pk);
  return () => {
    const shared = B(32);
    sodium.crypto_scalarmult(shared, skB, eph);
    const key = B(32);
    sodium.crypto_generichash(key, Buffer.concat([shared, eph, pkB]));
    const m = B(blob.length - 24 - 16);
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(m, null, blob.subarray(24), null, blob.subarray(0, 24), key);
  };
}

function rawBlind25(serverPk: Uint8Array): () => void {
  const sk = Buffer.from(alice.ed25519SecretKey);
  const xpk = Buffer.from(alice.x25519PublicKey);
  const spk = Buffer.from(serverPk);
  return () => {
    const h = B(64);
    sodium.crypto_generichash(h, Buffer.concat([Buffer.from([0x05]), xpk, spk]));
    const k = B(32);
    sodium.crypto_core_ed25519_scalar_reduce(k, h);
    const a = B(32);
    sodium.crypto_sign_ed25519_sk_to_curve25519(a, sk);
    const ka = B(32);
    // scalar_mul is not bound by sodium-native: the raw side uses scalarmult on a point instead,
    // which is the heavier half of the same work (k·(a·B)).
    const A = B(32);
    sodium.crypto_scalarmult_ed25519_base_noclamp(A, a);
    sodium.crypto_scalarmult_ed25519_noclamp(ka, k, A);
  };
}

const results: PairResult[] = [];
const ct = encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, message);
results.push(comparePair('1:1 encrypt (1 KB)', () => encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, message), 'crypto_sign_detached + crypto_box_seal', rawEncrypt()));
results.push(comparePair('1:1 decrypt (1 KB)', () => decryptIncoming(bob, ct), 'crypto_box_seal_open + crypto_sign_verify_detached', rawDecrypt(ct)));
results.push(comparePair('1:1 decrypt + sender Session ID', () => decryptIncoming(bob, ct).senderSessionId, 'seal_open + verify + ed25519_pk_to_curve25519', rawDecryptWithSenderId(ct)));
const content = encodeContent({ dataMessage: { body: 'x'.repeat(1000) }, sigTimestamp: 1_700_000_000_000 });
const wire = encodeFor1o1({ content, senderEd25519SecretKey: alice.ed25519SecretKey, sentTimestampMs: 1_700_000_000_000, recipient: bob.x25519PublicKey });
results.push(comparePair('1:1 full wire decode (pad+protobuf+decrypt)', () => decodeFor1o1(wire, bob), 'seal_open + verify + ed25519_pk_to_curve25519', rawDecryptWithSenderId(encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, new Uint8Array(1120)))));
const onion = onionFixture();
results.push(comparePair('onion layer peel (xchacha20, 1 KB)', () => peelOnionLayer(onion.wire, onion.sk, onion.pk), 'crypto_scalarmult + generichash + xchacha20poly1305 decrypt', rawPeel(onion.wire, onion.sk, onion.pk)));
const serverPk = randomBytes(32);
results.push(comparePair('25-blinded ID from secret key', () => blind25Id(alice.ed25519SecretKey, serverPk), 'generichash + scalar_reduce + sk_to_curve25519 + 2 ed25519 scalarmults', rawBlind25(serverPk)));

const targets = new Map([
  ['1:1 encrypt (1 KB)', 1.15],
  ['1:1 decrypt (1 KB)', 1.2],
  ['onion layer peel (xchacha20, 1 KB)', 1.3],
]);
process.stdout.write(`${pairTable(results, targets)}\n`);
process.stdout.write('\ncost ratio = our time per op / raw primitives time per op (median of interleaved rounds).\n');
