/**
 * Sizes of strings as Session measures them: message text in Unicode code points (libsession),
 * names in UTF-8 bytes. Pure and allocation-free (no Buffer, so the browser can use them too).
 */

/** Unicode code points in `s` (a surrogate pair counts once, a lone surrogate once). */
export function codePointCount(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    if (isPairAt(s, i)) i++;
    count++;
  }
  return count;
}

/** Bytes of `s` in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD it would become). */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (isPairAt(s, i)) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isPairAt(s: string, i: number): boolean {
  const unit = s.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff || i + 1 >= s.length) return false;
  const next = s.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/** True when `s` holds an unpaired surrogate, which UTF-8 cannot carry (it would arrive as U+FFFD). */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}
