/** A labelled on/off switch: a real checkbox (keyboard and screen readers work), styled as a switch. */
import { useId } from 'react';

export interface ToggleProps {
  readonly label: string;
  readonly description: string;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly onChange: (checked: boolean) => void;
}

export function Toggle({ label, description, checked, disabled = false, onChange }: ToggleProps) {
  const id = useId();
  return (
    <div className="toggle-row">
      <div className="toggle-text">
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-desc`} className="muted small">
          {description}
        </p>
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-desc`}
        onChange={(e) => onChange(e.target.checked)}
      />
    </div>
  );
}
