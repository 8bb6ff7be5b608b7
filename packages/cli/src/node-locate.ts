/**
 * Where the status port of the node with data dir D is: from `D/running.json` (written by
 * `hush node start`), else — for a node of a devnet, whose data dir is `<devnet dir>/node-<i>` —
 * from the devnet's port plan. An error says how to start a node when neither exists.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HushError } from '@hush/core';
import { parsePlan, PLAN_FILE } from '@hush/devnet';
import { MAX_DEVNET_FILE_BYTES } from './limits.ts';
import { readTextFileIfExists } from './read-text-file.ts';
import { readRunningFile, RUNNING_FILE } from './running-file.ts';
import { shellArg } from './shell-arg.ts';

export interface NodeEndpoint {
  readonly dataDir: string;
  /** http://host:port of the status (metrics) port. */
  readonly base: string;
  /** Pid and identity recorded by `hush node start` (absent for devnet nodes). */
  readonly pid?: number;
  readonly pubkeyEd25519?: string;
  /** How to start this node again, for error messages. */
  readonly startHint: string;
}

const DEVNET_NODE_DIR = /^node-(\d{1,3})$/;

/**
 * Devnet nodes serve their status port on the node's default metrics host, 127.0.0.1 (the devnet
 * sets --metrics-port but not the host), whatever their own storage address.
 */
export const DEVNET_STATUS_HOST = '127.0.0.1';

/** A URL authority for `host` (the unspecified address is reached on loopback). */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function fromDevnetPlan(dataDir: string): Promise<NodeEndpoint | undefined> {
  const match = DEVNET_NODE_DIR.exec(basename(dataDir));
  if (match === null) return undefined;
  const devnetDir = dirname(dataDir);
  const planPath = join(devnetDir, PLAN_FILE);
  const text = await readTextFileIfExists(planPath, MAX_DEVNET_FILE_BYTES, `cannot read ${planPath}`);
  const planned = text === undefined ? undefined : parsePlan(text).nodes[Number(match[1])];
  if (planned === undefined) return undefined;
  return { dataDir, base: `http://${DEVNET_STATUS_HOST}:${planned.metricsPort}`, startHint: `hush devnet up --dir ${shellArg(devnetDir)}` };
}

async function missingDir(dataDir: string): Promise<boolean> {
  try {
    return !(await stat(dataDir)).isDirectory();
  } catch {
    return true;
  }
}

/** The status endpoint of the node whose data dir is `dataDir` (absolute). */
export async function locateNode(dataDir: string): Promise<NodeEndpoint> {
  const startHint = `hush node start --data-dir ${shellArg(dataDir)}`;
  const running = await readRunningFile(dataDir);
  if (running !== undefined) {
    const base = `http://${urlHost(running.metricsHost)}:${running.metricsPort}`;
    return { dataDir, base, pid: running.pid, pubkeyEd25519: running.pubkeyEd25519, startHint };
  }
  const devnetNode = await fromDevnetPlan(dataDir);
  if (devnetNode !== undefined) return devnetNode;
  const why = (await missingDir(dataDir)) ? `${dataDir} does not exist` : `no service node is running with data directory ${dataDir} (it has no ${RUNNING_FILE})`;
  throw new HushError('HUSH_ERR_NOT_RUNNING', `${why}; start one with "${startHint}" (or point --data-dir at the node's data directory)`, {
    details: { dataDir },
  });
}
