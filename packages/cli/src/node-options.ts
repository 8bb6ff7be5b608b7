/**
 * `hush node start` options → the service node's settings. A config file (`--config FILE`, the
 * node's own JSON format, checked by the node's `checkSettings`) gives the base; command-line
 * options win. Options are checked here first, so a bad value is a usage error naming the option.
 *
 * Defaults: data dir <data directory>/node ($HUSH_DATA_DIR/node, else ~/.hush/node), host
 * 127.0.0.1, port 22021, metrics (status) port: any free loopback port.
 */
import { dirname, join } from 'node:path';
import { HushError } from '@hush/core';
import { checkSettings, isLogLevel } from '@hush/node';
import type { ServiceNodeOptions } from '@hush/node';
import type { CommandContext } from './context.ts';
import { expandPath, resolveDataDir } from './data-dir.ts';
import { intOption } from './int-option.ts';
import { MAX_NODE_CONFIG_BYTES } from './limits.ts';
import { readTextFile } from './read-text-file.ts';

/** What `hush node start` runs: the node's settings with every listening choice filled in. */
export type NodeStartOptions = ServiceNodeOptions & {
  readonly host: string;
  readonly port: number;
  readonly metricsHost: string;
  readonly metricsPort: number;
};

type FlagKind = 'path' | 'string' | 'port' | 'url' | 'ipv4' | 'level';

/** CLI option → node setting. */
const NODE_FLAGS: readonly (readonly [option: string, setting: string, kind: FlagKind])[] = [
  ['data-dir', 'dataDir', 'path'],
  ['host', 'host', 'string'],
  ['port', 'port', 'port'],
  ['registry', 'registry', 'url'],
  ['devnet', 'devnet', 'path'],
  ['metrics-port', 'metricsPort', 'port'],
  ['outgoing-address', 'outgoingAddress', 'ipv4'],
  ['log-file', 'logFile', 'path'],
  ['log-level', 'logLevel', 'level'],
];

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const DEFAULT_PORT = 22021;
const LOOPBACK = '127.0.0.1';

function usage(option: string, message: string): HushError {
  return new HushError('HUSH_ERR_USAGE', `--${option} ${message}`, { details: { option: `--${option}` } });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function flagValue(ctx: CommandContext, option: string, kind: FlagKind): unknown {
  if (kind === 'port') return intOption(ctx.args, option, 0, 65_535);
  const raw = ctx.args.values.get(option);
  if (raw === undefined) return undefined;
  if (kind === 'path') return expandPath(raw, ctx);
  if (kind === 'url' && !isHttpUrl(raw)) throw usage(option, 'must be an http:// or https:// URL (e.g. http://127.0.0.1:21100)');
  if (kind === 'ipv4' && !IPV4.test(raw)) throw usage(option, 'must be an IPv4 address (e.g. 127.0.0.2)');
  if (kind === 'level' && !isLogLevel(raw)) throw usage(option, 'must be debug, info, warn or error');
  return raw;
}

/** The settings given as options, checked. */
function flagSettings(ctx: CommandContext): Record<string, unknown> {
  if (ctx.args.values.has('registry') && ctx.args.values.has('devnet')) {
    throw new HushError('HUSH_ERR_USAGE', 'give either --registry or --devnet, not both', { details: { option: '--devnet' } });
  }
  const settings: Record<string, unknown> = {};
  for (const [option, setting, kind] of NODE_FLAGS) {
    const value = flagValue(ctx, option, kind);
    if (value !== undefined) settings[setting] = value;
  }
  return checkSettings(settings, 'options', ctx.io.cwd);
}

function parseConfigJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_CONFIG', `${path}: not valid JSON`, { cause, details: { field: 'config', path } });
  }
}

/** The config file's settings (paths in it are relative to the file), or {} without --config. */
async function fileSettings(ctx: CommandContext): Promise<Record<string, unknown>> {
  const raw = ctx.args.values.get('config');
  if (raw === undefined) return {};
  const path = expandPath(raw, ctx);
  const text = await readTextFile(path, MAX_NODE_CONFIG_BYTES, `cannot read the node config file ${path}`);
  return checkSettings(parseConfigJson(text, path), path, dirname(path));
}

/** Options win over the file; a network source given as an option replaces the file's other one. */
function merge(file: Record<string, unknown>, flags: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...file, ...flags };
  if (flags['registry'] !== undefined) delete merged['devnet'];
  if (flags['devnet'] !== undefined) delete merged['registry'];
  if (merged['registry'] !== undefined && merged['devnet'] !== undefined) {
    throw new HushError('HUSH_ERR_BAD_CONFIG', 'the config file gives both registry and devnet; keep one', { details: { field: 'registry' } });
  }
  return merged;
}

/** Where a node keeps its data when neither --data-dir nor the config file says. */
export function defaultNodeDataDir(ctx: CommandContext): string {
  return join(resolveDataDir(ctx, 'home'), 'node');
}

/** The node's settings from --config and the options, with defaults filled in. */
export async function nodeStartOptions(ctx: CommandContext): Promise<NodeStartOptions> {
  const s = merge(await fileSettings(ctx), flagSettings(ctx));
  const str = (key: string, fallback: string): string => (typeof s[key] === 'string' ? (s[key] as string) : fallback);
  const num = (key: string, fallback: number): number => (typeof s[key] === 'number' ? (s[key] as number) : fallback);
  // checkSettings has checked every key and value; the cast only names the shape it proved.
  return {
    ...(s as Partial<ServiceNodeOptions>),
    dataDir: str('dataDir', defaultNodeDataDir(ctx)),
    host: str('host', LOOPBACK),
    port: num('port', DEFAULT_PORT),
    metricsHost: str('metricsHost', LOOPBACK),
    metricsPort: num('metricsPort', 0),
  };
}
