// A signature thread of the service node (see signature-pool.ts): Ed25519 verifies, a batch per
// message, with the very libsodium function core's crypto/sodium.ts calls (sodium-native's
// crypto_sign_verify_detached, resolved from @hush/core's own location). Plain JavaScript on
// purpose: no TypeScript loader in this thread (tsx's would add its esbuild worker, ~25 MiB), and
// not core itself, whose crypto module also instantiates libsodium-wrappers-sumo (wasm, ~15 MiB a
// thread) for one function this thread does not need.
//
// A batch is one transferred ArrayBuffer of jobs, each: message length (u32 LE) || signature (64)
// || public key (32) || message. The answer is one transferred ArrayBuffer, a byte per job in
// order: 1 = the signature verifies.
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const sodium = createRequire(import.meta.resolve('@hush/core'))('sodium-native');

function run(buf, count) {
  const input = new Uint8Array(buf);
  const view = new DataView(buf);
  const out = new Uint8Array(count);
  for (let i = 0, at = 0; i < count; i++) {
    const len = view.getUint32(at, true);
    const sig = input.subarray(at + 4, at + 68);
    const pk = input.subarray(at + 68, at + 100);
    out[i] = sodium.crypto_sign_verify_detached(sig, input.subarray(at + 100, at + 100 + len), pk) ? 1 : 0;
    at += 100 + len;
  }
  return out.buffer;
}

parentPort.on('message', (m) => {
  const answer = run(m.buf, m.count);
  parentPort.postMessage({ buf: answer }, [answer]);
});
parentPort.postMessage({ ready: true });
