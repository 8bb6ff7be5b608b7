/** Entry point: theme first (no flash), then the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { applyStoredTheme } from './state/use-theme.ts';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/onboarding.css';
import './styles/sidebar.css';
import './styles/chat.css';
import './styles/panes.css';

applyStoredTheme();
const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
