/**
 * Reading a secret (the recovery phrase). Not a terminal: all of standard input, bounded. A
 * terminal: one line at a prompt on stderr, typed without echo. Ctrl-C at the prompt rejects with
 * an AbortError; so does `signal`.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { HushError } from '@hush/core';
import type { InputStream } from './context.ts';

export interface SecretInputOptions {
  readonly stdin: InputStream;
  /** Where the prompt goes (stderr, so stdout stays clean for results). */
  readonly stderr: Writable;
  readonly prompt: string;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

function tooLarge(maxBytes: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `input is longer than ${maxBytes} bytes; expected a recovery phrase`, {
    details: { limit: maxBytes },
  });
}

function abortError(): Error {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}

/** Reads all of `stream` as UTF-8, failing with HUSH_ERR_TOO_LARGE past `maxBytes`. */
export async function readAllBounded(stream: InputStream, maxBytes: number, signal?: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  signal?.throwIfAborted();
  for await (const chunk of stream.iterator({ destroyOnReturn: true })) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    if (signal?.aborted === true) throw abortError();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks for one line on a terminal without echoing it. */
export function promptHidden(options: SecretInputOptions): Promise<string> {
  const { stdin, stderr, prompt, maxBytes, signal } = options;
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  return new Promise<string>((resolve, reject) => {
    if (signal?.aborted === true) return reject(abortError());
    stderr.write(prompt);
    const rl = createInterface({ input: stdin, output: muted, terminal: true, historySize: 0 });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stderr.write('\n');
      rl.close();
      stdin.pause();
      fn();
    };
    const onAbort = () => finish(() => reject(abortError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.on('line', (line) => finish(() => (Buffer.byteLength(line) > maxBytes ? reject(tooLarge(maxBytes)) : resolve(line))));
    rl.on('SIGINT', onAbort);
    rl.on('close', () => finish(() => resolve('')));
  });
}

/** Reads a secret from a pipe/file or, on a terminal, from a hidden prompt. */
export function readSecret(options: SecretInputOptions): Promise<string> {
  if (options.stdin.isTTY === true) return promptHidden(options);
  return readAllBounded(options.stdin, options.maxBytes, options.signal);
}
