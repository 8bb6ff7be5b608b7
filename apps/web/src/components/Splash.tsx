/** While the first answer from the daemon is on its way (or did not come). */
import type { ReactNode } from 'react';
import { Logo } from './common/Logo.tsx';

export function Splash({ children }: { children?: ReactNode }) {
  return (
    <main className="center-page" aria-busy={children === undefined}>
      <div className="splash">
        <Logo size={56} />
        {children ?? <p className="muted">Opening Hush…</p>}
      </div>
    </main>
  );
}
