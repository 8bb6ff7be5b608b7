/**
 * Bounded readers of the free-text fields of incoming messages: display names (≤ 100 UTF-8 bytes
 * and not blank, else null — the message itself is kept) and message text (≤ 10 000 code points,
 * not blank, else the message is ignored).
 */
import type { LokiProfile } from '@hush/core';
import { MAX_DISPLAY_NAME_BYTES, MAX_INCOMING_TEXT_CODE_POINTS } from './content-limits.ts';
import { ignored } from './incoming-item.ts';
import type { IncomingIgnored } from './incoming-item.ts';
import { codePointCount, utf8ByteLength } from './text-measure.ts';

export function incomingDisplayName(profile: LokiProfile | undefined): string | null {
  const name = profile?.displayName;
  if (name === undefined || name.trim() === '') return null;
  return utf8ByteLength(name) > MAX_DISPLAY_NAME_BYTES ? null : name;
}

export function incomingText(body: string | undefined, hasAttachments: boolean): string | IncomingIgnored {
  if (body === undefined || body.trim() === '') return ignored(hasAttachments ? 'attachments without text (unsupported)' : 'no text');
  const got = codePointCount(body);
  if (got > MAX_INCOMING_TEXT_CODE_POINTS) return ignored(`text of ${got} characters exceeds ${MAX_INCOMING_TEXT_CODE_POINTS}`);
  return body;
}
