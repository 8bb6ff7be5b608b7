/**
 * Settings: read receipts and typing indicators (the client's), disappearing messages (one per
 * conversation: listed here, changed in each conversation), and the colour theme (this browser).
 */
import { useId } from 'react';
import type { Conversation } from '../../api/types.ts';
import type { SettingsHook } from '../../state/use-settings.ts';
import { useTheme } from '../../state/use-theme.ts';
import type { ThemeChoice } from '../../state/use-theme.ts';
import { describeDisappearing } from '../../util/disappearing.ts';
import { conversationTitle } from '../../util/session-ids.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { PaneHeader } from '../common/PaneHeader.tsx';
import { Toggle } from '../common/Toggle.tsx';

export interface SettingsPaneProps {
  readonly settings: SettingsHook;
  readonly conversations: readonly Conversation[];
  readonly ownId: string;
  readonly ready: boolean;
}

const THEMES: readonly [ThemeChoice, string][] = [
  ['system', 'Same as the system'],
  ['dark', 'Dark'],
  ['light', 'Light'],
];

function ThemePicker() {
  const [theme, setTheme] = useTheme();
  const name = useId();
  return (
    <fieldset className="card stack">
      <legend className="small-heading">Appearance</legend>
      {THEMES.map(([value, label]) => (
        <label key={value} className="radio-row">
          <input type="radio" name={name} value={value} checked={theme === value} onChange={() => setTheme(value)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function DisappearingList({ conversations, ownId }: { conversations: readonly Conversation[]; ownId: string }) {
  return (
    <div className="card stack">
      <h2 className="small-heading">Disappearing messages</h2>
      <p className="muted small">Set for each conversation (both sides see the same). Choose one to change it.</p>
      {conversations.length === 0 ? (
        <p className="muted small">No conversations yet.</p>
      ) : (
        <ul className="settings-list">
          {conversations.map((c) => (
            <li key={c.id}>
              <a href={`#/chat/${c.id}/details`}>
                <span>{conversationTitle(c, ownId)}</span>
                <span className="muted">{describeDisappearing(c.disappearing)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SettingsPane({ settings, conversations, ownId, ready }: SettingsPaneProps) {
  const id = useId();
  const s = settings.settings;
  return (
    <section className="panel-page" aria-labelledby={`${id}-title`}>
      <PaneHeader title={<span id={`${id}-title`}>Settings</span>} />
      <div className="panel-body">
        <div className="card stack">
          <h2 className="small-heading">Privacy</h2>
          <Toggle
            label="Read receipts"
            description="Tell people when you have read their messages, and see when they read yours."
            checked={s?.readReceipts ?? false}
            disabled={s === null || !ready}
            onChange={(readReceipts) => void settings.update({ readReceipts })}
          />
          <Toggle
            label="Typing indicators"
            description="Show people when you are typing, and see when they are."
            checked={s?.typingIndicators ?? false}
            disabled={s === null || !ready}
            onChange={(typingIndicators) => void settings.update({ typingIndicators })}
          />
          {settings.error !== null && <ErrorNotice error={settings.error} />}
        </div>
        <DisappearingList conversations={conversations} ownId={ownId} />
        <ThemePicker />
      </div>
    </section>
  );
}
