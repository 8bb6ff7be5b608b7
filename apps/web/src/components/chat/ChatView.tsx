/**
 * One conversation: header (with its settings), messages as they arrive, the typing indicator, a
 * request to answer when they wrote first, and the composer. Keyed by the conversation id.
 */
import { useId } from 'react';
import type { ClientSettings, Conversation } from '../../api/types.ts';
import { useMarkRead } from '../../state/use-mark-read.ts';
import { useMessages } from '../../state/use-messages.ts';
import { useTyping } from '../../state/use-typing.ts';
import { conversationTitle } from '../../util/session-ids.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { ChatHeader } from './ChatHeader.tsx';
import { Composer } from './Composer.tsx';
import { ConversationDetails } from './ConversationDetails.tsx';
import { MessageList } from './MessageList.tsx';
import { RequestBanner } from './RequestBanner.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';

export interface ChatViewProps {
  readonly id: string;
  readonly ownId: string;
  /** Null until the conversation exists (a new one: no message yet). */
  readonly conversation: Conversation | null;
  readonly details: boolean;
  readonly settings: ClientSettings | null;
  readonly onConversation: (conversation: Conversation) => void;
}

export function ChatView({ id, ownId, conversation, details, settings, onConversation }: ChatViewProps) {
  const headingId = useId();
  const messages = useMessages(id);
  const typing = useTyping(id);
  useMarkRead(id, conversation?.unread ?? 0);
  const title = conversationTitle(conversation ?? { id, displayName: null }, ownId);
  const isRequest = conversation?.state === 'request';
  return (
    <section className="chat" aria-labelledby={headingId}>
      <ChatHeader id={id} headingId={headingId} title={title} conversation={conversation} details={details} />
      {details && <ConversationDetails id={id} conversation={conversation} onConversation={onConversation} />}
      {messages.error !== null && <ErrorNotice error={messages.error} />}
      <MessageList hook={messages} ownId={ownId} title={title} isSelf={id === ownId} />
      <TypingIndicator typing={typing} name={title} />
      {isRequest && <RequestBanner id={id} title={title} onConversation={onConversation} />}
      <Composer conversationId={id} title={title} blocked={isRequest} typingIndicators={(settings?.typingIndicators ?? false) && conversation?.state === 'accepted'} onSend={messages.send} />
    </section>
  );
}
