import {
  ErrorCode,
  isApiErrorBody,
  type AuditLog,
  type AuditQuery,
  type Authorship,
  type Command,
  type Minutes,
  type OrgType,
  type Outcome,
  type OutcomeScope,
  type Role,
  type SessionInfo,
  type SpeakingStats,
  type VersionDetail,
  type VersionDiff,
  type VersionList,
  type CommandAccepted,
  type Meeting,
  type Member,
  type User,
} from '@kenes/shared';
import type {
  EmailInviteInput,
  InviteCreated,
  InviteInfo,
  InviteListItem,
  ProfilePatch,
  ResetLinkInfo,
  SignupInput,
} from './types.js';

/**
 * The one way the app talks HTTP to the Kenes server: same-origin JSON with
 * the session cookie. Every non-2xx answer becomes an {@link ApiError}
 * carrying the server's stable `{ error: { code, message } }`, so callers
 * branch on `code`, never on prose.
 */

/** An error answer of the API, or a network failure (`status` 0). */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** The server's stable error code (`ErrorCode`), or `network` / `bad_response`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the client itself produces when the server said nothing usable. */
export const ClientErrorCode = {
  network: 'network',
  badResponse: 'bad_response',
} as const;

/** The fetch the client uses; tests pass a fake. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What the last answer said about the server's clock, for the timer's offset. */
export interface ClockSample {
  serverNow: number;
  /** Local time half-way through the request (round-trip midpoint). */
  localNow: number;
}

/**
 * Maps a failed response to an {@link ApiError}. A body in the API's error
 * shape wins; otherwise the status picks a generic code.
 */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502): fall through.
  }
  if (isApiErrorBody(body)) return new ApiError(res.status, body.error.code, body.error.message);
  const code =
    res.status === 401
      ? ErrorCode.unauthorized
      : res.status === 403
        ? ErrorCode.forbidden
        : res.status === 404
          ? ErrorCode.notFound
          : res.status === 429
            ? ErrorCode.tooManyRequests
            : res.status >= 500
              ? ErrorCode.internal
              : ClientErrorCode.badResponse;
  return new ApiError(res.status, code, `HTTP ${res.status}`);
}

/**
 * Creates the API client. One per app (see `ApiProvider`); tests build their
 * own with a fake `fetch`.
 *
 * @example
 * const api = createApiClient();
 * try { await api.login(email, password) } catch (e) { if (e instanceof ApiError && e.code === 'invalid_credentials') … }
 */
