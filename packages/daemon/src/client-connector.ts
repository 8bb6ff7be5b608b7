/**
 * Starts the messenger client for the account in the data directory, and keeps trying (with a
 * doubling pause) when that fails, e.g. while the network is not up yet. Forwards every client
 * event, and says when its state changes.
 */
import type { CreateClientOptions, HushClient, NetworkOption } from '@hush/client';
import { HushError, isHushError } from '@hush/core';
import type { ApiErrorBody } from './api-types.ts';
import { CLIENT_EVENT_NAMES } from './client-events.ts';
import type { ClientEvent } from './client-events.ts';

export type ClientFactory = (options: CreateClientOptions) => Promise<HushClient>;

export type ConnectorState =
  | { readonly status: 'idle' | 'starting' | 'ready' }
  | { readonly status: 'failed'; readonly error: ApiErrorBody; readonly retryAt: number | null };

export interface ClientConnectorOptions {
  readonly dataDir: string;
  readonly network: NetworkOption;
  readonly createClient: ClientFactory;
  readonly retryDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** Longest wait, when stopping, for a client still starting (it is closed whenever it finishes). */
  readonly stopGraceMs: number;
  readonly onEvent: (event: ClientEvent) => void;
  readonly onState: (state: ConnectorState) => void;
  /** Runs once each time a client is ready (before `ready` is announced); failures are logged. */
  readonly onReady: (client: HushClient) => Promise<void>;
  readonly log: (message: string, err?: unknown) => void;
}

export interface ClientConnector {
  /** Starts the client unless it runs or is starting; a failed one is tried again now. */
  connect(): void;
  client(): HushClient | null;
  state(): ConnectorState;
  stop(): Promise<void>;
}

function errorBody(err: unknown): ApiErrorBody {
  if (isHushError(err)) return { code: err.code, message: err.message };
  return { code: 'HUSH_ERR_INTERNAL', message: `the client did not start: ${err instanceof Error ? err.message : String(err)}` };
}

function subscribe(client: HushClient, onEvent: (event: ClientEvent) => void): void {
  for (const type of CLIENT_EVENT_NAMES) {
    client.on(type, (data) => onEvent({ type, data } as ClientEvent));
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
function untilOrAfter(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function createClientConnector(o: ClientConnectorOptions): ClientConnector {
  let client: HushClient | null = null;
  let state: ConnectorState = { status: 'idle' };
  let attempt: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;

  const setState = (next: ConnectorState): void => {
    state = next;
    if (!stopped) o.onState(next);
  };

  const scheduleRetry = (err: unknown): void => {
    const delay = Math.min(o.retryMaxDelayMs, o.retryDelayMs * 2 ** Math.min(failures, 20));
    failures += 1;
    timer = setTimeout(connect, delay);
    timer.unref();
    setState({ status: 'failed', error: errorBody(err), retryAt: Date.now() + delay });
  };

  const adopt = async (created: HushClient): Promise<void> => {
    if (stopped) return void (await created.close());
    client = created;
    failures = 0;
    subscribe(created, o.onEvent);
    await o.onReady(created).catch((err: unknown) => o.log('applying the pending onboarding step failed', err));
    setState({ status: 'ready' });
  };

  const run = async (): Promise<void> => {
    setState({ status: 'starting' });
    try {
      await adopt(await o.createClient({ dataDir: o.dataDir, network: o.network }));
    } catch (err) {
      if (!isHushError(err)) o.log('the client did not start', err);
      if (!stopped) scheduleRetry(err);
    }
  };

  function connect(): void {
    if (stopped || client !== null || attempt !== null) return;
    clearTimeout(timer);
    attempt = run().finally(() => (attempt = null));
  }

  return {
    connect,
    client: () => client,
    state: () => state,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (attempt !== null) await untilOrAfter(attempt, o.stopGraceMs);
      const c = client;
      client = null;
      await c?.close();
    },
  };
}

export function notReadyError(state: ConnectorState): HushError {
  if (state.status === 'failed') {
    return new HushError('HUSH_ERR_NOT_READY', `not connected: ${state.error.message}`, { details: { field: 'client', cause: state.error.code } });
  }
  return new HushError('HUSH_ERR_NOT_READY', 'still connecting to the Hush network; try again in a moment', { details: { field: 'client' } });
}
