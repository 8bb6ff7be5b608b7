/**
 * Wakes long-polling retrieves (a Hush extension, `long_poll_ms`) when a message for their
 * account and namespace is stored on this node — by a client store or by a swarm peer's fan-out
 * or push. Waiters are bounded; past the bound a retrieve simply answers at once.
 */
export interface NewMessageSignal {
  /** Resolves when a message for (owner, namespace) is stored, after `timeoutMs`, or on abort; false when refused (full). */
  wait(ownerHex: string, namespace: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  notify(ownerHex: string, namespace: number): void;
  /** Retrieves waiting right now. */
  waiting(): number;
  /** Wakes every waiter (node stopping). */
  close(): void;
}

export function createNewMessageSignal(maxWaiters: number): NewMessageSignal {
  const waiters = new Map<string, Set<() => void>>();
  let count = 0;
  const wakeAll = (key: string): void => {
    const set = waiters.get(key);
    if (set === undefined) return;
    waiters.delete(key);
    for (const wake of set) wake();
  };
  return {
    wait(ownerHex, namespace, timeoutMs, signal) {
      if (count >= maxWaiters || signal?.aborted === true) return Promise.resolve(false);
      const key = `${ownerHex}/${namespace}`;
      return new Promise<boolean>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          const set = waiters.get(key);
          if (set?.delete(done) === true && set.size === 0) waiters.delete(key);
          count -= 1;
          resolve(true);
        };
        const timer = setTimeout(done, timeoutMs);
        signal?.addEventListener('abort', done, { once: true });
        let set = waiters.get(key);
        if (set === undefined) waiters.set(key, (set = new Set()));
        set.add(done);
        count += 1;
      });
    },
    notify: (ownerHex, namespace) => wakeAll(`${ownerHex}/${namespace}`),
    waiting: () => count,
    close() {
      for (const key of [...waiters.keys()]) wakeAll(key);
    },
  };
}
