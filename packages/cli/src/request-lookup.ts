/** The conversation `hush requests accept|decline <session-id>` acts on: HUSH_ERR_NOT_FOUND when there is none. */
import { HushError } from '@hush/core';
import type { Conversation } from '@hush/client';
import type { MessengerView } from './messenger-view.ts';

export function findRequest(view: MessengerView, id: string): Conversation {
  const conversation = view.conversation(id);
  if (conversation === null) {
    throw new HushError('HUSH_ERR_NOT_FOUND', `no message request from ${id}; \`hush requests\` lists them`, { details: { field: '<session-id>' } });
  }
  return conversation;
}
