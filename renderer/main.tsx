import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { startI18n } from './i18n';
import { chooseEngineLink } from './api/choose-link';
import { App } from './app';
import { ConsoleProvider } from './console-context';
import { createConsoleStore, followEngine } from './state/console-store';
import './styles.css';

const i18n = startI18n();
const link = chooseEngineLink();
const store = createConsoleStore(link);
// Subscribed before the first render so no push is missed; lives as long as the page.
followEngine(store, link);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ConsoleProvider store={store} api={link.api}>
        <App />
      </ConsoleProvider>
    </I18nextProvider>
  </StrictMode>,
);
