/**
 * Opening an account's messenger for one command: the data directory (`--data-dir`, else
 * $HUSH_DATA_DIR, else ~/.hush), its account (checked first: a missing account is reported
 * before any network is asked), the network (`--network`), then `createClient`. A network that
 * does not answer is HUSH_ERR_NOT_RUNNING "no network at …". SIGINT/SIGTERM abort what runs; the
 * client is always closed before the command returns.
 */
import { HushError, isHushError } from '@hush/core';
import { createAccountStore, createClient } from '@hush/client';
import type { HushClient } from '@hush/client';
import type { CommandContext } from './context.ts';
import { resolveDataDir } from './data-dir.ts';
import { MESSAGING_CLIENT_LIMITS } from './limits.ts';
import { loadAccount } from './load-account.ts';
import { isUnreachable, noNetworkError, resolveNetwork } from './network-option.ts';
import type { ResolvedNetwork } from './network-option.ts';
import { shellArg } from './shell-arg.ts';
import { waitForStop } from './stop-signals.ts';

export interface MessengerSession {
  readonly dataDir: string;
  readonly sessionId: string;
  /** Aborted by the first SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  readonly stopRequested: () => boolean;
}

export interface AccountPlace {
  readonly dataDir: string;
  readonly sessionId: string;
}

/** The data directory and its account (HUSH_ERR_NO_ACCOUNT when there is none). */
export async function openAccountPlace(ctx: CommandContext): Promise<AccountPlace> {
  const dataDir = resolveDataDir(ctx, 'home');
  try {
    const account = await loadAccount(createAccountStore({ dataDir }), ctx.out);
    account.seed.fill(0);
    return { dataDir, sessionId: account.sessionId };
  } catch (err) {
    throw isHushError(err, 'HUSH_ERR_NO_ACCOUNT') ? noAccountHere(dataDir, err) : err;
  }
}

/** The advice names this directory, so it also fits a --data-dir or $HUSH_DATA_DIR account. */
function noAccountHere(dataDir: string, cause: unknown): HushError {
  const dir = shellArg(dataDir);
  return new HushError('HUSH_ERR_NO_ACCOUNT', `no account in ${dataDir}: create one with "hush account create --data-dir ${dir}", or pass the --data-dir of an existing account`, {
    details: { dataDir },
    cause,
  });
}

/** An AbortError: describe-error reports it as HUSH_ERR_CANCELLED, exit 130. */
export function cancelledError(): Error {
  const err = new Error('cancelled');
  err.name = 'AbortError';
  return err;
}

/** createClient, with "nothing answers" turned into HUSH_ERR_NOT_RUNNING naming the network. */
export async function connect(place: AccountPlace, network: ResolvedNetwork, receive: boolean): Promise<HushClient> {
  try {
    return await createClient({ dataDir: place.dataDir, network: network.option, receive, limits: MESSAGING_CLIENT_LIMITS });
  } catch (err) {
    throw isUnreachable(err) ? noNetworkError(network.where, err) : err;
  }
}

/** Runs `fn` with the first stop signal aborting its signal; a run that fails after a stop signal is HUSH_ERR_CANCELLED. */
export async function withStopSignal<T>(ctx: CommandContext, fn: (signal: AbortSignal, stopRequested: () => boolean) => Promise<T>): Promise<T> {
  const stop = waitForStop(ctx.io.onStopSignal);
  const abort = new AbortController();
  void stop.signalled.then(() => abort.abort(cancelledError()));
  try {
    return await fn(abort.signal, stop.stopRequested);
  } catch (err) {
    throw stop.stopRequested() ? cancelledError() : err;
  } finally {
    stop.release();
  }
}

/** Opens the client (receive loop on or off), runs `fn`, closes the client. */
export async function withClient<T>(
  ctx: CommandContext,
  options: { readonly receive: boolean },
  fn: (client: HushClient, session: MessengerSession) => Promise<T>,
): Promise<T> {
  const place = await openAccountPlace(ctx);
  const network = await resolveNetwork(ctx);
  return withStopSignal(ctx, async (signal, stopRequested) => {
    const client = await connect(place, network, options.receive);
    try {
      if (stopRequested()) throw cancelledError();
      return await fn(client, { ...place, signal, stopRequested });
    } finally {
      await client.close();
    }
  });
}
