import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n/allLanguages.js';
import { ApiProvider } from '../api/ApiContext.js';
import { createApiClient } from '../api/client.js';
import { keepUnsentCopies, loadUnsentCopies } from '../sync/unsentCopies.js';
import { AuthProvider, useAuth, type AuthState } from './AuthContext.js';

const USER = {
  id: 'u1',
  email: 'dana@kenes.test',
  name: 'Dana',
  organisation: 'NGO',
  orgType: 'ngo',
  language: 'en',
};

/** An API whose session answer is `me` (null: 401) and whose logout works. */
function api(me: typeof USER | null) {
  return createApiClient(async (input) => {
    const url = String(input);
    if (url.endsWith('/auth/logout') || url.endsWith('/auth/logout-all'))
      return new Response(null, { status: 204 });
    if (url.endsWith('/me'))
      return me
        ? Response.json({ user: me })
        : Response.json({ error: { code: 'unauthorized', message: 'no' } }, { status: 401 });
    return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
  });
}

function renderAuth(me: typeof USER | null) {
  const seen: { auth: AuthState | null } = { auth: null };
  function Probe() {
    seen.auth = useAuth();
    return null;
  }
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <ApiProvider client={api(me)}>
        <AuthProvider>
          <Probe />
        </AuthProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
  return seen;
}

const text = { recId: 'r1', title: 'T', text: 'unsent' };

describe('AuthProvider and what this device keeps', () => {
  beforeEach(() => localStorage.clear());

  it('sign-out clears the account’s kept copies', async () => {
    keepUnsentCopies('u1', 'm1', [text], 1);
    const seen = renderAuth(USER);
    await waitFor(() => expect(seen.auth?.user?.id).toBe('u1'));
    await act(() => seen.auth!.signOut());
    expect(seen.auth?.user).toBeNull();
    expect(loadUnsentCopies('u1', 'm1')).toEqual([]);
  });

  it('a session found ended on load clears what the last account kept', async () => {
    const first = renderAuth(USER);
    await waitFor(() => expect(first.auth?.user?.id).toBe('u1'));
    keepUnsentCopies('u1', 'm1', [text], 1);
    const later = renderAuth(null);
    await waitFor(() => expect(later.auth?.user).toBeNull());
    await waitFor(() => expect(loadUnsentCopies('u1', 'm1')).toEqual([]));
  });

  it('keeps them while the same account is signed in', async () => {
    keepUnsentCopies('u1', 'm1', [text], 1);
    const seen = renderAuth(USER);
    await waitFor(() => expect(seen.auth?.user?.id).toBe('u1'));
    const again = renderAuth(USER);
    await waitFor(() => expect(again.auth?.user?.id).toBe('u1'));
    expect(loadUnsentCopies('u1', 'm1')).toHaveLength(1);
  });

  it('signing out everywhere clears the account’s kept copies too', async () => {
    keepUnsentCopies('u1', 'm1', [text], 1);
    const seen = renderAuth(USER);
    await waitFor(() => expect(seen.auth?.user?.id).toBe('u1'));
    await act(() => seen.auth!.signOutEverywhere());
    expect(seen.auth?.user).toBeNull();
    expect(loadUnsentCopies('u1', 'm1')).toEqual([]);
  });
});
