import type { OrgType, Role } from '@kenes/shared';
import { SESSION_COOKIE } from '../auth/sessions.js';

/** A valid password for live-server tests. */
export const LIVE_PASSWORD = 'correct horse battery staple';

/** A JSON answer of a live server. */
export interface LiveResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/**
 * One signed-in person talking to a running Kenes server over real HTTP:
 * keeps its session cookie and sends the server's own Origin, as a browser
 * on that origin would.
 */
export class LiveUser {
  cookie: string | null = null;
  userId = '';

  constructor(
    readonly baseUrl: string,
    readonly email: string,
    readonly name: string,
    readonly organisation: string,
    readonly orgType: OrgType = 'ngo',
  ) {}

  /** Headers a browser on the server's origin would send on a socket upgrade. */
  get socketHeaders(): Record<string, string> {
    return {
      origin: new URL(this.baseUrl).origin,
      ...(this.cookie ? { cookie: this.cookie } : {}),
    };
  }

  /** Calls the API; throws on a network error, never on a 4xx (tests assert those). */
  async call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<LiveResponse<T>> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        origin: new URL(this.baseUrl).origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie().find((h) => h.startsWith(`${SESSION_COOKIE}=`));
    if (set) {
      const pair = set.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  /** Signs up; throws unless the server answers 201. */
  async signUp(): Promise<this> {
    const res = await this.call<{ user: { id: string } }>('POST', '/api/auth/signup', {
      email: this.email,
      password: LIVE_PASSWORD,
      name: this.name,
      organisation: this.organisation,
      orgType: this.orgType,
    });
    if (res.status !== 201)
      throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.userId = res.body.user.id;
    return this;
  }

  /** Sends one meeting command; resolves with the answer whatever its status. */
  command(meetingId: string, command: Record<string, unknown>): Promise<LiveResponse> {
    return this.call('POST', `/api/meetings/${meetingId}/commands`, command);
  }

  /** Sends one meeting command and throws unless it is accepted. */
  async mustCommand(
    meetingId: string,
    command: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const res = await this.command(meetingId, command);
    if (res.status !== 200)
      throw new Error(`${String(command.type)} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

let counter = 0;

/** Signs up a fresh user with a unique e-mail. */
export function signUpUser(
  baseUrl: string,
  name: string,
  organisation = `${name} Org`,
  orgType: OrgType = 'ngo',
): Promise<LiveUser> {
  counter += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${process.pid}-${counter}-${Date.now()}@example.org`;
  return new LiveUser(baseUrl, email, name, organisation, orgType).signUp();
}

/** A meeting with one agenda item and one recommendation, created by `chair`. */
export interface LiveMeeting {
  meetingId: string;
  itemId: string;
  recId: string;
}

/** Creates a meeting as `chair`, adds an agenda item and a recommendation (whose text fragment clients may edit). */
export async function createMeetingWithText(
  chair: LiveUser,
  title = 'Human-rights dialogue',
): Promise<LiveMeeting> {
  const created = await chair.call<{ meeting: { id: string } }>('POST', '/api/meetings', { title });
  if (created.status !== 201)
    throw new Error(`create meeting failed: ${created.status} ${JSON.stringify(created.body)}`);
  const meetingId = created.body.meeting.id;
  const item = await chair.mustCommand(meetingId, {
    type: 'agenda.add',
    title: 'Ensuring gender equality',
  });
  const itemId = (item.result as { itemId: string } | undefined)?.itemId ?? (item.itemId as string);
  const rec = await chair.mustCommand(meetingId, {
    type: 'rec.create',
    agendaItemId: itemId,
    title: 'Recommendation 1',
  });
  const recId = (rec.result as { recId: string } | undefined)?.recId ?? (rec.recId as string);
  return { meetingId, itemId, recId };
}

/** Invites `user` into the meeting with `role` (through an invite link) as `chair`. */
export async function addMember(
  chair: LiveUser,
  meetingId: string,
  user: LiveUser,
  role: Role,
): Promise<void> {
  const invite = await chair.call<{ token: string }>('POST', `/api/meetings/${meetingId}/invites`, {
    role,
  });
  if (invite.status !== 201)
    throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const accepted = await user.call('POST', `/api/invites/${invite.body.token}/accept`);
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
}
