/**
 * Node configuration: a JSON config file (`--config FILE`) and command-line flags, flags winning.
 * Every value is checked and an error names the key (or flag) that is wrong.
 *
 * Keys (file: camelCase as below; flags: --kebab-case):
 *   dataDir (required)      identity, TLS certificate and storage.db live here
 *   host = 127.0.0.1        listen address of the HTTPS storage port
 *   port = 22021            HTTPS port (0 = any free port)
 *   publicIp                IPv4 announced to the registry (default: host, or 127.0.0.1 for 0.0.0.0)
 *   registry                registry URL (http://127.0.0.1:PORT); or
 *   devnet                  path of a devnet.json node list (registry-less private network)
 *   metricsPort             loopback port for GET /metrics and GET /status (absent = off)
 *   metricsHost = 127.0.0.1
 *   logFile, logLevel       JSON logs to a file instead of stderr; debug|info|warn|error
 *   rateLimitBucket, rateLimitRate, rateLimitMaxClients   per-IP token bucket (600, 300/s, 10000)
 *   pollIntervalMs, announceIntervalMs, sweepIntervalMs, groupCommitMs, fanoutTimeoutMs
 *   outgoingAddress         source address for connections to peers
 *   onionRelayHosts = []    servers this node relays onion requests to: `host:port` entries (file:
 *                           a JSON array; flag: comma-separated); empty = relay to none
 *   onionForwardTimeoutMs, onionRelayTimeoutMs   onion hop timeouts (30 s, 25 s)
 *   hopLinks = true         forward onion layers to next nodes over hop links (ALPN hush-onion/1 on
 *                           the HTTPS port) and accept them; false: HTTPS /onion_req/v2 both ways,
 *                           the port offering ALPN http/1.1 alone (as before hop links)
 *   signatureThreads        worker threads for Ed25519 request-signature verifies (default: one per
 *                           core beyond the first, at most 2; 0 = on the main thread)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HushError } from '@hush/core';
import { LIMITS } from './limits.ts';
import { isLogLevel, type LogLevel } from './log/logger.ts';
import { parseRelayHost } from './onion/relay-allowlist.ts';

export interface NodeConfig {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicIp?: string;
  readonly registry?: string;
  readonly devnet?: string;
  readonly metricsHost: string;
  readonly metricsPort?: number;
  readonly logFile?: string;
  readonly logLevel: LogLevel;
  readonly rateLimitBucket?: number;
  readonly rateLimitRate?: number;
  readonly rateLimitMaxClients?: number;
  readonly pollIntervalMs?: number;
  readonly announceIntervalMs?: number;
  readonly sweepIntervalMs?: number;
  readonly groupCommitMs?: number;
  readonly fanoutTimeoutMs?: number;
  readonly outgoingAddress?: string;
  readonly onionRelayHosts?: readonly string[];
  readonly onionForwardTimeoutMs?: number;
  readonly onionRelayTimeoutMs?: number;
  readonly hopLinks?: boolean;
  readonly signatureThreads?: number;
}

type Kind = 'string' | 'path' | 'port' | 'ms' | 'count' | 'threads' | 'ipv4' | 'url' | 'level' | 'hostports' | 'bool';

const KEYS: Readonly<Record<string, Kind>> = {
  dataDir: 'path',
  host: 'string',
  port: 'port',
  publicIp: 'ipv4',
  registry: 'url',
  devnet: 'path',
  metricsHost: 'string',
  metricsPort: 'port',
  logFile: 'path',
  logLevel: 'level',
  rateLimitBucket: 'count',
  rateLimitRate: 'count',
  rateLimitMaxClients: 'count',
  pollIntervalMs: 'ms',
  announceIntervalMs: 'ms',
  sweepIntervalMs: 'ms',
  groupCommitMs: 'ms',
  fanoutTimeoutMs: 'ms',
  outgoingAddress: 'ipv4',
  onionRelayHosts: 'hostports',
  onionForwardTimeoutMs: 'ms',
  onionRelayTimeoutMs: 'ms',
  hopLinks: 'bool',
  signatureThreads: 'threads',
};

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function bad(name: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_CONFIG', `${name}: ${message}`, { details: { field: name } });
}

function toInt(name: string, v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' && /^[0-9]{1,10}$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw bad(name, `expected an integer in ${min}..${max}`);
  return n;
}

/** `host:port` entries: a JSON array of strings, or one comma-separated string (flags). */
function toHostPorts(name: string, v: unknown): string[] {
  const list = typeof v === 'string' ? v.split(',').filter((e) => e.trim() !== '') : v;
  if (!Array.isArray(list) || list.length > LIMITS.onionRelayMaxHosts) throw bad(name, `expected a list of at most ${LIMITS.onionRelayMaxHosts} host:port entries`);
  return list.map((e: unknown, i) => {
    const parsed = typeof e === 'string' ? parseRelayHost(e) : null;
    if (parsed === null) throw bad(`${name}[${i}]`, 'expected host:port with a port in 1..65535');
    return parsed;
  });
}

