/**
 * The devnet launcher's own behaviour on the edges (foreground entry point and SIGINT, failing,
 * silent and aborted start-ups, bad options), with small stand-in nodes (fixtures/) so it does not
 * depend on the real node. devnet.test.ts runs the real node.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHushError } from '@hush/core';
import { startDevnet, type DevnetOptions } from '@hush/devnet';
import { pidsUsing, waitFor } from './process-helpers.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const FAKE = fixture('fake-node.ts');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'hush-devnet-mech-'));
}

function basePort(): number {
  return 10_000 + Math.floor(Math.random() * 20_000);
}

function options(dir: string, extra: Partial<DevnetOptions> = {}): DevnetOptions {
  return { nodes: 5, dir, basePort: basePort(), log: () => {}, nodeEntry: FAKE, readyTimeoutMs: 30_000, stopGraceMs: 2_000, ...extra };
}

test('devnet: SIGINT to the foreground devnet stops it and its nodes', async () => {
  const dir = tempDir();
  try {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'packages/devnet/src/main.ts'), '--nodes', '1', '--dir', dir, '--node-entry', FAKE, '--base-port', String(basePort())],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    assert.ok(await waitFor(() => out.includes('devnet up') || child.exitCode !== null, 30_000), out);
    assert.match(out, /devnet up/, out);
    child.kill('SIGINT');
    assert.equal(await exited, 0, out);
    assert.deepEqual(pidsUsing(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('devnet: a node that dies at start-up fails startDevnet with its log, leaving nothing behind', async () => {
  const dir = tempDir();
  try {
    await assert.rejects(startDevnet(options(dir, { nodes: 1, nodeEntry: fixture('crash-node.ts') })), (err) => {
      assert.ok(isHushError(err, 'HUSH_ERR_PROCESS_EXITED'), String(err));
      assert.match(err.message, /cannot start \(test fixture\)/);
      return true;
    });
    assert.deepEqual(pidsUsing(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('devnet: the readiness wait honours its timeout and AbortSignal', async () => {
  const dir = tempDir();
  try {
    const silent = fixture('silent-node.ts');
    const t0 = Date.now();
    await assert.rejects(startDevnet(options(dir, { nodes: 1, nodeEntry: silent, readyTimeoutMs: 1_500 })), (err) => {
      assert.ok(isHushError(err, 'HUSH_ERR_TIMEOUT'), String(err));
      assert.match(err.message, /node 0 \(127\.0\.0\.2:\d+\) not in a swarm/);
      return true;
    });
    assert.ok(Date.now() - t0 < 10_000);
    assert.deepEqual(pidsUsing(dir), []);
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('user gave up')), 500);
    await assert.rejects(startDevnet(options(dir, { nodes: 1, nodeEntry: silent, signal: abort.signal })), /user gave up/);
    assert.deepEqual(pidsUsing(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('devnet: bad options are refused naming the option', async () => {
  const dir = tempDir();
  try {
    for (const [extra, field] of [[{ nodes: 0 }, 'nodes'], [{ nodes: 1.5 }, 'nodes'], [{ basePort: 80 }, 'basePort'], [{ dir: '' }, 'dir']] as const) {
      await assert.rejects(startDevnet(options(dir, extra)), (err) => isHushError(err, 'HUSH_ERR_BAD_ARGUMENT') && err.details['field'] === field);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
