/** Reading the recovery phrase: bounded stdin, and a hidden prompt on a (fake) terminal. */
import { strict as assert } from 'node:assert';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { isHushError } from '@hush/core';
import { promptHidden, readAllBounded, readSecret } from '../src/prompt.ts';
import type { InputStream } from '../src/context.ts';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _e, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** A PassThrough that claims to be a terminal and records raw-mode switches. */
function fakeTty(): { input: InputStream & PassThrough; rawModes: boolean[] } {
  const rawModes: boolean[] = [];
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode(mode: boolean) {
      rawModes.push(mode);
      return input;
    },
  });
  return { input, rawModes };
}

const PHRASE = 'vexed enjoy pigment films adept voted vexed enjoy pigment films adept voted adept';

describe('readAllBounded', () => {
  test('joins chunks, including multi-byte characters split across them', async () => {
    const euro = Buffer.from('€');
    const text = await readAllBounded(Readable.from([Buffer.from('ab'), euro.subarray(0, 1), euro.subarray(1), Buffer.from('\n')]), 100);
    assert.equal(text, 'ab€\n');
  });

  test('more than the limit fails with HUSH_ERR_TOO_LARGE', async () => {
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1000, 0x61));
    await assert.rejects(readAllBounded(Readable.from(chunks), 4096), (e: unknown) => isHushError(e, 'HUSH_ERR_TOO_LARGE'));
    assert.equal(await readAllBounded(Readable.from([Buffer.alloc(4096, 0x61)]), 4096), 'a'.repeat(4096));
  });
});

describe('hidden prompt on a terminal', () => {
  test('reads one line, echoes nothing of it, and restores the terminal', async () => {
    const { input, rawModes } = fakeTty();
    const err = sink();
    const pending = readSecret({ stdin: input, stderr: err.stream, prompt: 'Phrase: ', maxBytes: 4096 });
    input.write(`${PHRASE}\r`);
    assert.equal(await pending, PHRASE);
    assert.equal(err.text(), 'Phrase: \n');
    assert.deepEqual(rawModes, [true, false]);
  });

  test('Ctrl-C rejects with an AbortError; Ctrl-D (end of input) gives an empty answer', async () => {
    const a = fakeTty();
    const pending = promptHidden({ stdin: a.input, stderr: sink().stream, prompt: '> ', maxBytes: 4096 });
    a.input.write('abc\u0003');
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    assert.deepEqual(a.rawModes, [true, false]);
    const b = fakeTty();
    const eof = promptHidden({ stdin: b.input, stderr: sink().stream, prompt: '> ', maxBytes: 4096 });
    b.input.end();
    assert.equal(await eof, '');
  });

  test('an abort signal cancels the prompt; an over-long line is refused', async () => {
    const a = fakeTty();
    const controller = new AbortController();
    const pending = promptHidden({ stdin: a.input, stderr: sink().stream, prompt: '> ', maxBytes: 4096, signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    const b = fakeTty();
    const long = promptHidden({ stdin: b.input, stderr: sink().stream, prompt: '> ', maxBytes: 10 });
    b.input.write('x'.repeat(11) + '\r');
    await assert.rejects(long, (e: unknown) => isHushError(e, 'HUSH_ERR_TOO_LARGE'));
  });
});
