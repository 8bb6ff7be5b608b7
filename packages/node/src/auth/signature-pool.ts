/**
 * Ed25519 request-signature verifies off the main thread: ~45 µs each here, the largest single
 * cost of a signed retrieve, run on `threads` worker threads (signature-worker.mjs) with the very
 * libsodium function core's verifyDetached calls, so every answer is the one core would give. With
 * `threads: 0` they run inline. (The node's own result signatures stay on the main thread: ~17 µs
 * inline cost less, all threads counted, than a round trip to another thread, and stores measured
 * faster that way; the secret key stays in one thread too.)
 *
 * The threads start on first use (an idle node does not carry them); verifies that come while they
 * start run inline. Then verifies queued while the event loop handles a round of I/O go out
 * together at the end of that round (setImmediate) as one transferred buffer; a thread has one
 * batch at a time, and what queues meanwhile goes out the moment its answer is back (as the
 * storage group commit does). Answers settle in the order the verifies were asked for, whichever
 * thread ran them, so concurrent requests (a batch RPC) reach storage in the same order as with
 * inline checks. If a thread fails, everything pending and later runs inline: a slower node, never
 * a wrong or lost answer. Nothing here rejects.
 */
import { Worker } from 'node:worker_threads';
import { verifyDetached } from '@hush/core';
import type { Logger } from '../log/logger.ts';

export interface SignatureVerifier {
  /** libsodium crypto_sign_verify_detached (false for a wrong-length signature or key). */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean>;
}

export interface SignaturePool extends SignatureVerifier {
  /** Threads taking verifies right now (0 before first use, with `threads: 0`, after a failure or stop). */
  running(): number;
  /** Answers what is pending inline and ends the threads; later verifies run inline. */
  stop(): Promise<void>;
}

export interface SignaturePoolOptions {
  /** Worker threads; 0 = everything inline on the calling thread. */
  readonly threads: number;
  /** Most verifies in one batch. */
  readonly maxBatch: number;
  readonly logger: Logger;
}

interface Job {
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
  resolve(valid: boolean): void;
}

interface Batch {
  readonly jobs: Job[];
  answer?: ArrayBuffer;
}

interface Thread {
  readonly worker: Worker;
  batch: Batch | null;
}

const WORKER_URL = new URL('./signature-worker.mjs', import.meta.url);

/** The batch buffer signature-worker.mjs reads (layout described there). */
function encode(jobs: readonly Job[]): ArrayBuffer {
  let size = 0;
  for (const j of jobs) size += 100 + j.message.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const j of jobs) {
    view.setUint32(at, j.message.length, true);
    out.set(j.signature, at + 4);
    out.set(j.publicKey, at + 68);
    out.set(j.message, at + 100);
    at += 100 + j.message.length;
  }
  return out.buffer;
}

function settle(jobs: readonly Job[], answer: ArrayBuffer): void {
  const out = new Uint8Array(answer);
  jobs.forEach((j, i) => j.resolve(out[i] === 1));
}

function runInline(j: Job): void {
  j.resolve(verifyDetached(j.signature, j.message, j.publicKey));
}

/** idle: no threads yet; booting: threads starting (verifies inline); ready: verifies to threads; inline: for good. */
type State = 'idle' | 'booting' | 'ready' | 'inline';

class Pool implements SignaturePool {
  private state: State;
  /** Every worker started (terminated on stop or failure, ready or not). */
  private workers: Worker[] = [];
  /** The ready ones. */
  private threads: Thread[] = [];
  private queue: Job[] = [];
  /** Batches handed to threads, oldest first: settled in this order. */
  private readonly inFlight: Batch[] = [];
  private scheduled = false;

  constructor(private readonly o: SignaturePoolOptions) {
    this.state = o.threads > 0 ? 'idle' : 'inline';
  }

  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (signature.length !== 64 || publicKey.length !== 32) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => this.enqueue({ signature, message, publicKey, resolve }));
  }

  running(): number {
    return this.state === 'ready' ? this.threads.length : 0;
  }

  async stop(): Promise<void> {
    this.goInline();
    this.threads = [];
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }

  private enqueue(j: Job): void {
    if (this.state === 'ready') {
      this.queue.push(j);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
      return;
    }
    if (this.state === 'idle') this.boot();
    runInline(j);
  }

  private dispatch(): void {
    this.scheduled = false;
    for (const t of this.threads) {
      if (this.queue.length === 0) return;
      if (t.batch === null) this.send(t);
    }
  }

  private send(t: Thread): void {
    const { queue, o } = this;
    const jobs = queue.length <= o.maxBatch ? queue : queue.slice(0, o.maxBatch);
    this.queue = jobs === queue ? [] : queue.slice(o.maxBatch);
    const batch: Batch = { jobs };
    t.batch = batch;
    this.inFlight.push(batch);
    const buf = encode(jobs);
    t.worker.postMessage({ buf, count: jobs.length }, [buf]);
  }

  private onAnswer(t: Thread, buf: ArrayBuffer): void {
    const b = t.batch;
    t.batch = null;
    if (b === null || this.state !== 'ready') return;
    b.answer = buf;
    while (this.inFlight[0]?.answer !== undefined) {
      const done = this.inFlight.shift()!;
      settle(done.jobs, done.answer!);
    }
    if (this.queue.length > 0) this.send(t);
  }

  /** From now on everything runs inline; what is in flight or queued is answered now, in order. */
  private goInline(): void {
    if (this.state === 'inline') return;
    this.state = 'inline';
    for (const b of this.inFlight.splice(0)) {
      if (b.answer !== undefined) settle(b.jobs, b.answer);
      else b.jobs.forEach(runInline);
    }
    this.queue.splice(0).forEach(runInline);
  }

  private fail(err: unknown): void {
    if (this.state === 'inline') return;
    this.o.logger.error('signature_thread_failed', { error: err });
    this.goInline();
    this.threads = [];
    for (const w of this.workers.splice(0)) void w.terminate();
  }

  private boot(): void {
    this.state = 'booting';
    let waiting = this.o.threads;
    for (let i = 0; i < this.o.threads; i++) {
      const worker = new Worker(WORKER_URL, { execArgv: [] });
      this.workers.push(worker);
      const t: Thread = { worker, batch: null };
      worker.once('message', () => {
        worker.on('message', (m: { buf: ArrayBuffer }) => this.onAnswer(t, m.buf));
        if (this.state !== 'booting') return;
        this.threads.push(t);
        if (--waiting === 0) this.state = 'ready';
      });
      worker.once('error', (err) => this.fail(err));
      worker.once('exit', (code) => this.fail(new Error(`signature thread exited (code ${code})`)));
    }
  }
}

export function createSignaturePool(options: SignaturePoolOptions): SignaturePool {
  return new Pool(options);
}
