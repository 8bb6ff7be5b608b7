/** Disappearing-message choices and how a setting reads. */
import type { DisappearingMode, DisappearingSetting } from '../api/types.ts';
import { formatTimer } from './format-duration.ts';

/** Session's timers (spec client §10), seconds; the short ones help when trying things out. */
export const DISAPPEARING_TIMERS: readonly number[] = [5, 10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600];

export const MODE_LABELS: Readonly<Record<DisappearingMode, string>> = {
  off: 'Off',
  'after-send': 'Disappear after sending',
  'after-read': 'Disappear after reading',
};

export const MODE_HINTS: Readonly<Record<DisappearingMode, string>> = {
  off: 'Messages stay until you delete them (the network keeps them for up to 14 days).',
  'after-send': 'Messages are deleted for both of you this long after they are sent.',
  'after-read': 'Messages are deleted this long after they are read.',
};

/** "Off", or "1 hour after sending". */
export function describeDisappearing(setting: DisappearingSetting): string {
  if (setting.mode === 'off') return 'Off';
  return `${formatTimer(setting.seconds)} after ${setting.mode === 'after-send' ? 'sending' : 'reading'}`;
}
