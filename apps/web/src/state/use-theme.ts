/** The colour theme: follow the system (default), dark or light; kept in localStorage. */
import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'system' | 'dark' | 'light';
const STORAGE_KEY = 'hush.theme';

function stored(): ThemeChoice {
  const value = localStorage.getItem(STORAGE_KEY);
  return value === 'dark' || value === 'light' ? value : 'system';
}

/** Applies the stored theme to <html> (call once at start, before the first paint). */
export function applyStoredTheme(): void {
  applyTheme(stored());
}

function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = choice;
}

export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [theme, setThemeState] = useState<ThemeChoice>(stored);
  useEffect(() => applyTheme(theme), [theme]);
  const setTheme = useCallback((choice: ThemeChoice) => {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
    setThemeState(choice);
  }, []);
  return [theme, setTheme];
}
