import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { startI18n } from './i18n';
import { browserTimer } from './api/browser-timer';
import { chooseEngineLink } from './api/choose-link';
import { App } from './app';
import { ConsoleProvider } from './console-context';
import { SessionProvider } from './panels/people/session-context';
import { createConsoleStore, followEngine } from './state/console-store';
import { createSessionStore, followSession } from './state/session-store';
import './styles.css';

const i18n = startI18n();
const link = chooseEngineLink();
const session = createSessionStore({ api: link.api, setToken: (token) => link.setSessionToken(token), setTimer: browserTimer });
const store = createConsoleStore(link);
// Subscribed before the first render so no push is missed; lives as long as the page.
followEngine(store, link);
followSession(session, link, document);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ConsoleProvider store={store} api={link.api}>
        <SessionProvider store={session}>
          <App />
        </SessionProvider>
      </ConsoleProvider>
    </I18nextProvider>
  </StrictMode>,
);
