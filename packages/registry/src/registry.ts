/**
 * The devnet registry / seed node: an HTTP server over the registry state machine, an expiry
 * timer and (with `dataDir`) persistence. Lifecycle: `start()` listens, `stop()` closes everything.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { HushError } from '@hush/core';
import { createRequestHandler } from './http-handler.ts';
import { DEFAULT_EXPIRY_MS, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './limits.ts';
import { silentLogger, type Logger } from './logger.ts';
import { loadState, saveState } from './persist.ts';
import type { RandomIndex } from './service-node-list.ts';
import { createRegistryState, type RegistrySnapshot, type RegistryState } from './state.ts';

export interface RegistryOptions {
  readonly host?: string;
  /** 0 (the default) picks a free port; read the result from `url` after start(). */
  readonly port?: number;
  readonly expiryMs?: number;
  /** Directory for `registry-state.json`; without it the state lives in memory only. */
  readonly dataDir?: string;
  readonly clock?: () => number;
  readonly logger?: Logger;
  /** Integer in [0, n) for `limit` shuffles; defaults to node:crypto randomInt. */
  readonly randomIndex?: RandomIndex;
}

export interface Registry {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** `http://host:port`, known once started. */
  readonly url: string;
  snapshot(): RegistrySnapshot;
}

function checkOptions(options: RegistryOptions): void {
  const { port, expiryMs } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'port: expected an integer in [0, 65535]', { details: { field: 'port' } });
  }
  if (expiryMs !== undefined && (!Number.isSafeInteger(expiryMs) || expiryMs < 1)) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'expiryMs: expected a positive integer', { details: { field: 'expiryMs' } });
  }
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function createRegistry(options: RegistryOptions = {}): Registry {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const expiryMs = options.expiryMs ?? DEFAULT_EXPIRY_MS;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  let state: RegistryState | undefined;
  let server: Server | undefined;
  let timer: NodeJS.Timeout | undefined;
  let url = '';

  const persist = (): void => {
    if (options.dataDir !== undefined && state !== undefined) saveState(options.dataDir, state.snapshot());
  };
  const tick = (): void => {
    const dropped = state?.expire(clock()) ?? 0;
    if (dropped === 0) return;
    logger.info('dropped silent nodes', { dropped, height: state?.snapshot().height });
    persist();
  };

  const start = async (): Promise<void> => {
    if (server !== undefined) return;
    const initial = options.dataDir === undefined ? undefined : loadState(options.dataDir);
    state = createRegistryState({ expiryMs, now: clock(), ...(initial === undefined ? {} : { initial }) });
    const handler = createRequestHandler({
      state,
      clock,
      logger,
      randomIndex: options.randomIndex ?? ((n) => randomInt(n)),
      onChange: persist,
    });
    server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS }, handler);
    let address: AddressInfo;
    try {
      address = await listen(server, options.port ?? 0, host);
    } catch (err) {
      server = undefined;
      throw err;
    }
    url = `http://${host}:${address.port}`;
    timer = setInterval(tick, Math.max(50, Math.min(1_000, Math.floor(expiryMs / 4))));
    logger.info('registry listening', { url, nodes: state.snapshot().nodes.length, height: state.snapshot().height });
  };

  const stop = async (): Promise<void> => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    if (server !== undefined) await close(server);
    server = undefined;
    persist();
  };

  const snapshot = (): RegistrySnapshot => {
    if (state === undefined) throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'registry not started', { details: { field: 'state' } });
    return state.snapshot();
  };

  return {
    start,
    stop,
    snapshot,
    get url() {
      return url;
    },
  };
}
