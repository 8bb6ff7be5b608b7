/** The frame of every onboarding step: logo, title, content, and an optional way back. */
import type { ReactNode } from 'react';
import { Icon } from '../common/Icon.tsx';
import { Logo } from '../common/Logo.tsx';

export interface OnboardingLayoutProps {
  readonly title: string;
  readonly onBack?: () => void;
  readonly children: ReactNode;
}

export function OnboardingLayout({ title, onBack, children }: OnboardingLayoutProps) {
  return (
    <main className="center-page onboarding">
      <div className="card narrow">
        <div className="onboarding-top">
          {onBack !== undefined && (
            <button type="button" className="icon-button" onClick={onBack} aria-label="Back">
              <Icon name="back" />
            </button>
          )}
          <Logo size={40} />
          <span className="brand">Hush</span>
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
