/**
 * Start a conversation: type or paste a Session ID (checked as typed), paste or upload a picture
 * of a QR code, or scan one with the camera.
 */
import { useId, useState } from 'react';
import type { ClipboardEvent, FormEvent } from 'react';
import { navigate } from '../../state/use-route.ts';
import { useSessionIdCheck } from '../../state/use-session-id-check.ts';
import { decodeQrImage } from '../../util/qr-decode.ts';
import { PaneHeader } from '../common/PaneHeader.tsx';
import { QrCameraScan } from './QrCameraScan.tsx';
import { QrImageInput } from './QrImageInput.tsx';

const ID_LENGTH = 66;

function checkText(value: string, check: ReturnType<typeof useSessionIdCheck>): { text: string; ok: boolean | null } {
  const typed = value.trim();
  if (typed === '') return { text: 'Their Session ID starts with 05 and has 66 characters. Ask them for it, or for its QR code.', ok: null };
  if (/^[0-9a-fA-F]+$/.test(typed) && typed.length < ID_LENGTH) return { text: `${typed.length} of ${ID_LENGTH} characters: keep typing, or paste the whole ID.`, ok: null };
  if (check === null) return { text: 'Checking…', ok: null };
  if (check.valid) return { text: check.self ? 'This is your own Session ID: messages go to your Note to Self.' : 'Valid Session ID.', ok: true };
  const why = check.error.message.replace(/^Session ID: /, '');
  return { text: `${why.charAt(0).toUpperCase()}${why.slice(1)}.`, ok: false };
}

export function NewConversation() {
  const id = useId();
  const [value, setValue] = useState('');
  const [qrNote, setQrNote] = useState<string | null>(null);
  const check = useSessionIdCheck(value);
  const status = checkText(value, check);
  const useQrText = (text: string | null): void => {
    if (text === null) setQrNote('No QR code found in that picture. Try a sharper or larger one.');
    else {
      setValue(text.trim());
      setQrNote('Read the Session ID from the QR code.');
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    const image = [...e.clipboardData.items].find((item) => item.type.startsWith('image/'))?.getAsFile();
    if (image === null || image === undefined) return;
    e.preventDefault();
    decodeQrImage(image).then(useQrText, () => useQrText(null));
  };
  const start = (e: FormEvent): void => {
    e.preventDefault();
    if (check?.valid === true) navigate({ name: 'chat', id: check.sessionId, details: false });
  };
  return (
    <section className="panel-page" aria-labelledby={`${id}-title`}>
      <PaneHeader focusTitle={false} title={<span id={`${id}-title`}>New conversation</span>} />
      <div className="panel-body">
        <form className="card stack" onSubmit={start}>
          <div className="field">
            <label htmlFor={`${id}-input`}>Session ID</label>
            <input
              id={`${id}-input`}
              className="mono"
              type="text"
              value={value}
              autoFocus
              spellCheck={false}
              autoCapitalize="none"
              autoComplete="off"
              placeholder="05…"
              aria-invalid={status.ok === false}
              aria-describedby={`${id}-status`}
              onChange={(e) => setValue(e.target.value)}
              onPaste={onPaste}
            />
            <p id={`${id}-status`} className={status.ok === false ? 'field-error' : status.ok === true ? 'field-ok' : 'hint'} aria-live="polite">
              {status.text}
            </p>
          </div>
          <button type="submit" className="button primary" disabled={check?.valid !== true}>
            Start conversation
          </button>
        </form>
        <div className="card stack">
          <h2 className="small-heading">Or use a QR code</h2>
          <p className="muted small">Paste a picture of it into the field above, choose a picture file, or scan it with your camera.</p>
          <div className="row wrap">
            <QrImageInput onText={useQrText} />
            <QrCameraScan onText={useQrText} />
          </div>
          {qrNote !== null && (
            <p className="small" role="status">
              {qrNote}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
