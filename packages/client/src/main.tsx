import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App.js';
import { createApiClient } from './api/client.js';
import { createEarlyFetch, earlyRequests } from './api/earlyFetch.js';
import { startI18n } from './i18n/lazyLanguages.js';
import { markOnce, PerfMark } from './ui/perfMarks.js';
import './styles.css';

markOnce(PerfMark.main);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks #root');
// Everything the first screen waits for starts now and side by side: the
// page's chunk, the session and (in a room) the meeting and its members, and
// the strings of the language in use.
// The requests first: reading the stored language (localStorage) can take a
// while on a fresh profile, and nothing should wait for it.
const early = createEarlyFetch();
early.start(earlyRequests(window.location.pathname));
preloadPage(window.location.pathname);
void startI18n().then((i18n) => {
  markOnce(PerfMark.i18n);
  createRoot(root).render(
    <StrictMode>
      <App api={createApiClient(early.fetch)} i18n={i18n} />
    </StrictMode>,
  );
});
