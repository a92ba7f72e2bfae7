import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { DISPLAY_PROTOCOL, meetingRoots } from '@kenes/shared';

/** A stock y-websocket client of a test server. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, in order. */
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

/**
 * A stock provider opened with a hall display link's `token`, as the kiosk
 * page opens it (from `origin`, announcing no awareness state).
 */
export function connectDisplay(
  syncUrl: string,
  meetingId: string,
  token: string,
  origin: string,
): TestClient {
  const c = connectClient(syncUrl, meetingId, {
    headers: { origin },
    protocols: [DISPLAY_PROTOCOL, token],
  });
  c.provider.awareness.setLocalState(null);
  return c;
}

/**
 * Opens a stock `WebsocketProvider` (BroadcastChannel off: in one Node
 * process it would sync the test clients behind the server's back).
 */
export function connectClient(
  syncUrl: string,
  meetingId: string,
  opts: {
    user?: string;
    doc?: Y.Doc;
    headers?: Record<string, string>;
    /** Subprotocols offered on the upgrade (a display link's token rides there). */
    protocols?: string[];
  } = {},
): TestClient {
  const doc = opts.doc ?? new Y.Doc();
  const headers = opts.headers;
  // A browser sends its cookie and Origin with the upgrade; the provider has
  // no option for headers, so a ws subclass adds them.
  const Socket = headers
    ? class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers });
        }
      }
    : WebSocket;
  const provider = new WebsocketProvider(syncUrl, meetingId, doc, {
    // The ws package's WebSocket is what the provider expects in Node; the types differ only in DOM details.
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.user ? { user: opts.user } : {},
    ...(opts.protocols ? { protocols: opts.protocols } : {}),
    maxBackoffTime: 200,
  });
  const closes: Array<{ code: number; reason: string }> = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `cond` until it holds or `timeoutMs` passed. */
export async function waitFor(
  cond: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves once the provider is synced with the server. */
export function waitSynced(c: TestClient, timeoutMs = 5000): Promise<void> {
  return waitFor(() => c.provider.synced, timeoutMs, 'sync');
}

/** Appends a paragraph with `text` to the fragment `key` of `texts`, creating it when missing. */
export function appendParagraph(doc: Y.Doc, key: string, text: string): void {
  doc.transact(() => {
    const texts = meetingRoots(doc).texts;
    let frag = texts.get(key);
    if (!frag) {
      frag = new Y.XmlFragment();
      texts.set(key, frag);
    }
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    frag.insert(frag.length, [p]);
  });
}

/** The plain text of fragment `key` (paragraphs joined by newlines), or undefined. */
export function fragmentText(doc: Y.Doc, key: string): string | undefined {
  const frag = meetingRoots(doc).texts.get(key);
  if (!frag) return undefined;
  return frag
    .toArray()
    .map((n) =>
      n instanceof Y.XmlElement
        ? n
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? t.toString() : ''))
            .join('')
        : '',
    )
    .join('\n');
}

/** JSON of every root, for whole-document comparisons. */
export function docJson(doc: Y.Doc): unknown {
  const r = meetingRoots(doc);
  return {
    meeting: r.meeting.toJSON(),
    agenda: r.agenda.toJSON(),
    queue: r.queue.toJSON(),
    recommendations: r.recommendations.toJSON(),
    texts: Object.fromEntries([...r.texts.entries()].map(([k, f]) => [k, f.toString()])),
  };
}
