/** The left column: who we are, how the connection is, message requests and conversations. */
import type { AccountState } from '../../api/types.ts';
import type { ConversationsHook } from '../../state/use-conversations.ts';
import type { Route } from '../../state/use-route.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ConversationList } from './ConversationList.tsx';
import { RequestsSection } from './RequestsSection.tsx';
import { SidebarHeader } from './SidebarHeader.tsx';

export interface SidebarProps {
  readonly account: Exclude<AccountState, { status: 'none' }>;
  readonly route: Route;
  readonly lists: ConversationsHook;
  readonly displayName: string | null;
}

export function Sidebar({ account, route, lists, displayName }: SidebarProps) {
  const activeId = route.name === 'chat' ? route.id : null;
  return (
    <aside className="sidebar" aria-label="Conversations">
      <SidebarHeader sessionId={account.sessionId} displayName={displayName} route={route} />
      <ConnectionBanner account={account} />
      {lists.error !== null && <ErrorNotice error={lists.error} onRetry={lists.reload} />}
      <div className="sidebar-scroll">
        <RequestsSection requests={lists.requests} activeId={activeId} ownId={account.sessionId} />
        <ConversationList conversations={lists.conversations} activeId={activeId} ownId={account.sessionId} loaded={lists.loaded} hasRequests={lists.requests.length > 0} />
      </div>
    </aside>
  );
}
