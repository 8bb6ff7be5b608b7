/**
 * The daemon's one account and its client: none yet (onboarding), then created or restored here
 * (or found in the data directory at start), then a client that connects and reconnects. Routes
 * reach the client only through `client()`, which says why it is not there yet.
 */
import type { HushClient, NetworkOption } from '@hush/client';
import { DATA_DIR_MODE, accountExistsError, createAccountStore, makeDirs, noAccountError } from '@hush/client';
import type { AccountState, CreatedAccount } from './api-types.ts';
import { createAccount, readRecoveryPhrase, restoreAccount } from './account-setup.ts';
import { createClientConnector, notReadyError } from './client-connector.ts';
import type { ClientFactory } from './client-connector.ts';
import type { DaemonEvent } from './client-events.ts';
import { NOTHING_PENDING, readSetup, writeSetup } from './setup-file.ts';
import type { SetupRecord } from './setup-file.ts';

export interface ClientSessionOptions {
  readonly dataDir: string;
  readonly network: NetworkOption;
  readonly createClient: ClientFactory;
  readonly retryDelayMs: number;
  readonly retryMaxDelayMs: number;
  readonly stopGraceMs: number;
  readonly onEvent: (event: DaemonEvent) => void;
  readonly log: (message: string, err?: unknown) => void;
}

export interface ClientSession {
  /** Finds an existing account and starts its client. Throws when the account file is damaged. */
  start(): Promise<void>;
  account(): AccountState;
  /** The running client; HUSH_ERR_NO_ACCOUNT or HUSH_ERR_NOT_READY (saying why) otherwise. */
  client(): HushClient;
  create(displayName: string | null): Promise<CreatedAccount>;
  restore(phrase: string, displayName: string | null): Promise<AccountState>;
  recoveryPhrase(): Promise<string>;
  confirmPhraseSaved(): Promise<AccountState>;
  /** Tries to start a failed client again now. */
  reconnect(): AccountState;
  stop(): Promise<void>;
}

export function createClientSession(o: ClientSessionOptions): ClientSession {
  let sessionId: string | null = null;
  let setup: SetupRecord = NOTHING_PENDING;

  const account = (): AccountState => {
    if (sessionId === null) return { status: 'none' };
    const s = connector.state();
    const base = { sessionId, phraseSaved: setup.phraseSaved };
    if (s.status === 'failed') return { status: 'failed', ...base, error: s.error, retryAt: s.retryAt };
    return { status: s.status === 'ready' ? 'ready' : 'starting', ...base };
  };
  const announce = (): void => o.onEvent({ type: 'account', data: account() });
  const updateSetup = async (next: SetupRecord): Promise<void> => {
    await writeSetup(o.dataDir, next);
    setup = next;
  };

  const applyPendingName = async (client: HushClient): Promise<void> => {
    if (setup.displayName === null) return;
    await client.setDisplayName(setup.displayName);
    await updateSetup({ ...setup, displayName: null });
  };

  const connector = createClientConnector({
    dataDir: o.dataDir,
    network: o.network,
    createClient: o.createClient,
    retryDelayMs: o.retryDelayMs,
    retryMaxDelayMs: o.retryMaxDelayMs,
    stopGraceMs: o.stopGraceMs,
    onEvent: o.onEvent,
    onState: announce,
    onReady: applyPendingName,
    log: o.log,
  });

  /** Saves the account through `save` with `pending` recorded first, then connects. */
  const adopt = async (pending: SetupRecord, save: () => Promise<{ readonly sessionId: string }>): Promise<void> => {
    if (sessionId !== null) throw accountExistsError(createAccountStore({ dataDir: o.dataDir }).file);
    await makeDirs(o.dataDir, DATA_DIR_MODE);
    await updateSetup(pending); // first: a phrase shown must be confirmed even if we stop right after
    const saved = await save();
    sessionId = saved.sessionId;
    connector.connect();
  };

  return {
    async start() {
      const store = createAccountStore({ dataDir: o.dataDir });
      if (!(await store.exists())) return;
      setup = await readSetup(o.dataDir);
      sessionId = (await store.load()).sessionId;
      connector.connect();
    },
    account,
    client() {
      if (sessionId === null) throw noAccountError(o.dataDir);
      const client = connector.client();
      if (client === null) throw notReadyError(connector.state());
      return client;
    },
    async create(displayName) {
      let phrase = '';
      await adopt({ phraseSaved: false, displayName }, async () => {
        const created = await createAccount(o.dataDir);
        phrase = created.recoveryPhrase;
        return created;
      });
      announce();
      return { sessionId: sessionId ?? '', recoveryPhrase: phrase, account: account() };
    },
    async restore(phrase, displayName) {
      await adopt({ phraseSaved: true, displayName }, () => restoreAccount(o.dataDir, phrase));
      announce();
      return account();
    },
    async recoveryPhrase() {
      if (sessionId === null) throw noAccountError(o.dataDir);
      return readRecoveryPhrase(o.dataDir);
    },
    async confirmPhraseSaved() {
      if (sessionId === null) throw noAccountError(o.dataDir);
      await updateSetup({ ...setup, phraseSaved: true });
      announce();
      return account();
    },
    reconnect() {
      if (sessionId === null) throw noAccountError(o.dataDir);
      connector.connect();
      return account();
    },
    stop: () => connector.stop(),
  };
}
