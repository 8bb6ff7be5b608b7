/** Copies a text to the clipboard and says so (to screen readers too). */
import { useEffect, useState } from 'react';
import { Icon } from './Icon.tsx';

export interface CopyButtonProps {
  readonly text: string;
  readonly label: string;
  readonly className?: string;
}

export function CopyButton({ text, label, className = 'button small' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);
  const copy = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <>
      <button type="button" className={className} onClick={copy}>
        <Icon name={state === 'copied' ? 'check' : 'copy'} /> {state === 'copied' ? 'Copied' : label}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy: select the text and copy it by hand' : ''}
      </span>
    </>
  );
}