/** true/false (file), "true"/"false" (flags). */
function toBool(name: string, v: unknown): boolean {
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw bad(name, 'expected true or false');
}

function checkValue(name: string, kind: Kind, v: unknown, baseDir: string): unknown {
  if (kind === 'hostports') return toHostPorts(name, v);
  if (kind === 'bool') return toBool(name, v);
  if (kind === 'port') return toInt(name, v, 0, 65535);
  if (kind === 'ms') return toInt(name, v, 0, 3_600_000);
  if (kind === 'count') return toInt(name, v, 1, 10_000_000);
  if (kind === 'threads') return toInt(name, v, 0, LIMITS.signatureThreadsMax);
  if (typeof v !== 'string' || v === '' || v.length > 4096) throw bad(name, 'expected a non-empty string');
  if (kind === 'path') return resolve(baseDir, v);
  if (kind === 'ipv4' && !IPV4.test(v)) throw bad(name, 'expected an IPv4 address');
  if (kind === 'level' && !isLogLevel(v)) throw bad(name, 'expected debug, info, warn or error');
  if (kind === 'url') {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      throw bad(name, 'expected a URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw bad(name, 'expected an http(s) URL');
  }
  return v;
}

/** Checks an object of settings (from a file or flags); `source` prefixes error field names. */
export function checkSettings(obj: unknown, source: string, baseDir: string): Record<string, unknown> {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw bad(source, 'expected a JSON object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const kind = KEYS[k];
    if (kind === undefined) throw bad(`${source}: ${k}`, 'unknown setting');
    out[k] = checkValue(`${source}: ${k}`, kind, v, baseDir);
  }
  return out;
}

const kebabToCamel = (s: string): string => s.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** `--key value` / `--key=value` flags; `--config FILE` names the config file. */
export function parseFlags(argv: readonly string[]): { configPath?: string; settings: Record<string, unknown> } {
  const raw: Record<string, unknown> = {};
  let configPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw bad(arg, 'unexpected argument (flags are --name value)');
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw bad(`--${name}`, 'missing value');
    if (name === 'config') configPath = resolve(value);
    else raw[kebabToCamel(name)] = value;
  }
  const settings = raw;
  for (const k of Object.keys(settings)) if (KEYS[k] === undefined) throw bad(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, 'unknown flag');
  return configPath === undefined ? { settings } : { configPath, settings };
}

function withDefaults(s: Record<string, unknown>): NodeConfig {
  if (typeof s['dataDir'] !== 'string') throw bad('dataDir', 'required (--data-dir DIR)');
  if (s['registry'] !== undefined && s['devnet'] !== undefined) throw bad('registry', 'give either registry or devnet, not both');
  return { host: '127.0.0.1', port: 22021, metricsHost: '127.0.0.1', logLevel: 'info', ...s } as unknown as NodeConfig;
}

/** The node configuration from argv (and the config file it names). */
export function loadConfig(argv: readonly string[]): NodeConfig {
  const { configPath, settings } = parseFlags(argv);
  const flags = checkSettings(settings, 'flags', process.cwd());
  let file: Record<string, unknown> = {};
  if (configPath !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(configPath, 'utf8'));
    } catch (cause) {
      throw new HushError('HUSH_ERR_BAD_CONFIG', `${configPath}: cannot read a JSON config`, { cause, details: { field: 'config' } });
    }
    file = checkSettings(parsed, configPath, resolve(configPath, '..'));
  }
  return withDefaults({ ...file, ...flags });
}
