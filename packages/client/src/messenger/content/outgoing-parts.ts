/**
 * Pieces shared by the outgoing Content builders: the Content base (sigTimestamp and, for
 * expirable messages, the expiration fields), the LokiProfile, and the checked sync target.
 */
import { HushError, parseUserSessionId } from '@hush/core';
import type { LokiProfile } from '@hush/core';
import { checkDisappearing, checkDisplayName, checkTimestamp } from './content-checks.ts';
import { expirationFieldsFor } from './expiration-fields.ts';

/** Our profile as sent with visible messages and request responses. */
export interface OutgoingProfile {
  readonly displayName: string;
  /**
   * When the profile was last changed (unix seconds): sent as `lastProfileUpdateSeconds`, which
   * newer Session clients compare to drop stale profiles. Leave out to send none.
   */
  readonly updatedAtSeconds?: number;
}

interface ContentBase {
  readonly sigTimestamp: number;
  readonly expirationType?: number;
  readonly expirationTimer?: number;
}

/** `{sigTimestamp}` plus, when a setting is given (even 'off', as desktop), the expiration fields. */
export function contentBase(sentAt: unknown, disappearing?: unknown): ContentBase {
  const sigTimestamp = checkTimestamp(sentAt, 'sentAt');
  if (disappearing === undefined) return { sigTimestamp };
  return { sigTimestamp, ...expirationFieldsFor(checkDisappearing(disappearing)) };
}

/** The LokiProfile for a profile (checked), or undefined when none is given. */
export function lokiProfile(profile: OutgoingProfile | undefined): LokiProfile | undefined {
  if (profile === undefined) return undefined;
  if (typeof profile !== 'object' || profile === null) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'profile: expected an object', { details: { field: 'profile' } });
  }
  const displayName = checkDisplayName(profile.displayName);
  const at = profile.updatedAtSeconds;
  if (at === undefined) return { displayName };
  if (!Number.isSafeInteger(at) || at < 0) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'profile.updatedAtSeconds: expected a non-negative integer', {
      details: { field: 'profile.updatedAtSeconds' },
    });
  }
  return { displayName, lastProfileUpdateSeconds: at };
}

/** A checked 05 sync target (lowercased), or undefined when none is given. */
export function syncTargetOf(syncTarget: unknown): string | undefined {
  return syncTarget === undefined ? undefined : parseUserSessionId(syncTarget, 'syncTarget');
}
