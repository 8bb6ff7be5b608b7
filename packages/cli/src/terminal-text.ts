/**
 * Text from other people (messages, display names) made safe to print on a terminal: control
 * characters (escape sequences could rewrite the screen) and bidirectional overrides (could
 * disguise what is shown) become "�", a tab a space, and a line break "↵", so one
 * message stays on one line.
 */

// C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/gu;

export function terminalText(text: string): string {
  return text.replace(LINE_BREAKS, ' ↵ ').replace(/\t/gu, ' ').replace(UNSAFE, '\ufffd');
}

/** At most `max` characters (code points) of `text`, with "…" when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
