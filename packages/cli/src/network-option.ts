/**
 * `--network` of the messaging commands → the SDK's NetworkOption. Accepted: a registry URL
 * (`http(s)://…`), a JSON file in devnet.json's shape (`hush devnet up`'s devnet.json, or any file
 * listing nodes), or a devnet directory holding a devnet.json.
 *
 * Default: the network `npm start` runs, `<$HUSH_DATA_DIR or ./.hush-local>/devnet/devnet.json`.
 * It does not follow `--data-dir`, so several local accounts (`--data-dir alice`, `--data-dir bob`)
 * talk over the same local network.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HushError, isHushError } from '@hush/core';
import type { HushErrorCode } from '@hush/core';
import { isSystemError, parseRegistryUrl } from '@hush/client';
import type { NetworkOption } from '@hush/client';
import { DEVNET_FILE } from '@hush/devnet';
import type { CommandContext } from './context.ts';
import { DATA_DIR_ENV, LOCAL_DATA_DIR_NAME, expandPath } from './data-dir.ts';

export const NETWORK_OPTION_NAME = 'network';

export interface ResolvedNetwork {
  readonly option: NetworkOption;
  /** The registry URL or the file's absolute path, as shown in messages. */
  readonly where: string;
}

/** Errors of a client start or request meaning "nothing answers there". */
const UNREACHABLE_CODES: readonly HushErrorCode[] = [
  'HUSH_ERR_NODE_LIST',
  'HUSH_ERR_NO_PATH',
  'HUSH_ERR_NETWORK',
  'HUSH_ERR_TIMEOUT',
  'HUSH_ERR_NOT_READY',
  'HUSH_ERR_ONION_HOP_FAILED',
  'HUSH_ERR_ONION_BAD_RESPONSE',
  'HUSH_ERR_NO_SWARMS',
];

export function noNetworkError(where: string, cause?: unknown): HushError {
  return new HushError('HUSH_ERR_NOT_RUNNING', `no network at ${where}: run npm start (or pass --network)`, {
    details: { network: where },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Whether `err` (from createClient or a request) says that the network does not answer. */
export function isUnreachable(err: unknown): boolean {
  if (isHushError(err)) return UNREACHABLE_CODES.includes(err.code);
  return isSystemError(err) && ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT'].includes(err.code);
}

/** The devnet.json of the network `npm start` runs. */
export function defaultNetworkFile(ctx: CommandContext): string {
  const env = ctx.io.env[DATA_DIR_ENV];
  const base = env !== undefined && env !== '' ? expandPath(env, ctx) : expandPath(LOCAL_DATA_DIR_NAME, ctx);
  return join(base, 'devnet', DEVNET_FILE);
}

function usage(message: string): HushError {
  return new HushError('HUSH_ERR_USAGE', message, { details: { option: '--network' } });
}

function registryUrl(raw: string): ResolvedNetwork {
  try {
    parseRegistryUrl(raw);
  } catch {
    throw usage(`--network: ${JSON.stringify(raw.slice(0, 200))} is not an http(s) registry URL`);
  }
  return { option: { registry: raw }, where: raw };
}

/** `path` as a node-list file: a directory means its devnet.json; a missing file means no network. */
async function networkFile(path: string): Promise<ResolvedNetwork> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory() === true) return networkFile(join(path, DEVNET_FILE));
  if (info === undefined) throw noNetworkError(path);
  if (!info.isFile()) throw usage(`--network: ${path} is not a file`);
  return { option: { devnetFile: path }, where: path };
}

/** The network the command talks to (checked to exist, not yet asked). */
export async function resolveNetwork(ctx: CommandContext): Promise<ResolvedNetwork> {
  const raw = ctx.args.values.get(NETWORK_OPTION_NAME);
  if (raw === undefined) return networkFile(defaultNetworkFile(ctx));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return registryUrl(raw);
  return networkFile(expandPath(raw, ctx));
}
