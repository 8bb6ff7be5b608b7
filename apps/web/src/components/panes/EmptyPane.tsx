/** The pane when no conversation is open (wide screens), or while the client connects. */
import type { AccountState } from '../../api/types.ts';
import { Logo } from '../common/Logo.tsx';

export function EmptyPane({ account }: { account: Exclude<AccountState, { status: 'none' }> }) {
  return (
    <div className="empty-pane">
      <Logo size={64} />
      {account.status === 'ready' ? (
        <>
          <h1>Pick a conversation</h1>
          <p className="muted">Or start a new one with someone’s Session ID.</p>
          <a className="button primary" href="#/new">
            New conversation
          </a>
        </>
      ) : (
        <>
          <h1>{account.status === 'starting' ? 'Connecting to the network…' : 'Not connected'}</h1>
          <p className="muted">Your conversations appear here once Hush is connected.</p>
        </>
      )}
    </div>
  );
}
