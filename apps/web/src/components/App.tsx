/**
 * The app: needs the access token from the address; then the account decides the screen —
 * onboarding, the recovery phrase still to confirm, or the messenger.
 */
import { useEffect, useMemo, useState } from 'react';
import { createApi } from '../api/api-client.ts';
import { forgetAccessToken, takeAccessToken } from '../api/access-token.ts';
import { openEventSocket } from '../api/event-socket.ts';
import { DaemonContext } from '../state/daemon-context.ts';
import type { Daemon } from '../state/daemon-context.ts';
import { useAccount } from '../state/use-account.ts';
import { ErrorNotice } from './common/ErrorNotice.tsx';
import { NoAccess } from './NoAccess.tsx';
import { Messenger } from './Messenger.tsx';
import { Onboarding } from './onboarding/Onboarding.tsx';
import { ShowPhrase } from './onboarding/ShowPhrase.tsx';
import { Splash } from './Splash.tsx';

function AccountGate() {
  const { account, error, set, reload } = useAccount();
  if (account === null) {
    return error === null ? <Splash /> : <Splash><ErrorNotice error={error} onRetry={reload} /></Splash>;
  }
  if (account.status === 'none') return <Onboarding onAccount={set} />;
  if (!account.phraseSaved) return <ShowPhrase onConfirmed={set} />;
  return <Messenger account={account} />;
}

function Connected({ token, onUnauthorized }: { token: string; onUnauthorized: () => void }) {
  const daemon = useMemo<Daemon>(() => ({ api: createApi(token, onUnauthorized), socket: openEventSocket(token) }), [token, onUnauthorized]);
  useEffect(() => () => daemon.socket.close(), [daemon]);
  return (
    <DaemonContext.Provider value={daemon}>
      <AccountGate />
    </DaemonContext.Provider>
  );
}

export function App() {
  const [token] = useState(takeAccessToken);
  const [expired, setExpired] = useState(false);
  const onUnauthorized = useMemo(
    () => () => {
      forgetAccessToken();
      setExpired(true);
    },
    [],
  );
  if (token === null || expired) return <NoAccess expired={expired} />;
  return <Connected token={token} onUnauthorized={onUnauthorized} />;
}
