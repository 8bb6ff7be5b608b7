/** The display-name field (onboarding and profile): labelled, with its limit explained. */
import { useId } from 'react';

/** Session's limit: 100 bytes of UTF-8. */
export const MAX_NAME_BYTES = 100;

export function nameBytes(name: string): number {
  return new TextEncoder().encode(name.trim()).length;
}

export interface DisplayNameInputProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly autoFocus?: boolean;
  readonly label?: string;
}

export function DisplayNameInput({ value, onChange, autoFocus = false, label = 'Display name' }: DisplayNameInputProps) {
  const id = useId();
  const tooLong = nameBytes(value) > MAX_NAME_BYTES;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        autoComplete="nickname"
        autoFocus={autoFocus}
        aria-invalid={tooLong}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-hint`} className={tooLong ? 'field-error' : 'hint'}>
        {tooLong ? 'Too long: use at most 100 bytes (fewer letters with emoji or accents).' : 'Shown to the people you message. You can change it later.'}
      </p>
    </div>
  );
}
