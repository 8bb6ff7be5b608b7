/**
 * Writing a message: Enter sends, Shift+Enter adds a line. The draft survives a reload; the other
 * side sees "typing…" when typing indicators are on. Refuses what the network would refuse.
 */
import { useId, useRef } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useDraft } from '../../state/use-draft.ts';
import { useTypingNotifier } from '../../state/use-typing-notifier.ts';
import { Icon } from '../common/Icon.tsx';

/** Session's limit, in Unicode code points (spec client §10). */
const MAX_CHARS = 2000;
const SHOW_COUNT_FROM = 1800;

export interface ComposerProps {
  readonly conversationId: string;
  readonly title: string;
  /** A message request not yet accepted: no reply until it is. */
  readonly blocked: boolean;
  readonly typingIndicators: boolean;
  readonly onSend: (text: string) => void;
}

export function Composer({ conversationId, title, blocked, typingIndicators, onSend }: ComposerProps) {
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useDraft(conversationId);
  const typing = useTypingNotifier(conversationId, typingIndicators && !blocked);
  const length = [...draft].length;
  const tooLong = length > MAX_CHARS;
  const canSend = !blocked && !tooLong && draft.trim() !== '';
  const send = (e?: FormEvent): void => {
    e?.preventDefault();
    if (!canSend) return;
    onSend(draft);
    setDraft('');
    typing.stopped();
    input.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) send(e);
  };
  return (
    <form className="composer" onSubmit={send}>
      <label htmlFor={id} className="visually-hidden">
        Message to {title}
      </label>
      <textarea
        id={id}
        ref={input}
        rows={1}
        value={draft}
        placeholder={blocked ? 'Accept the request to reply' : `Message ${title}`}
        disabled={blocked}
        autoFocus={!blocked}
        aria-invalid={tooLong}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value === '') typing.stopped();
          else typing.typed();
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="send-button" disabled={!canSend} aria-label="Send">
        <Icon name="send" size={20} />
      </button>
      <p id={`${id}-help`} className={tooLong ? 'composer-help field-error' : 'composer-help'} aria-live="polite">
        {tooLong
          ? `Too long: ${length.toLocaleString()} of ${MAX_CHARS.toLocaleString()} characters. Shorten it to send.`
          : length >= SHOW_COUNT_FROM
            ? `${length.toLocaleString()} of ${MAX_CHARS.toLocaleString()} characters`
            : <span className="visually-hidden">Enter sends, Shift+Enter starts a new line.</span>}
      </p>
    </form>
  );
}
