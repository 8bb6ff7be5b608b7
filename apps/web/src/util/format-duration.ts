/** Durations in words: timer choices ("5 minutes") and countdowns ("4 min"). */

const UNITS: readonly [number, string][] = [
  [7 * 24 * 3600, 'week'],
  [24 * 3600, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

/** 300 → "5 minutes", 86400 → "1 day" (the largest unit that divides it). */
export function formatTimer(seconds: number): string {
  for (const [size, unit] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

/** Time left, short: "45 s", "12 min", "3 h", "2 d". */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.ceil(s / 60)} min`;
  if (s < 86400) return `${Math.ceil(s / 3600)} h`;
  return `${Math.ceil(s / 86400)} d`;
}

/** A clock offset for people: "0.2 s ahead of the network". */
export function formatOffset(ms: number): string {
  const abs = Math.abs(ms);
  const size = abs < 1000 ? `${Math.round(abs)} ms` : `${(abs / 1000).toFixed(1)} s`;
  if (abs < 1) return 'in step with the network';
  return `${size} ${ms > 0 ? 'ahead of' : 'behind'} the network`;
}