export function createApiClient(fetchImpl: Fetch = (i, init) => fetch(i, init), base = '/api') {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ApiError(
        0,
        ClientErrorCode.network,
        err instanceof Error ? err.message : 'Network error',
      );
    }
    if (!res.ok) throw await errorFromResponse(res);
    if (res.status === 204) return undefined as T;
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(res.status, ClientErrorCode.badResponse, 'The answer was not JSON');
    }
  }

  const id = encodeURIComponent;
  return {
    request,
    signup: (input: SignupInput) =>
      request<{ user: User }>('POST', '/auth/signup', input).then((r) => r.user),
    login: (email: string, password: string) =>
      request<{ user: User }>('POST', '/auth/login', { email, password }).then((r) => r.user),
    logout: () => request<void>('POST', '/auth/logout'),
    /** Ends every session of the account, this one included. */
    logoutAll: () => request<void>('POST', '/auth/logout-all'),
    /** Changes the password (the current one is asked); the account's other sessions end. */
    changePassword: (currentPassword: string, newPassword: string) =>
      request<void>('POST', '/me/password', { currentPassword, newPassword }),
    /** The account's own sessions, the current one first. */
    sessions: () =>
      request<{ sessions: SessionInfo[] }>('GET', '/me/sessions').then((r) => r.sessions),
    /** Signs one of the account's sessions out, by the opaque id the list gave. */
    endSession: (sessionId: string) =>
      request<void>('DELETE', `/me/sessions/${encodeURIComponent(sessionId)}`),
    /** Asks for a reset link by mail; the same answer for every address. */
    forgotPassword: (email: string) =>
      request<{ ok: true }>('POST', '/auth/forgot-password', { email }),
    /** Whether a reset link still works; throws `reset_*` when it does not. */
    resetLinkInfo: (token: string) =>
      request<ResetLinkInfo>('GET', `/auth/reset-password/${id(token)}`),
    /** Sets a new password with a reset link; every other session ends, this one is signed in. */
    resetPassword: (token: string, password: string) =>
      request<{ user: User }>('POST', `/auth/reset-password/${id(token)}`, { password }).then(
        (r) => r.user,
      ),
    /** The signed-in account, or null when there is no session (401). */
    me: async (): Promise<User | null> => {
      try {
        return (await request<{ user: User }>('GET', '/me')).user;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    /** Changes fields of the signed-in account; answers the updated account. */
    updateMe: (patch: ProfilePatch) =>
      request<{ user: User }>('PATCH', '/me', patch).then((r) => r.user),
    meetings: () => request<{ meetings: Meeting[] }>('GET', '/meetings').then((r) => r.meetings),
    meeting: (meetingId: string) =>
      request<{ meeting: Meeting }>('GET', `/meetings/${id(meetingId)}`).then((r) => r.meeting),
    createMeeting: (title: string, startsAt?: number | null) =>
      request<{ meeting: Meeting }>('POST', '/meetings', {
        title,
        ...(startsAt != null ? { startsAt } : {}),
      }).then((r) => r.meeting),
    members: (meetingId: string) =>
      request<{ members: Member[] }>('GET', `/meetings/${id(meetingId)}/members`).then(
        (r) => r.members,
      ),
    setMemberRole: (meetingId: string, userId: string, role: Role) =>
      request<{ member: Member }>('PATCH', `/meetings/${id(meetingId)}/members/${id(userId)}`, {
        role,
      }).then((r) => r.member),
    /** Sets a member's organisation in this meeting (chair); audited by the server. */
    setMemberOrganisation: (
      meetingId: string,
      userId: string,
      organisation: string,
      orgType: OrgType,
    ) =>
      request<{ member: Member }>('PATCH', `/meetings/${id(meetingId)}/members/${id(userId)}`, {
        organisation,
        orgType,
      }).then((r) => r.member),
    removeMember: (meetingId: string, userId: string) =>
      request<void>('DELETE', `/meetings/${id(meetingId)}/members/${id(userId)}`),
    createInvite: (meetingId: string, role: Role, maxUses?: number, expiresInHours?: number) =>
      request<InviteCreated>('POST', `/meetings/${id(meetingId)}/invites`, {
        role,
        ...(maxUses !== undefined ? { maxUses } : {}),
        ...(expiresInHours !== undefined ? { expiresInHours } : {}),
      }),
    /** Creates an invite and has the server e-mail its link (chair); answers the listed invite. */
    emailInvite: (meetingId: string, input: EmailInviteInput) =>
      request<{ invite: InviteListItem }>(
        'POST',
        `/meetings/${id(meetingId)}/invites/email`,
        input,
      ).then((r) => r.invite),
    /** What an invite link is for, before signing in; throws `invite_*` when it no longer works. */
    inviteInfo: (token: string) =>
      request<{ invite: InviteInfo }>('GET', `/invites/${id(token)}`).then((r) => r.invite),
    /** The meeting's invites, newest first (chair). */
    invites: (meetingId: string) =>
      request<{ invites: InviteListItem[] }>('GET', `/meetings/${id(meetingId)}/invites`).then(
        (r) => r.invites,
      ),
    /** Revokes an invite (chair): its link admits nobody from now on. */
    revokeInvite: (meetingId: string, inviteId: string) =>
      request<{ invite: InviteListItem }>(
        'POST',
        `/meetings/${id(meetingId)}/invites/${id(inviteId)}/revoke`,
      ).then((r) => r.invite),
    acceptInvite: (token: string) =>
      request<{ meetingId: string; role: Role }>('POST', `/invites/${id(token)}/accept`),
    /** Sends one meeting command; the doc update arrives over the sync socket. */
    command: (meetingId: string, command: Command) =>
      request<CommandAccepted>('POST', `/meetings/${id(meetingId)}/commands`, command),
    /** The minutes, generated on request (a current speaker counts up to now). */
    minutes: (meetingId: string) => request<Minutes>('GET', `/meetings/${id(meetingId)}/minutes`),
    /** Speaking-time statistics (aggregates only). */
    stats: (meetingId: string) => request<SpeakingStats>('GET', `/meetings/${id(meetingId)}/stats`),
    /** The outcome document as JSON, labels in `lang`. */
    outcome: (meetingId: string, lang?: string, scope: OutcomeScope = 'all') => {
      const q = new URLSearchParams();
      if (lang) q.set('lang', lang);
      if (scope !== 'all') q.set('scope', scope);
      const qs = q.toString();
      return request<Outcome>('GET', `/meetings/${id(meetingId)}/outcome${qs ? `?${qs}` : ''}`);
    },
    /** Who wrote what, per recommendation. */
    authorship: (meetingId: string) =>
      request<Authorship>('GET', `/meetings/${id(meetingId)}/authorship`).then(
        (r) => r.recommendations,
      ),
    /** Saved versions, newest first. */
    versions: (meetingId: string) =>
      request<VersionList>('GET', `/meetings/${id(meetingId)}/versions`).then((r) => r.versions),
    /** One saved version with its readable content. */
    version: (meetingId: string, versionId: string) =>
      request<VersionDetail>('GET', `/meetings/${id(meetingId)}/versions/${id(versionId)}`),
    /** What changed in the recommendations from a version to now, or to the version `to`. */
    versionDiff: (meetingId: string, versionId: string, to?: string) =>
      request<VersionDiff>(
        'GET',
        `/meetings/${id(meetingId)}/versions/${id(versionId)}/diff${to ? `?to=${id(to)}` : ''}`,
      ),
    /** The command log, newest first (chair). */
    audit: (meetingId: string, query: AuditQuery = {}) => {
      const q = new URLSearchParams();
      if (query.action) q.set('action', query.action);
      if (query.userId) q.set('userId', query.userId);
      if (query.limit) q.set('limit', String(query.limit));
      const qs = q.toString();
      return request<AuditLog>('GET', `/meetings/${id(meetingId)}/audit${qs ? `?${qs}` : ''}`).then(
        (r) => r.entries,
      );
    },
    /** Samples the server clock (`GET /api/time`), corrected for half the round trip. */
    time: async (now: () => number = Date.now): Promise<ClockSample> => {
      const sent = now();
      const { now: serverNow } = await request<{ now: number }>('GET', '/time');
      const received = now();
      return { serverNow, localNow: (sent + received) / 2 };
    },
  };
}

/** Options of {@link exportUrl}. */
export interface ExportOptions {
  doc: 'outcome' | 'minutes';
  format: 'md' | 'docx';
  /** Headings' language (the UI language). */
  lang: string;
  /** IANA zone for printed clock times (the browser's). */
  timeZone?: string;
  /** Outcome only: every recommendation (default) or the agreed ones. */
  scope?: OutcomeScope;
  /** Outcome as Word only: pending suggestions as Word tracked changes. */
  tracked?: boolean;
}

/**
 * The download address of an export (`GET /api/meetings/:id/export`): a
 * plain link, so the browser handles the attachment and its file name.
 * @example exportUrl('m1', { doc: 'minutes', format: 'docx', lang: 'ru', timeZone: 'Asia/Almaty' })
 */
export function exportUrl(meetingId: string, opts: ExportOptions, base = '/api'): string {
  const q = new URLSearchParams({ doc: opts.doc, format: opts.format, lang: opts.lang });
  if (opts.timeZone) q.set('tz', opts.timeZone);
  if (opts.scope && opts.scope !== 'all') q.set('scope', opts.scope);
  if (opts.tracked) q.set('tracked', '1');
  return `${base}/meetings/${encodeURIComponent(meetingId)}/export?${q.toString()}`;
}

/** The API client's type. */
export type ApiClient = ReturnType<typeof createApiClient>;
