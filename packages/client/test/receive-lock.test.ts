/**
 * One receiving client per account directory: a second is refused naming the process that
 * receives, a lock left by a dead process is taken over, and closing gives the lock back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHushError } from '@hush/core';
import { acquireReceiveLock, RECEIVE_LOCK_FILE } from '../src/messenger/receive-lock.ts';

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hush-lock-'));
  test.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const busy = (pid: number) => (e: unknown) => isHushError(e, 'HUSH_ERR_ALREADY_RUNNING') && e.details['pid'] === pid && e.message.includes(`pid ${pid}`);

test('a second receiver on the same directory is refused until the first releases', () => {
  const d = dir();
  const lock = acquireReceiveLock(d);
  assert.equal(readFileSync(join(d, RECEIVE_LOCK_FILE), 'utf8'), `${process.pid}\n`);
  assert.throws(() => acquireReceiveLock(d), (e: unknown) => isHushError(e, 'HUSH_ERR_ALREADY_RUNNING') && e.message.includes('already receiving in this process'));
  lock.release();
  lock.release();
  assert.equal(existsSync(join(d, RECEIVE_LOCK_FILE)), false);
  acquireReceiveLock(d).release();
});

test('a lock held by another live process is refused naming it; once that process is gone, it is taken over', async () => {
  const d = dir();
  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => other.once('spawn', r));
  const pid = other.pid!;
  writeFileSync(join(d, RECEIVE_LOCK_FILE), `${pid}\n`);
  try {
    assert.throws(() => acquireReceiveLock(d), busy(pid));
  } finally {
    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
  }
  const lock = acquireReceiveLock(d);
  assert.equal(readFileSync(join(d, RECEIVE_LOCK_FILE), 'utf8'), `${process.pid}\n`);
  lock.release();
});

test('a damaged lock file is taken over; releasing never removes a lock that is not ours', () => {
  const d = dir();
  writeFileSync(join(d, RECEIVE_LOCK_FILE), 'not a pid at all');
  const lock = acquireReceiveLock(d);
  // Someone replaced the file meanwhile (say an operator removed it and another client took it).
  writeFileSync(join(d, RECEIVE_LOCK_FILE), '1\n');
  lock.release();
  assert.equal(readFileSync(join(d, RECEIVE_LOCK_FILE), 'utf8'), '1\n');
});
