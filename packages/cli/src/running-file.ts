/**
 * `<node data dir>/running.json`: where a node started by `hush node start` listens (storage and
 * status ports, which may have been chosen by the system) and its pid, so `hush node status` can
 * find it. Written once the node listens, removed when it stops cleanly; a file left by a killed
 * node is recognised as stale because nothing answers at its status address.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HushError } from '@hush/core';
import { withIoContext } from '@hush/client';
import { MAX_RUNNING_FILE_BYTES } from './limits.ts';
import { readTextFileIfExists } from './read-text-file.ts';

export const RUNNING_FILE = 'running.json';

export interface RunningRecord {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  readonly metricsHost: string;
  readonly metricsPort: number;
  readonly pubkeyEd25519: string;
  readonly startedAt: number;
}

const HEX64 = /^[0-9a-f]{64}$/;
const HOST = /^[0-9A-Za-z.:[\]-]{1,255}$/;

function bad(path: string, field: string, expected: string): HushError {
  return new HushError('HUSH_ERR_BAD_JSON', `${path}: ${field}: expected ${expected}`, { details: { path, field } });
}

function int(doc: Record<string, unknown>, field: string, min: number, max: number, path: string): number {
  const v = doc[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(path, field, `an integer in ${min}..${max}`);
  return v;
}

function text(doc: Record<string, unknown>, field: string, pattern: RegExp, path: string): string {
  const v = doc[field];
  if (typeof v !== 'string' || !pattern.test(v)) throw bad(path, field, `a string matching ${pattern.source}`);
  return v;
}

/** Parses the file's text; every field is checked. */
export function parseRunningFile(raw: string, path: string): RunningRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${path}: not valid JSON`, { cause, details: { path } });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad(path, '(top level)', 'a JSON object');
  const d = doc as Record<string, unknown>;
  return {
    pid: int(d, 'pid', 1, 2 ** 31 - 1, path),
    host: text(d, 'host', HOST, path),
    port: int(d, 'port', 1, 65_535, path),
    metricsHost: text(d, 'metrics_host', HOST, path),
    metricsPort: int(d, 'metrics_port', 1, 65_535, path),
    pubkeyEd25519: text(d, 'pubkey_ed25519', HEX64, path),
    startedAt: int(d, 'started_at', 0, Number.MAX_SAFE_INTEGER, path),
  };
}

export function runningFileText(r: RunningRecord): string {
  const doc = { pid: r.pid, host: r.host, port: r.port, metrics_host: r.metricsHost, metrics_port: r.metricsPort, pubkey_ed25519: r.pubkeyEd25519, started_at: r.startedAt };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Reads `<dataDir>/running.json`; undefined when there is none. */
export async function readRunningFile(dataDir: string): Promise<RunningRecord | undefined> {
  const path = join(dataDir, RUNNING_FILE);
  const raw = await readTextFileIfExists(path, MAX_RUNNING_FILE_BYTES, `cannot read ${path}`);
  return raw === undefined ? undefined : parseRunningFile(raw, path);
}

/** Replaces `<dataDir>/running.json` atomically (temporary file, then rename). */
export async function writeRunningFile(dataDir: string, record: RunningRecord): Promise<void> {
  const path = join(dataDir, RUNNING_FILE);
  const tmp = `${path}.${record.pid}.tmp`;
  await withIoContext(`cannot write ${path}`, async () => {
    try {
      await writeFile(tmp, runningFileText(record), { mode: 0o644 });
      await rename(tmp, path);
    } finally {
      await rm(tmp, { force: true });
    }
  });
}

/** Removes `<dataDir>/running.json` when it still describes process `pid` (a newer node may have replaced it). */
export async function removeRunningFile(dataDir: string, pid: number): Promise<void> {
  const current = await readRunningFile(dataDir).catch(() => undefined);
  if (current?.pid === pid) await rm(join(dataDir, RUNNING_FILE), { force: true });
}
