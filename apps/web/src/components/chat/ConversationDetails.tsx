/** The conversation's settings, opened from its header: their full Session ID and disappearing messages. */
import type { Conversation } from '../../api/types.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { DisappearingForm } from './DisappearingForm.tsx';

export interface ConversationDetailsProps {
  readonly id: string;
  readonly conversation: Conversation | null;
  readonly onConversation: (conversation: Conversation) => void;
}

export function ConversationDetails({ id, conversation, onConversation }: ConversationDetailsProps) {
  return (
    <div className="conversation-details" id="conversation-details">
      <div className="detail-block">
        <h2 className="small-heading">Session ID</h2>
        <p className="mono break">{id}</p>
        <CopyButton text={id} label="Copy Session ID" />
      </div>
      <DisappearingForm id={id} current={conversation?.disappearing ?? { mode: 'off', seconds: 0 }} onConversation={onConversation} />
    </div>
  );
}
