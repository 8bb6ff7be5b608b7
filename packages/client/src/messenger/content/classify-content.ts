/**
 * What a decrypted 1:1 Content means to the messenger (spec client §3.5, §10, §11.1). Pure: the
 * sender and the envelope timestamp come from `decodeFor1o1`, our id from the account. Never throws
 * on a Content `decodeContent` produced; everything not acted on is `{kind: 'ignored', reason}`.
 *
 * The parts are looked at in desktop's order (`ts/receiver/contentMessage.ts`): dataMessage,
 * receiptMessage, typingMessage, dataExtractionNotification, unsendRequest, callMessage,
 * messageRequestResponse; the first one present decides. The sent time of every item is the
 * envelope timestamp (= sigTimestamp, checked by core).
 */
import { classifyReceipt, classifyRequestResponse, classifyTyping, classifyUnsend } from './classify-control.ts';
import { classifyDataMessage } from './classify-data-message.ts';
import { ignored } from './incoming-item.ts';
import type { ClassifyContentInput, IncomingItem } from './incoming-item.ts';

function classifyParts(input: ClassifyContentInput): IncomingItem {
  const c = input.content;
  if (c.dataMessage !== undefined) return classifyDataMessage(input, c.dataMessage);
  if (c.receiptMessage !== undefined) return classifyReceipt(input, c.receiptMessage);
  if (c.typingMessage !== undefined) return classifyTyping(input, c.typingMessage);
  if (c.dataExtractionNotification !== undefined) return ignored('data extraction notification (unsupported)');
  if (c.unsendRequest !== undefined) return classifyUnsend(input, c.unsendRequest);
  if (c.callMessage !== undefined) return ignored('call message (unsupported)');
  if (c.messageRequestResponse !== undefined) return classifyRequestResponse(input, c.messageRequestResponse);
  if (c.sharedConfigMessage !== undefined || c.configurationMessage !== undefined) return ignored('legacy config message');
  return ignored('no message this client understands');
}

export function classifyContent(input: ClassifyContentInput): IncomingItem {
  const { envelopeTimestamp } = input;
  if (!Number.isSafeInteger(envelopeTimestamp) || envelopeTimestamp <= 0) return ignored('envelope without a timestamp');
  const normalized: ClassifyContentInput = {
    ...input,
    sender: input.sender.toLowerCase(),
    ownSessionId: input.ownSessionId.toLowerCase(),
  };
  return classifyParts(normalized);
}
