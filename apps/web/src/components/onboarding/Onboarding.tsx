/** No account yet: welcome, then create one or restore one from its recovery phrase. */
import { useState } from 'react';
import type { AccountState } from '../../api/types.ts';
import { CreateAccount } from './CreateAccount.tsx';
import { OnboardingLayout } from './OnboardingLayout.tsx';
import { RestoreAccount } from './RestoreAccount.tsx';

type Step = 'welcome' | 'create' | 'restore';

export function Onboarding({ onAccount }: { onAccount: (account: AccountState) => void }) {
  const [step, setStep] = useState<Step>('welcome');
  if (step === 'create') return <CreateAccount onAccount={onAccount} onBack={() => setStep('welcome')} />;
  if (step === 'restore') return <RestoreAccount onAccount={onAccount} onBack={() => setStep('welcome')} />;
  return (
    <OnboardingLayout title="Welcome to Hush">
      <p className="lead">Private messages with no phone number and no email. Only the person you write to can read them.</p>
      <div className="stack">
        <button type="button" className="button primary large" onClick={() => setStep('create')}>
          Create account
        </button>
        <button type="button" className="button large" onClick={() => setStep('restore')}>
          I have an account
        </button>
      </div>
    </OnboardingLayout>
  );
}
