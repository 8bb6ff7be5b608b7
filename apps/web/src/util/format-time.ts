/** Dates and times as the app shows them, in the browser's locale. */

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "14:05". */
export function formatTime(ms: number): string {
  return time.format(ms);
}

/** Full date and time, for tooltips. */
export function formatFull(ms: number): string {
  return full.format(ms);
}

/** For the conversation list: the time today, the weekday this week, else the date. */
export function formatListTime(ms: number, now: number): string {
  const days = (startOfDay(now) - startOfDay(ms)) / DAY_MS;
  if (days <= 0) return time.format(ms);
  if (days < 7) return weekday.format(ms);
  return shortDate.format(ms);
}

/** Day separators in a chat: "Today", "Yesterday", or the date. */
export function formatDay(ms: number, now: number): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return longDate.format(ms);
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}
