/**
 * When a message disappears (spec client §10). After-send: its sent time plus the timer, never
 * later than the swarm's own expiry of the copy (receivers use the swarm `expiration` to recompute
 * the start). After-read: the timer starts when it is read (ours: when we send it, as the sender
 * has read it). Off: never.
 */
import type { DisappearingSetting } from './messenger-types.ts';

export function expiresAtFor(setting: DisappearingSetting, start: { sentAt: number; readAt: number | null; swarmExpiry?: number }): number | null {
  if (setting.mode === 'off' || setting.seconds <= 0) return null;
  const ms = setting.seconds * 1000;
  if (setting.mode === 'after-send') {
    const at = start.sentAt + ms;
    return start.swarmExpiry === undefined ? at : Math.min(at, start.swarmExpiry);
  }
  return start.readAt === null ? null : start.readAt + ms;
}
