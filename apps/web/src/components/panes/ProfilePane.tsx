/** Our profile: display name, Session ID (copy, QR code) and the recovery phrase on request. */
import { useId } from 'react';
import type { ProfileHook } from '../../state/use-profile.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { PaneHeader } from '../common/PaneHeader.tsx';
import { QrCode } from '../common/QrCode.tsx';
import { DisplayNameForm } from './DisplayNameForm.tsx';
import { RecoveryPhraseReveal } from './RecoveryPhraseReveal.tsx';

export interface ProfilePaneProps {
  readonly sessionId: string;
  readonly profile: ProfileHook;
  readonly ready: boolean;
}

export function ProfilePane({ sessionId, profile, ready }: ProfilePaneProps) {
  const id = useId();
  return (
    <section className="panel-page" aria-labelledby={`${id}-title`}>
      <PaneHeader title={<span id={`${id}-title`}>Your profile</span>} />
      <div className="panel-body">
        <div className="card stack">
          <h2 className="small-heading">Your Session ID</h2>
          <p className="muted small">Give it to people so they can message you. It is safe to share; your recovery phrase is not.</p>
          <p className="mono break session-id" data-testid="own-session-id">
            {sessionId}
          </p>
          <div className="row wrap">
            <CopyButton text={sessionId} label="Copy Session ID" className="button" />
          </div>
          <div className="qr-frame">
            <QrCode text={sessionId} label="QR code of your Session ID" />
          </div>
        </div>
        {ready ? <DisplayNameForm current={profile.profile?.displayName ?? null} onSave={profile.save} /> : null}
        <RecoveryPhraseReveal />
      </div>
    </section>
  );
}
