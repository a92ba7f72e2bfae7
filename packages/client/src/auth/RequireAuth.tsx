import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { User } from '@kenes/shared';
import { useAuth } from './AuthContext.js';

/** `/login?next=<here>`: where a signed-out visitor is sent, to come back after. */
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Only a safe place to go after sign-in: a same-site path, never an absolute
 * or protocol-relative URL (an open redirect).
 */
export function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Renders `children(user)` when signed in; otherwise redirects to sign-in and back. */
export function RequireAuth({ children }: { children: (user: User) => ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (user === undefined) return <p role="status">{t('app.loading')}</p>;
  if (user === null)
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  return <>{children(user)}</>;
}
