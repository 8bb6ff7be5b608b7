/** The chat's top bar: who, their Session ID, the disappearing timer, and the settings button. */
import type { Conversation } from '../../api/types.ts';
import { navigate } from '../../state/use-route.ts';
import { describeDisappearing } from '../../util/disappearing.ts';
import { shortId } from '../../util/session-ids.ts';
import { Avatar } from '../common/Avatar.tsx';
import { Icon } from '../common/Icon.tsx';
import { PaneHeader } from '../common/PaneHeader.tsx';

export interface ChatHeaderProps {
  readonly id: string;
  readonly headingId: string;
  readonly title: string;
  readonly conversation: Conversation | null;
  readonly details: boolean;
}

export function ChatHeader({ id, headingId, title, conversation, details }: ChatHeaderProps) {
  const disappearing = conversation?.disappearing;
  const subtitle = (
    <>
      <span className="mono">{shortId(id)}</span>
      {disappearing !== undefined && disappearing.mode !== 'off' && (
        <span className="chip" title="Disappearing messages">
          <Icon name="timer" size={14} /> {describeDisappearing(disappearing)}
        </span>
      )}
    </>
  );
  return (
    <PaneHeader
      focusTitle={false}
      leading={<Avatar id={id} name={title} size={36} />}
      title={<span id={headingId}>{title}</span>}
      subtitle={subtitle}
      actions={
        <button
          type="button"
          className="icon-button"
          aria-label="Conversation settings"
          title="Conversation settings"
          aria-expanded={details}
          aria-controls="conversation-details"
          onClick={() => navigate({ name: 'chat', id, details: !details })}
        >
          <Icon name={details ? 'close' : 'timer'} size={20} />
        </button>
      }
    />
  );
}
