/**
 * The network as this client sees it: the onion paths (3 hops each, with the latency of each), clock offset,
 * nodes known, our swarm, how we receive — and a button to check for messages now.
 */
import { useId, useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ApiError } from '../../api/api-error.ts';
import type { NetworkStatus } from '../../api/types.ts';
import { useApi } from '../../state/daemon-context.ts';
import { useNetworkStatus } from '../../state/use-network-status.ts';
import { useNow } from '../../state/use-now.ts';
import { formatOffset } from '../../util/format-duration.ts';
import { formatTime } from '../../util/format-time.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { Icon } from '../common/Icon.tsx';
import { PaneHeader } from '../common/PaneHeader.tsx';
import { PathCard } from './PathCard.tsx';

function Summary({ status, now }: { status: NetworkStatus; now: number }) {
  const ago = status.lastPollAt === null ? 'not yet' : `${Math.max(0, Math.round((now - status.lastPollAt) / 1000))} s ago (${formatTime(status.lastPollAt)})`;
  return (
    <dl className="facts card">
      <div>
        <dt>Receiving</dt>
        <dd>{status.longPolling ? 'Long-polling: messages arrive at once' : 'Polling every few seconds'}</dd>
      </div>
      <div>
        <dt>Last check</dt>
        <dd>{ago}</dd>
      </div>
      <div>
        <dt>Clock</dt>
        <dd>Your clock is {formatOffset(status.clockOffsetMs)}</dd>
      </div>
      <div>
        <dt>Nodes known</dt>
        <dd>{status.nodesKnown}</dd>
      </div>
    </dl>
  );
}

function SwarmCard({ swarm }: { swarm: NetworkStatus['swarm'] }) {
  return (
    <div className="card stack">
      <h2 className="small-heading">Your swarm</h2>
      {swarm === null ? (
        <p className="muted small">Not known yet.</p>
      ) : (
        <>
          <p className="small">
            Swarm <span className="mono">{swarm.id}</span> — {swarm.members.length} nodes keep your messages until they expire.
          </p>
          <ul className="mono small node-list">
            {swarm.members.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function SyncButton() {
  const api = useApi();
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const sync = (): void => {
    setBusy(true);
    setError(null);
    api
      .post<{ newMessages: number }>('/api/sync')
      .then((r) => setNote(r.newMessages === 0 ? 'No new messages.' : `${r.newMessages} new message${r.newMessages === 1 ? '' : 's'}.`), (err: unknown) => setError(asApiError(err)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="row wrap">
      <button type="button" className="button" onClick={sync} disabled={busy}>
        <Icon name="refresh" /> {busy ? 'Checking…' : 'Check for messages now'}
      </button>
      <span className="small" role="status">
        {note}
      </span>
      {error !== null && <ErrorNotice error={error} onRetry={sync} />}
    </div>
  );
}

export function NetworkPane({ ready }: { ready: boolean }) {
  const id = useId();
  const { status, error } = useNetworkStatus(ready);
  const now = useNow(1000);
  return (
    <section className="panel-page" aria-labelledby={`${id}-title`}>
      <PaneHeader title={<span id={`${id}-title`}>Network</span>} />
      <div className="panel-body">
        {!ready && <p className="muted">Not connected yet: the network’s state appears here once Hush is connected.</p>}
        {error !== null && <ErrorNotice error={error} />}
        {status !== null && (
          <>
            {status.lastError !== null && <ErrorNotice error={status.lastError} />}
            <Summary status={status} now={now} />
            <SyncButton />
            <h2 className="section-heading">Onion paths</h2>
            <p className="muted small">Each request goes through 3 nodes; none of them sees both who you are and what you ask for.</p>
            <p className="muted small">Next to each node: the guard’s round trip from you, then what each later node adds (medians of small test requests).</p>
            {status.paths.length === 0 ? <p className="muted">No path built yet.</p> : status.paths.map((p, i) => <PathCard key={p.id} path={p} index={i} />)}
            <SwarmCard swarm={status.swarm} />
          </>
        )}
      </div>
    </section>
  );
}
