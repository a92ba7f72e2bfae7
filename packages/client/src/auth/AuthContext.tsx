import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, User } from '@kenes/shared';
import { useApi } from '../api/ApiContext.js';
import { storeLanguage } from '../i18n/i18n.js';
import { clearLocalData } from '../sync/localCopies.js';
import { forgetAccount, rememberAccount } from './lastAccount.js';

/** The signed-in account as the app knows it. */
export interface AuthState {
  /** `undefined` while the session is being checked; null when signed out. */
  user: User | null | undefined;
  /** After sign-in or sign-up: remember the user and switch to their language. */
  signedIn(user: User): void;
  signOut(): Promise<void>;
  /**
   * Ends every session of the account (`POST /api/auth/logout-all`), then
   * leaves this device as {@link signOut} does.
   */
  signOutEverywhere(): Promise<void>;
  /** The account as the server answered a change to it (the profile page). */
  accountChanged(user: User): void;
  /**
   * Switches the UI language and remembers it on this device; when signed in
   * also saves it as the account's preferred language (`PATCH /api/me`), so
   * it follows the user to other devices. A failed save keeps the local choice.
   */
  chooseLanguage(lang: Language): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * Checks the session once (`GET /api/me`) and holds the account. The
 * account's preferred language comes first: it is applied at sign-in and on
 * every load, and the picker saves a new choice to the account (so the
 * choice made on one device follows the user). Signed out, the language
 * picked on this device (else the browser's) is used.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { i18n } = useTranslation();
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api.me().then(
      (u) => {
        if (!live) return;
        setUser(u);
        if (u) {
          storeLanguage(u.language);
          void i18n.changeLanguage(u.language);
        }
        // The session ended while away (expired, signed out elsewhere): what
        // this device kept for that account goes, as on sign-out.
        const previous = rememberAccount(u?.id ?? null);
        if (previous !== null && previous !== u?.id) void clearLocalData(previous);
      },
      () => live && setUser(null),
    );
    return () => {
      live = false;
    };
  }, [api, i18n]);

  const signedIn = useCallback(
    (u: User) => {
      setUser(u);
      storeLanguage(u.language);
      void i18n.changeLanguage(u.language);
      // Another account used this device last without signing out: its
      // local copies are never this account's to load or send.
      const previous = rememberAccount(u.id);
      if (previous !== null && previous !== u.id) void clearLocalData(previous);
    },
    [i18n],
  );

  const leave = useCallback(
    async (end: () => Promise<void>) => {
      const leaving = user?.id ?? null;
      try {
        await end();
      } finally {
        setUser(null);
        forgetAccount();
        // Shared computers: the local copies of every meeting (with edits not
        // yet sent) and kept copies of refused text leave with the account,
        // even when the server could not be told (offline). Cleared after the
        // room unmounted, which closes its copy (an open copy blocks deletion).
        if (leaving !== null) await clearLocalData(leaving);
      }
    },
    [user],
  );
  const signOut = useCallback(() => leave(() => api.logout()), [api, leave]);
  const signOutEverywhere = useCallback(() => leave(() => api.logoutAll()), [api, leave]);
  const accountChanged = useCallback(
    (u: User) => {
      setUser(u);
      // The preferred language applies at once, as it would at the next sign-in.
      if (u.language !== i18n.language) {
        storeLanguage(u.language);
        void i18n.changeLanguage(u.language);
      }
    },
    [i18n],
  );

  const chooseLanguage = useCallback(
    async (lang: Language) => {
      storeLanguage(lang);
      await i18n.changeLanguage(lang);
      if (!user || user.language === lang) return;
      try {
        setUser(await api.updateMe({ language: lang }));
      } catch {
        // Offline, or a server without PATCH /api/me: the choice still holds
        // on this device, which beats the account's language on reload.
      }
    },
    [api, i18n, user],
  );

  const value = useMemo(
    () => ({ user, signedIn, signOut, signOutEverywhere, accountChanged, chooseLanguage }),
    [user, signedIn, signOut, signOutEverywhere, accountChanged, chooseLanguage],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state of the nearest {@link AuthProvider}. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (ctx === null) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
