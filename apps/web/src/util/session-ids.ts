/** Showing Session IDs and the names that stand for them. */
import type { Conversation } from '../api/types.ts';

/** "05ab12…9f3c": enough to tell ids apart at a glance. */
export function shortId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 8)}…${id.slice(-6)}`;
}

/** What a conversation is called: "Note to Self", their display name, or their short id. */
export function conversationTitle(c: Pick<Conversation, 'id' | 'displayName'>, ownId: string): string {
  if (c.id === ownId) return 'Note to Self';
  return c.displayName ?? shortId(c.id);
}

/** A stable hue per Session ID, for avatars. */
export function idHue(id: string): number {
  let h = 0;
  for (let i = 2; i < Math.min(id.length, 18); i++) h = (h * 31 + id.charCodeAt(i)) % 360;
  return h;
}

/** One or two letters for an avatar. */
export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, '').trim().split(/\s+/u).filter((w) => w !== '');
  const letters = words.length >= 2 ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}` : (words[0] ?? '').slice(0, 2);
  return letters.toUpperCase() || '?';
}
