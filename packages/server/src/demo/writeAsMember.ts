import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { recommendationText } from '@kenes/shared';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { encodeUpdate } from '../sync/protocol.js';
import type { RoomAccess } from '../sync/interfaces.js';

/**
 * Types a recommendation's text as one member would: signs in over HTTP,
 * opens the sync socket with that session and sends the update a browser's
 * editor sends. So the text takes the client path — the guard, the client id
 * bound to the member, the store — and the minutes and the authorship view
 * credit it to the member's organisation, as they credit anything typed in
 * the room. The seed's only use of the network: a loopback server of its own.
 */

/** Where the server listens and who the member is. */
export interface MemberWrite {
  /** `http://127.0.0.1:<port>` of a running server. */
  baseUrl: string;
  /** The server's PUBLIC_ORIGIN: the API and the socket refuse other origins. */
  origin: string;
  /** The room access of that same server, to read the doc before and after. */
  rooms: RoomAccess;
  meetingId: string;
  email: string;
  password: string;
  recId: string;
  /** Paragraphs appended to the text, in order. */
  paragraphs: readonly string[];
  /** How long to wait for the room to hold the text. Default 10 s. */
  timeoutMs?: number;
}

/** Signs in and returns the session cookie (`name=value`). */
async function signIn(baseUrl: string, origin: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`demo sign-in of ${email} failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`demo sign-in of ${email} set no session cookie`);
  return cookie;
}

/** The update that appends `paragraphs` to the text, made on a replica with its own client id. */
function paragraphsUpdate(state: Uint8Array, recId: string, paragraphs: readonly string[]) {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, state);
  const before = Y.encodeStateVector(replica);
  const fragment = recommendationText(replica, recId);
  if (!fragment) throw new Error(`recommendation ${recId} has no text`);
  replica.transact(() => {
    for (const p of paragraphs) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(p)]);
      fragment.insert(fragment.length, [paragraph]);
    }
  });
  return Y.encodeStateAsUpdate(replica, before);
}

/** The text's paragraphs as plain strings. */
function textOf(doc: Y.Doc, recId: string): string[] {
  const fragment = recommendationText(doc, recId);
  return fragment
    ? fragment.toArray().map((n) => (n instanceof Y.XmlElement ? n.toString() : ''))
    : [];
}

/**
 * Appends `paragraphs` to a recommendation's text as the member. Resolves
 * once the room holds them (committed); rejects when the server closed the
 * socket (a refusal) or the time ran out.
 */
export async function writeAsMember(w: MemberWrite): Promise<void> {
  const cookie = await signIn(w.baseUrl, w.origin, w.email, w.password);
  const state = await w.rooms.read(w.meetingId, (doc) => Y.encodeStateAsUpdate(doc));
  const update = paragraphsUpdate(state, w.recId, w.paragraphs);
  const expected = new Y.Doc();
  Y.applyUpdate(expected, state);
  Y.applyUpdate(expected, update);
  const want = JSON.stringify(textOf(expected, w.recId));

  const ws = new WebSocket(`${w.baseUrl.replace(/^http/, 'ws')}/sync/${w.meetingId}`, {
    headers: { cookie, origin: w.origin },
  });
  let closed: string | null = null;
  ws.on('close', (code, reason) => (closed = `${code} ${reason.toString()}`));
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(encodeUpdate(update));
    const deadline = Date.now() + (w.timeoutMs ?? 10_000);
    for (;;) {
      const now = await w.rooms.read(w.meetingId, (doc) => JSON.stringify(textOf(doc, w.recId)));
      if (now === want) return;
      if (closed !== null) throw new Error(`the server closed the demo socket: ${closed}`);
      if (Date.now() > deadline) throw new Error('the demo text did not reach the room in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    ws.close();
    // Sign out: the seed leaves no live sessions behind.
    await fetch(`${w.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: w.origin },
    }).catch(() => undefined);
  }
}
