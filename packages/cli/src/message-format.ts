/**
 * How messages print: `hush listen` lines (`[time] name-or-short-id: text`, or one JSON object),
 * and `hush chat` history lines with delivery marks on ours. Times are local; JSON has ms.
 */
import type { ChatMessage } from '@hush/client';
import { terminalText } from './terminal-text.ts';

const two = (n: number): string => String(n).padStart(2, '0');

/** `05abcdef…1234`: enough to tell people apart in a list. */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** Local time, HH:MM:SS. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Local date and time, YYYY-MM-DD HH:MM. */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Someone's display name (made safe to print), else their short Session ID. */
export function personLabel(name: string | null, id: string): string {
  return name === null || name.trim() === '' ? shortId(id) : terminalText(name);
}

/** `hush listen --json`: one incoming message. */
export function incomingJson(m: ChatMessage, name: string | null): Record<string, unknown> {
  return { sender: m.author, timestamp: m.sentAt, text: m.text, conversation: m.conversationId, name, id: m.id };
}

/** `hush listen`: `[12:03:45] Alice: hello`. */
export function incomingLine(m: ChatMessage, name: string | null): string {
  return `[${clockTime(m.sentAt)}] ${personLabel(name, m.author)}: ${terminalText(m.text)}`;
}

/** Where one of our messages is: ✓ stored on N of M swarm members, … sending, ✗ failed. */
export function deliveryMark(m: ChatMessage): string {
  if (m.direction === 'in') return '';
  if (m.delivery === 'stored') return `✓ ${m.storedOn}/${m.swarmSize}`;
  if (m.delivery === 'sending') return '… sending';
  return `✗ not sent${m.error === null ? '' : ` (${m.error})`}`;
}

/** `hush chat`: `2025-01-31 12:03  you: hello  ✓ 5/6`. */
export function historyLine(m: ChatMessage, theirLabel: string): string {
  const who = m.direction === 'out' ? 'you' : theirLabel;
  const mark = deliveryMark(m);
  return `${dateTime(m.sentAt)}  ${who}: ${terminalText(m.text)}${mark === '' ? '' : `  ${mark}`}`;
}

/** `hush chat --json`: one message of the history. */
export function historyJson(m: ChatMessage): Record<string, unknown> {
  return {
    id: m.id,
    direction: m.direction,
    sender: m.author,
    timestamp: m.sentAt,
    text: m.text,
    delivery: m.delivery,
    stored_on: m.storedOn,
    swarm_size: m.swarmSize,
    error: m.error,
    expires_at: m.expiresAt,
  };
}
