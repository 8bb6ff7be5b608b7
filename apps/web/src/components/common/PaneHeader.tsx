/**
 * The top bar of a pane: a back link (small screens), the title, and actions. Panes without a
 * field of their own to focus move focus to their title when they open, so keyboard and screen
 * reader users land on the new screen rather than on a link that may now be hidden.
 */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';

export interface PaneHeaderProps {
  readonly title: ReactNode;
  readonly subtitle?: ReactNode;
  readonly leading?: ReactNode;
  readonly actions?: ReactNode;
  /** Focus the title when the pane opens (default true). */
  readonly focusTitle?: boolean;
}

export function PaneHeader({ title, subtitle, leading, actions, focusTitle = true }: PaneHeaderProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) heading.current?.focus({ preventScroll: true });
  }, [focusTitle]);
  return (
    <header className="pane-header">
      <a className="icon-button back" href="#/" aria-label="Back to conversations">
        <Icon name="back" />
      </a>
      {leading}
      <div className="pane-title">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {subtitle !== undefined && <div className="pane-subtitle">{subtitle}</div>}
      </div>
      {actions !== undefined && <div className="pane-actions">{actions}</div>}
    </header>
  );
}
