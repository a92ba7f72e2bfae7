import { Suspense, useMemo } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { ApiProvider } from './api/ApiContext.js';
import { createApiClient, type ApiClient } from './api/client.js';
import { AuthProvider, useAuth } from './auth/AuthContext.js';
import { RequireAuth } from './auth/RequireAuth.js';
import { LanguagePicker } from './i18n/LanguagePicker.js';
import { AnnouncerProvider } from './ui/Announcer.js';
import { lazyPage } from './ui/lazyPage.js';
import { LoginPage } from './features/auth/LoginPage.js';
import { SignupPage } from './features/auth/SignupPage.js';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage.js';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage.js';
import { HomePage } from './features/home/HomePage.js';
import { InvitePage } from './features/invite/InvitePage.js';

// The room (Tiptap, Yjs, y-websocket) loads only when a meeting is opened, so
// sign-in and the meetings list stay light.
const meetingPage = lazyPage(() =>
  import('./features/meeting/MeetingPage.js').then((m) => m.MeetingPage),
);
const displayPage = lazyPage(() =>
  import('./features/display/DisplayPage.js').then((m) => m.DisplayPage),
);
const settingsPage = lazyPage(() =>
  import('./features/settings/SettingsPage.js').then((m) => m.SettingsPage),
);
const MeetingPage = meetingPage.Page;
const DisplayPage = displayPage.Page;
const SettingsPage = settingsPage.Page;
const KioskPage = lazyPage(() =>
  import('./features/kiosk/KioskPage.js').then((m) => m.KioskPage),
).Page;
const MinutesPage = lazyPage(() =>
  import('./features/outcome/MinutesPage.js').then((m) => m.MinutesPage),
).Page;
const StatsPage = lazyPage(() =>
  import('./features/outcome/StatsPage.js').then((m) => m.StatsPage),
).Page;
const OutcomePage = lazyPage(() =>
  import('./features/outcome/OutcomePage.js').then((m) => m.OutcomePage),
).Page;
const VersionsPage = lazyPage(() =>
  import('./features/outcome/VersionsPage.js').then((m) => m.VersionsPage),
).Page;
const AuthorshipPage = lazyPage(() =>
  import('./features/outcome/AuthorshipPage.js').then((m) => m.AuthorshipPage),
).Page;
const AuditPage = lazyPage(() =>
  import('./features/outcome/AuditPage.js').then((m) => m.AuditPage),
).Page;
const ProfilePage = lazyPage(() =>
  import('./features/profile/ProfilePage.js').then((m) => m.ProfilePage),
).Page;

/**
 * Starts downloading the chunk of the page at `pathname` (the room, its
 * display, its settings) before React gets to it, beside the language and
 * the first API answers rather than after them.
 */
export function preloadPage(pathname: string): void {
  const meeting = /^\/meetings\/[^/]+(\/[a-z]+)?\/?$/.exec(pathname);
  if (!meeting) return;
  const sub = meeting[1] ?? '';
  const page =
    sub === ''
      ? meetingPage
      : sub === '/display'
        ? displayPage
        : sub === '/settings'
          ? settingsPage
          : null;
  if (page) void page.preload().catch(() => undefined);
  // The room's texts on screen need the editor at once.
  if (sub === '') {
    void import('./editor/RecommendationEditor.js').catch(() => undefined);
    void import('y-indexeddb').catch(() => undefined);
  }
}

/** Props of {@link App}; tests inject an API client and an i18n instance. */
export interface AppProps {
  api?: ApiClient;
  /** The UI's i18next instance (`startI18n`: the language in use loaded). */
  i18n: I18n;
}

/** The app: providers, then the page frame and the routes. */
export function App({ api, i18n }: AppProps) {
  const client = useMemo(() => api ?? createApiClient(), [api]);
  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={client}>
        <AuthProvider>
          <AnnouncerProvider>
            <BrowserRouter>
              <Frame />
            </BrowserRouter>
          </AnnouncerProvider>
        </AuthProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}

/** Banner (brand, account, language), one main landmark, the routes. */
function Frame() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const display = location.pathname.endsWith('/display');
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {!display && (
        <header className="banner no-print">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('app.primaryNav')} className="banner-nav">
            {user && <Link to="/">{t('home.title')}</Link>}
          </nav>
          <div className="banner-tools">
            <LanguagePicker />
            {user && (
              <>
                <Link
                  to="/me"
                  className="whoami"
                  title={t('profile.linkTitle', {
                    name: user.name,
                    organisation: user.organisation,
                  })}
                  data-testid="profile-link"
                >
                  {t('app.signedInAs', { name: user.name, organisation: user.organisation })}
                </Link>
                <button type="button" className="on-dark" onClick={() => void signOut()}>
                  {t('app.signOut')}
                </button>
              </>
            )}
          </div>
        </header>
      )}
      <main id="main" tabIndex={-1} className={display ? 'main-display' : undefined}>
        <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
          <Routes>
            <Route path="/" element={<RequireAuth>{() => <HomePage />}</RequireAuth>} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/signup" element={<SignupPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password/:token" element={<ResetPasswordPage />} />
            <Route path="/invite/:token" element={<InvitePage />} />
            <Route path="/me" element={<ProfilePage />} />
            <Route path="/meetings/:id" element={<MeetingPage />} />
            <Route path="/meetings/:id/settings" element={<SettingsPage />} />
            <Route path="/meetings/:id/display" element={<DisplayPage />} />
            <Route path="/display" element={<KioskPage />} />
            <Route path="/meetings/:id/minutes" element={<MinutesPage />} />
            <Route path="/meetings/:id/stats" element={<StatsPage />} />
            <Route path="/meetings/:id/outcome" element={<OutcomePage />} />
            <Route path="/meetings/:id/versions" element={<VersionsPage />} />
            <Route path="/meetings/:id/versions/:versionId" element={<VersionsPage />} />
            <Route path="/meetings/:id/authorship" element={<AuthorshipPage />} />
            <Route path="/meetings/:id/audit" element={<AuditPage />} />
            <Route path="*" element={<p>{t('app.notFound')}</p>} />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}
