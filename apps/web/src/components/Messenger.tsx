/**
 * The messenger: the sidebar (profile, requests, conversations) and one pane (a chat, a new
 * conversation, profile, settings, network). Side by side on wide screens; on small ones the list
 * and the pane are separate views (the address says which).
 */
import { useEffect } from 'react';
import type { AccountState, Conversation } from '../api/types.ts';
import { useConversations } from '../state/use-conversations.ts';
import type { ConversationsHook } from '../state/use-conversations.ts';
import { useProfile } from '../state/use-profile.ts';
import type { ProfileHook } from '../state/use-profile.ts';
import { useRoute } from '../state/use-route.ts';
import type { Route } from '../state/use-route.ts';
import { useSettings } from '../state/use-settings.ts';
import type { SettingsHook } from '../state/use-settings.ts';
import { ChatView } from './chat/ChatView.tsx';
import { EmptyPane } from './panes/EmptyPane.tsx';
import { NetworkPane } from './panes/NetworkPane.tsx';
import { NewConversation } from './panes/NewConversation.tsx';
import { ProfilePane } from './panes/ProfilePane.tsx';
import { SettingsPane } from './panes/SettingsPane.tsx';
import { Sidebar } from './sidebar/Sidebar.tsx';

type ActiveAccount = Exclude<AccountState, { status: 'none' }>;

interface PaneProps {
  readonly route: Route;
  readonly account: ActiveAccount;
  readonly lists: ConversationsHook;
  readonly profile: ProfileHook;
  readonly settings: SettingsHook;
}

function findConversation(lists: ConversationsHook, id: string): Conversation | null {
  return lists.conversations.find((c) => c.id === id) ?? lists.requests.find((c) => c.id === id) ?? null;
}

function Pane({ route, account, lists, profile, settings }: PaneProps) {
  const ready = account.status === 'ready';
  switch (route.name) {
    case 'chat':
      return ready ? (
        <ChatView key={route.id} id={route.id} ownId={account.sessionId} conversation={findConversation(lists, route.id)} details={route.details} settings={settings.settings} onConversation={lists.upsert} />
      ) : (
        <EmptyPane account={account} />
      );
    case 'new':
      return <NewConversation />;
    case 'profile':
      return <ProfilePane sessionId={account.sessionId} profile={profile} ready={ready} />;
    case 'settings':
      return <SettingsPane settings={settings} conversations={lists.conversations} ownId={account.sessionId} ready={ready} />;
    case 'network':
      return <NetworkPane ready={ready} />;
    default:
      return <EmptyPane account={account} />;
  }
}

function useUnreadTitle(conversations: readonly Conversation[], requests: readonly Conversation[]): void {
  const unread = [...conversations, ...requests].reduce((n, c) => n + c.unread, 0);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) Hush` : 'Hush';
  }, [unread]);
}

export function Messenger({ account }: { account: ActiveAccount }) {
  const route = useRoute();
  const ready = account.status === 'ready';
  const lists = useConversations(ready);
  const profile = useProfile(ready);
  const settings = useSettings(ready);
  useUnreadTitle(lists.conversations, lists.requests);
  return (
    <div className="messenger" data-view={route.name === 'home' ? 'list' : 'pane'}>
      <Sidebar account={account} route={route} lists={lists} displayName={profile.profile?.displayName ?? null} />
      <main className="pane" id="main">
        <Pane route={route} account={account} lists={lists} profile={profile} settings={settings} />
      </main>
    </div>
  );
}
