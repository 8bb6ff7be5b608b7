/**
 * Deleting one of our messages for everyone, step by step: the confirm step, deleting, and failed
 * (with the daemon's error, to try again or dismiss). On success the message leaves the list, and
 * the bubble holding this flow with it.
 */
import { useCallback, useState } from 'react';
import { asApiError } from '../api/api-error.ts';
import type { ApiError } from '../api/api-error.ts';

export type UnsendStep =
  | { readonly name: 'idle' }
  | { readonly name: 'confirm' }
  | { readonly name: 'deleting' }
  | { readonly name: 'failed'; readonly error: ApiError };

export interface UnsendFlow {
  readonly step: UnsendStep;
  /** Shows the confirm step. */
  readonly ask: () => void;
  /** Back to nothing shown (from the confirm step or an error). */
  readonly cancel: () => void;
  /** Deletes (again, after an error). */
  readonly confirm: () => void;
}

const IDLE: UnsendStep = { name: 'idle' };

export function useUnsendFlow(messageId: number, unsend: (messageId: number) => Promise<void>): UnsendFlow {
  const [step, setStep] = useState<UnsendStep>(IDLE);
  const ask = useCallback(() => setStep({ name: 'confirm' }), []);
  const cancel = useCallback(() => setStep(IDLE), []);
  const confirm = useCallback(() => {
    setStep({ name: 'deleting' });
    unsend(messageId).then(
      () => setStep(IDLE),
      (err: unknown) => setStep({ name: 'failed', error: asApiError(err) }),
    );
  }, [messageId, unsend]);
  return { step, ask, cancel, confirm };
}
