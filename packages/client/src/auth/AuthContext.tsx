import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/types.js';
import { useApi } from '../api/ApiContext.js';
import { hasStoredLanguage, storeLanguage } from '../i18n/i18n.js';

/** The signed-in account as the app knows it. */
export interface AuthState {
  /** `undefined` while the session is being checked; null when signed out. */
  user: User | null | undefined;
  /** After sign-in or sign-up: remember the user and switch to their language. */
  signedIn(user: User): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/**
 * Checks the session once (`GET /api/me`) and holds the account. The
 * account's preferred language comes first: it is applied at sign-in, and on
 * a reload unless a language was picked on this device since.
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
        if (u && !hasStoredLanguage()) void i18n.changeLanguage(u.language);
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
    },
    [i18n],
  );
  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
    }
  }, [api]);

  const value = useMemo(() => ({ user, signedIn, signOut }), [user, signedIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth state of the nearest {@link AuthProvider}. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (ctx === null) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
