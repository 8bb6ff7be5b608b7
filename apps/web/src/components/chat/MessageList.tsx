/**
 * The messages, oldest first with day separators, then those still being sent. A live log: new
 * messages are announced to screen readers. Stays scrolled to the bottom while you are there.
 * Deleting one of ours for everyone moves focus to the log (the message and its buttons go) and
 * says so once it is done.
 */
import { Fragment, useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { MessagesHook } from '../../state/use-messages.ts';
import { useNow } from '../../state/use-now.ts';
import { formatDay, sameDay } from '../../util/format-time.ts';
import { MessageBubble } from './MessageBubble.tsx';
import { PendingBubble } from './PendingBubble.tsx';

export interface MessageListProps {
  readonly hook: MessagesHook;
  readonly ownId: string;
  readonly title: string;
  readonly isSelf: boolean;
}

const NEAR_BOTTOM_PX = 120;

function useStickToBottom(count: number) {
  const ref = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el !== null && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [count]);
  const onScroll = (): void => {
    const el = ref.current;
    if (el !== null) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  };
  return { ref, onScroll };
}

function useUnsendAnnounced(unsend: MessagesHook['unsend'], log: RefObject<HTMLDivElement | null>) {
  const [announcement, setAnnouncement] = useState('');
  const unsendAndAnnounce = useCallback(
    async (messageId: number) => {
      setAnnouncement('');
      log.current?.focus();
      await unsend(messageId);
      setAnnouncement('Message deleted for everyone.');
    },
    [unsend, log],
  );
  return { announcement, unsend: unsendAndAnnounce };
}

export function MessageList({ hook, ownId, title, isSelf }: MessageListProps) {
  const now = useNow(1000);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const { ref, onScroll } = useStickToBottom(hook.messages.length + hook.pending.length);
  const deleted = useUnsendAnnounced(hook.unsend, ref);
  const older = (): void => {
    setLoadingOlder(true);
    hook.loadOlder().finally(() => setLoadingOlder(false));
  };
  const empty = hook.loaded && hook.messages.length === 0 && hook.pending.length === 0;
  return (
    <>
      <div className="messages" ref={ref} onScroll={onScroll} role="log" aria-label="Messages" aria-busy={!hook.loaded} tabIndex={0}>
        {hook.hasMore && (
          <button type="button" className="button small load-older" onClick={older} disabled={loadingOlder}>
            {loadingOlder ? 'Loading…' : 'Load earlier messages'}
          </button>
        )}
        {empty && <p className="messages-empty">{isSelf ? 'Notes you write here are kept on your own swarm.' : `No messages yet. Say hello to ${title}!`}</p>}
        {hook.messages.map((m, i) => {
          const prev = hook.messages[i - 1];
          return (
            <Fragment key={m.id}>
              {(prev === undefined || !sameDay(prev.sentAt, m.sentAt)) && (
                <div className="day-divider" role="separator">
                  <span>{formatDay(m.sentAt, now)}</span>
                </div>
              )}
              <MessageBubble message={m} now={now} authorName={m.author === ownId ? 'You' : title} peerName={isSelf ? null : title} onRetry={hook.retry} onUnsend={deleted.unsend} />
            </Fragment>
          );
        })}
        {hook.pending.map((p) => (
          <PendingBubble key={p.key} pending={p} onResend={hook.resendPending} onDiscard={hook.discardPending} />
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {deleted.announcement}
      </p>
    </>
  );
}
