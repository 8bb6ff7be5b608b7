/**
 * startDaemon: the local client daemon. Serves the web app and its JSON API on loopback behind a
 * per-launch access token, runs the messenger client for the account in `dataDir` (or lets the
 * app create or restore one), and pushes the client's events to the app over a WebSocket.
 */
import { join } from 'node:path';
import type { NetworkOption } from '@hush/client';
import { createApiHandler } from './api-handler.ts';
import { newAccessToken, parseAccessToken } from './access-token.ts';
import type { DaemonHello } from './api-types.ts';
import type { ClientFactory } from './client-connector.ts';
import { createClientSession } from './client-session.ts';
import { defaultClientFactory } from './default-client-factory.ts';
import { allowedHosts } from './host-check.ts';
import type { LogError } from './http-reply.ts';
import { startHttpServer } from './http-server.ts';
import { DAEMON_LIMITS } from './limits.ts';
import type { DaemonLimits } from './limits.ts';
import { createRouter } from './router.ts';
import { API_ROUTES } from './routes/api-routes.ts';
import { createStaticFiles } from './static-files.ts';
import { DEFAULT_WEB_DIR, ensureWebBuild } from './web-build.ts';
import { createWsHub } from './ws-hub.ts';
import type { WsHub } from './ws-hub.ts';

export interface DaemonOptions {
  /** The account's directory (account.json, the messenger database). Created by onboarding if needed. */
  readonly dataDir: string;
  /** Where the nodes are: a devnet.json path, a registry URL, or seed nodes. */
  readonly network: NetworkOption;
  /** Listen address (default 127.0.0.1; keep it on loopback). */
  readonly host?: string;
  /** Port (default 0: any free port). */
  readonly port?: number;
  /** The access token (hex); default: 32 random bytes, new on every launch. */
  readonly token?: string;
  /** The web app's directory (default apps/web); its dist/ is served. */
  readonly webDir?: string;
  /** Build the web app when dist/ is missing or older than its sources (default true). */
  readonly buildWeb?: boolean;
  /** How the messenger client is made (default @hush/client's createClient); tests inject theirs. */
  readonly createClient?: ClientFactory;
  /** Progress and problems, one line each (default: nothing). */
  readonly log?: (line: string) => void;
  readonly limits?: Partial<DaemonLimits>;
}

export interface Daemon {
  /** Open this: `http://127.0.0.1:PORT/#token=…`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  stop(): Promise<void>;
}

function errorLogger(line: (text: string) => void): LogError {
  return (message, err) => line(err === undefined ? message : `${message}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}

async function webDist(options: DaemonOptions, line: (text: string) => void): Promise<string> {
  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  if (options.buildWeb === false) return join(webDir, 'dist');
  return (await ensureWebBuild({ webDir, log: line })).distDir;
}

function hubFor(limits: DaemonLimits, token: string, hosts: ReadonlySet<string>, hello: () => DaemonHello): WsHub {
  return createWsHub({
    token,
    allowedHosts: hosts,
    hello,
    maxSockets: limits.maxSockets,
    maxFrameBytes: limits.maxSocketFrameBytes,
    maxBufferBytes: limits.maxSocketBufferBytes,
    pingIntervalMs: limits.socketPingIntervalMs,
  });
}

function pageUrl(host: string, port: number, token: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/#token=${token}`;
}

export async function startDaemon(options: DaemonOptions): Promise<Daemon> {
  const limits: DaemonLimits = { ...DAEMON_LIMITS, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const token = options.token === undefined ? newAccessToken(limits.tokenBytes) : parseAccessToken(options.token);
  const line = options.log ?? (() => undefined);
  const log = errorLogger(line);
  const distDir = await webDist(options, line);
  const hosts = new Set<string>(); // filled once the port is known; until then nothing is answered
  const hub = hubFor(limits, token, hosts, () => ({ account: session.account() }));
  const session = createClientSession({
    dataDir: options.dataDir,
    network: options.network,
    createClient: options.createClient ?? defaultClientFactory,
    retryDelayMs: limits.clientRetryDelayMs,
    retryMaxDelayMs: limits.clientRetryMaxDelayMs,
    stopGraceMs: limits.stopGraceMs,
    onEvent: (event) => hub.broadcast(event),
    log,
  });
  const api = createApiHandler({ router: createRouter(API_ROUTES), token, session, maxBodyBytes: limits.maxBodyBytes, log });
  const files = createStaticFiles({ root: distDir, log });
  try {
    await session.start();
    const server = await startHttpServer({ host, port: options.port ?? 0, allowedHosts: hosts, api, files, hub, stopGraceMs: limits.stopGraceMs, log });
    for (const h of allowedHosts(host, server.port)) hosts.add(h);
    const stop = async (): Promise<void> => {
      await server.close();
      await session.stop();
    };
    return { url: pageUrl(host, server.port, token), host, port: server.port, token, stop };
  } catch (err) {
    hub.close();
    await session.stop();
    throw err;
  }
}
