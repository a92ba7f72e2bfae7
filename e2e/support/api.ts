import type { BrowserContext } from 'playwright-core';
import type { Command, OrgType, Role } from '@kenes/shared';

/**
 * Setting a scene through the HTTP API instead of the UI, for tests whose
 * subject is something else (queue order, offline edits, load time): fast,
 * and each test file stays independent of the others. Requests go through
 * the browser context's own request client, so the session cookie a sign-up
 * sets lands in the context's cookie jar and its pages are signed in.
 */

/** The password of every account these helpers create. */
export const E2E_PASSWORD = 'correct horse battery staple';

/** An account to create. */
export interface Account {
  name: string;
  organisation: string;
  email: string;
  orgType?: OrgType;
}

/**
 * Calls the API as the context's user. State-changing requests carry the
 * `Origin` the server's CSRF check expects (a browser would send it).
 * Throws with the server's answer on a non-2xx status.
 */
export async function apiCall<T>(
  context: BrowserContext,
  origin: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await context.request.fetch(origin + '/api' + path, {
    method,
    headers: { origin, 'content-type': 'application/json' },
    ...(body !== undefined ? { data: body } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** Signs up (and so in) the context's user. */
export async function signUpViaApi(
  context: BrowserContext,
  origin: string,
  a: Account,
): Promise<{ id: string }> {
  const { user } = await apiCall<{ user: { id: string } }>(
    context,
    origin,
    'POST',
    '/auth/signup',
    {
      email: a.email,
      password: E2E_PASSWORD,
      name: a.name,
      organisation: a.organisation,
      orgType: a.orgType ?? 'government',
      language: 'en',
    },
  );
  return user;
}

/** Creates a meeting as the context's user (its chair); answers its id. */
export async function createMeetingViaApi(
  context: BrowserContext,
  origin: string,
  title: string,
): Promise<string> {
  const { meeting } = await apiCall<{ meeting: { id: string } }>(
    context,
    origin,
    'POST',
    '/meetings',
    { title },
  );
  return meeting.id;
}

/** Creates an invitation (as chair) and accepts it as `invitee`. */
export async function inviteViaApi(
  chair: BrowserContext,
  invitee: BrowserContext,
  origin: string,
  meetingId: string,
  role: Role,
): Promise<string> {
  const { token } = await apiCall<{ token: string }>(
    chair,
    origin,
    'POST',
    `/meetings/${meetingId}/invites`,
    { role },
  );
  await apiCall(invitee, origin, 'POST', `/invites/${token}/accept`);
  return token;
}

/** Sends one meeting command as the context's user; answers the ids it created. */
export function commandViaApi(
  context: BrowserContext,
  origin: string,
  meetingId: string,
  command: Command,
): Promise<{ ok: true; itemId?: string; recId?: string; entryId?: string; threadId?: string }> {
  return apiCall(context, origin, 'POST', `/meetings/${meetingId}/commands`, command);
}

/** Invites each context (as `chair`) with its role, roles in the order given, and has each accept. */
export async function inviteAll(
  chair: BrowserContext,
  origin: string,
  meetingId: string,
  byRole: Partial<Record<Role, BrowserContext[]>>,
): Promise<void> {
  for (const [role, invitees] of Object.entries(byRole) as Array<[Role, BrowserContext[]]>)
    for (const invitee of invitees) await inviteViaApi(chair, invitee, origin, meetingId, role);
}
