import { useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { CloseCode, SYNC_PATH, WriteRefusal, readWriteRefusal } from '@kenes/shared';
import {
  INITIAL_CONNECTION,
  isTerminalClose,
  reduceConnection,
  type CloseInfo,
  type ConnectionEvent,
  type ConnectionStatus,
} from './connectionStatus.js';
import { probeMeetingAccess, type RefusalProbe } from './refusalProbe.js';
import { carryOverUpdate, type Clash } from './carryOver.js';
import { clearLocalData, deleteDatabase, localCopyName } from './localCopies.js';
import { keepUnsentCopies } from './unsentCopies.js';
import { unsentTexts } from './unsentTexts.js';
import { markOnce, PerfMark } from '../ui/perfMarks.js';

/**
 * The part of `WebsocketProvider` the hook relies on, so tests can pass a
 * fake provider and drive its events by hand.
 */
export interface SyncProvider {
  on(
    event: 'status',
    fn: (e: { status: 'connecting' | 'connected' | 'disconnected' }) => void,
  ): void;
  on(event: 'sync', fn: (synced: boolean) => void): void;
  on(event: 'connection-close', fn: (e: CloseEvent | null) => void): void;
  shouldConnect: boolean;
  /** Opens the socket again after {@link disconnect}; fakes may leave it out. */
  connect?(): void;
  /** Closes the socket and stops reconnecting until {@link connect}. */
  disconnect?(): void;
  /** Presence and carets; fakes may leave it out. */
  awareness?: Awareness;
  destroy(): void;
}

/** Builds the provider for one meeting's doc. */
export type ProviderFactory = (serverUrl: string, meetingId: string, doc: Y.Doc) => SyncProvider;

/** The sync endpoint on this page's origin (`ws:` or `wss:`). */
export function syncUrl(origin: string = window.location.origin): string {
  return origin.replace(/^http/, 'ws') + SYNC_PATH;
}

/**
 * The stock y-websocket provider, told not to reconnect after a terminal
 * close (4401/4403): y-websocket's own default stops on every 44xx code,
 * which would also give up on retryable ones such as 4429.
 */
export const websocketProvider: ProviderFactory = (serverUrl, meetingId, doc) =>
  new WebsocketProvider(serverUrl, meetingId, doc, {
    shouldReconnect: (event) => !isTerminalClose(event.code),
  });

/** Keeps a meeting's doc on this device; resolves once the stored copy is in the doc. */
export type PersistenceFactory = (
  name: string,
  doc: Y.Doc,
) => { whenSynced: Promise<unknown>; destroy(): unknown };

/**
 * y-indexeddb, loaded lazily so that tests and browsers without IndexedDB
 * simply go without a local copy.
 */
export const indexeddbPersistence: PersistenceFactory | null =
  typeof indexedDB === 'undefined'
    ? null
    : (name, doc) => {
        let inner: { destroy(): unknown } | null = null;
        let destroyed = false;
        const whenSynced = import('y-indexeddb').then(({ IndexeddbPersistence }) => {
          if (destroyed) return;
          const p = new IndexeddbPersistence(name, doc);
          inner = p;
          return p.whenSynced;
        });
        return {
          whenSynced,
          destroy() {
            destroyed = true;
            return inner?.destroy();
          },
        };
      };

/** Longest wait for the local copy before connecting anyway (a stuck IndexedDB must not block the room). */
const LOCAL_LOAD_TIMEOUT_MS = 1500;

/** More refused writes than this within {@link RECOVERY_WINDOW_MS} and the room stops trying. */
const MAX_RECOVERIES = 3;
const RECOVERY_WINDOW_MS = 60_000;

/** Origin of the carried-over edits applied to a fresh doc (the provider sends them). */
const CARRY_ORIGIN = { source: 'carry-over' } as const;

/** A refused write the room recovered from, for a calm notice. */
export interface WriteRefusalNotice {
  kind: WriteRefusal;
  /** The server's reason after the kind (e.g. "meeting is closed"). */
  detail: string;
  /** `Date.now()` when it was refused. */
  at: number;
  /** How many texts were kept as copies (refused writes only). */
  kept: number;
}

/** What {@link useMeetingDoc} returns. */
export interface MeetingDoc {
  /**
   * The meeting's live document; empty until the first sync. After a
   * refused write it is replaced by a fresh one synced from the server.
   */
  doc: Y.Doc;
  status: ConnectionStatus;
  /** How the last connection ended, until a new one opens. */
  closeInfo: CloseInfo | null;
  /** The provider's awareness (presence, carets), once the provider exists. */
  awareness: Awareness | null;
  /** True once the local copy (IndexedDB) has been loaded, or there is none. */
  localLoaded: boolean;
  /** The last write the server refused and the room recovered from, if any. */
  writeRefusal: WriteRefusalNotice | null;
  /** Hides {@link writeRefusal}. */
  dismissWriteRefusal(): void;
}

/** Options of {@link useMeetingDoc}; the defaults are right for the app. */
export interface MeetingDocOptions {
  createProvider?: ProviderFactory;
  serverUrl?: string;
  /** Asked after a socket closed before opening; `null` disables it. */
  probeRefusal?: RefusalProbe | null;
  /** Local copy of the doc (offline); `null` disables it. Default: IndexedDB when present. */
  persistence?: PersistenceFactory | null;
  /**
   * The signed-in account. The local copy belongs to it (its name carries
   * the id), copies of refused text are kept for it, and its local data is
   * cleared when the session ends. Without it there is no local copy.
   */
  userId?: string | null;
  /** Deletes a local copy by name (before a fresh doc replaces a refused one). */
  deleteLocalCopy?: (name: string) => Promise<void>;
  /** Clears an account's local data when its session ended (4401). */
  clearAccountData?: (userId: string) => Promise<void>;
}

/** A doc replacing one whose write was refused, and what to do once it synced. */
interface Carry {
  previous: Y.Doc;
  kind: WriteRefusal;
  detail: string;
  /** For a client-id clash: the taken id and where our items under it end. */
  clash: Omit<Clash, 'newClientId'> | null;
}

/** One document's life: the meeting it belongs to and what it replaced. */
interface Session {
  meetingId: string;
  doc: Y.Doc;
  carry: Carry | null;
}

/**
 * Runs `fn` (the provider's disconnect or destroy) with the doc's client id
 * set back to the one its awareness was made for. After Yjs re-keyed the
 * doc (someone else wrote under its id), y-websocket still announces the end
 * of `doc.clientID`'s awareness state, which then does not exist: it throws
 * half-way, leaving the socket open and, in an effect's cleanup, taking the
 * whole room down.
 */
function asAwarenessClient(provider: SyncProvider, doc: Y.Doc, fn: () => void): void {
  const current = doc.clientID;
  const announced = provider.awareness?.clientID ?? current;
  doc.clientID = announced;
  try {
    fn();
  } finally {
    doc.clientID = current;
  }
}

/** The reason after the kind: "write-refused: meeting is closed" → "meeting is closed". */
function refusalDetail(reason: string): string {
  const i = reason.indexOf(':');
  return i < 0 ? '' : reason.slice(i + 1).trim();
}

/** The client id a clash refusal names ("client id 123 belongs to another user"). */
function clashedClientId(reason: string): number | null {
  const m = /client id (\d+)/.exec(reason);
  return m ? Number(m[1]) : null;
}

/** A random client id other than those given (Yjs draws its own the same way). */
function freshClientId(...taken: number[]): number {
  const buf = new Uint32Array(1);
  do crypto.getRandomValues(buf);
  while (taken.includes(buf[0]!));
  return buf[0]!;
}

/**
 * Opens a meeting's Y.Doc over the sync socket and tracks the connection.
 * The provider lives as long as the component (or until `meetingId` changes).
 *
 * A write the server refuses is never replayed. When the guard refuses an
 * update (4403 with a refusal kind: the meeting closed, the role may not
 * write), the doc holding it is dropped with its local copy; a fresh doc
 * syncs from the server, the texts the refused edits touched are kept as
 * copies for their author ({@link keepUnsentCopies}), and the room stays
 * connected. When the update's client id belongs to another user, the
 * fresh doc instead takes our unsent edits under a new client id and sends
 * them. Until the fresh doc has synced the old one stays on screen, so the
 * room does not flash empty. Only a 4401 or a 4403 without a kind (lost
 * membership) ends the room.
 *
 * @example
 * const { doc, status, closeInfo, writeRefusal } = useMeetingDoc(meetingId, { userId: user.id });
 */
export function useMeetingDoc(meetingId: string, options: MeetingDocOptions = {}): MeetingDoc {
  const {
    createProvider = websocketProvider,
    serverUrl,
    probeRefusal = probeMeetingAccess,
    persistence = indexeddbPersistence,
    userId = null,
    deleteLocalCopy = deleteDatabase,
    clearAccountData = clearLocalData,
  } = options;
  const [stored, setSession] = useState<Session>(() => ({
    meetingId,
    doc: new Y.Doc(),
    carry: null,
  }));
  // One doc per meeting: a new id must never merge into the old meeting's doc.
  let session = stored;
  if (stored.meetingId !== meetingId) {
    session = { meetingId, doc: new Y.Doc(), carry: null };
    setSession(session);
  }
  const { doc } = session;
  const [connection, setConnection] = useState(INITIAL_CONNECTION);
  const [awareness, setAwareness] = useState<Awareness | null>(null);
  const [loadedFor, setLoadedFor] = useState<Y.Doc | null>(null);
  const [carriedFor, setCarriedFor] = useState<Y.Doc | null>(null);
  const [writeRefusal, setWriteRefusal] = useState<WriteRefusalNotice | null>(null);
  const recoveries = useRef<number[]>([]);
  const localName = persistence !== null && userId ? localCopyName(userId, meetingId) : null;
  const localLoaded = localName === null || loadedFor === doc;

  useEffect(() => {
    if (persistence === null || localName === null) return;
    let live = true;
    let local: ReturnType<PersistenceFactory> | null = null;
    // The refused edits are in the old doc's local copy: it goes before the
    // fresh doc gets one, or they would be loaded and sent again.
    const before = session.carry ? deleteLocalCopy(localName) : Promise.resolve();
    void before.then(() => {
      if (!live) return;
      local = persistence(localName, doc);
      void local.whenSynced.then(
        () => {
          markOnce(PerfMark.localCopy);
          if (live) setLoadedFor(doc);
        },
        () => live && setLoadedFor(doc),
      );
    });
    return () => {
      live = false;
      void local?.destroy();
    };
  }, [persistence, localName, doc, session.carry, deleteLocalCopy]);

  // The provider starts only once the local copy is in the doc: y-websocket
  // broadcasts every update not its own, and the stored copy must reach the
  // server as a sync step (only what it lacks), never as a fresh update.
  const [timedOutFor, setTimedOutFor] = useState<Y.Doc | null>(null);
  useEffect(() => {
    if (localLoaded) return;
    const timer = setTimeout(() => setTimedOutFor(doc), LOCAL_LOAD_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [localLoaded, doc]);
  const ready = localLoaded || timedOutFor === doc;

  useEffect(() => {
    if (!ready) return;
    markOnce(PerfMark.socket);
    const provider = createProvider(serverUrl ?? syncUrl(), meetingId, doc);
    // The provider is the external system this effect creates; its awareness
    // exists only from here on, so it is handed to React here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAwareness(provider.awareness ?? null);
    let live = true;
    let opened = false;
    let refused = false;
    let recovering = false;
    let carried = session.carry === null;
    const dispatch = (event: ConnectionEvent) => {
      if (live) setConnection((state) => reduceConnection(state, event));
    };

    /** Replaces the doc by a fresh one from the server (see the hook's comment). */
    const recover = (kind: WriteRefusal, detail: string, clash: Carry['clash']) => {
      if (recovering || !live) return;
      recovering = true;
      provider.shouldConnect = false;
      const now = Date.now();
      recoveries.current = [...recoveries.current.filter((t) => now - t < RECOVERY_WINDOW_MS), now];
      if (recoveries.current.length > MAX_RECOVERIES) {
        // A server that refuses every fresh start: stop, as before refusal kinds.
        refused = true;
        dispatch({ type: 'close', code: CloseCode.forbidden, reason: '' });
        return;
      }
      // Until the fresh doc synced, the old one is still what is on screen.
      const previous = carried ? doc : session.carry!.previous;
      setSession((s) =>
        s.doc === doc
          ? { meetingId, doc: new Y.Doc(), carry: { previous, kind, detail, clash } }
          : s,
      );
    };

    const close = (code: number, reason: string) => {
      const kind = readWriteRefusal(code, reason);
      if (kind !== null) {
        const clientId = kind === WriteRefusal.clientIdTaken ? clashedClientId(reason) : null;
        recover(
          // A clash whose client id cannot be read is recovered as a plain refusal; other kinds keep theirs.
          kind === WriteRefusal.clientIdTaken && clientId === null ? WriteRefusal.refused : kind,
          refusalDetail(reason),
          clientId === null ? null : { clientId },
        );
      } else if (isTerminalClose(code)) {
        // Belt and braces with `shouldReconnect`: whatever provider is in use,
        // a refused session must not turn into a reconnect storm.
        refused = true;
        provider.shouldConnect = false;
        if (code === CloseCode.unauthorized && userId) void clearAccountData(userId);
      }
      dispatch({ type: 'close', code, reason });
    };

    const finishCarry = () => {
      const carry = session.carry;
      if (carried || carry === null) return;
      carried = true;
      if (carry.kind === WriteRefusal.clientIdTaken && carry.clash) {
        const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
        const update = carryOverUpdate(carry.previous, sv, {
          ...carry.clash,
          newClientId: freshClientId(doc.clientID, carry.clash.clientId),
        });
        // Sent by the provider like any local edit, under the new id.
        if (update) Y.applyUpdate(doc, update, CARRY_ORIGIN);
        setWriteRefusal(null);
      } else {
        const texts = unsentTexts(carry.previous, doc);
        if (userId) keepUnsentCopies(userId, meetingId, texts);
        setWriteRefusal({
          kind: carry.kind,
          detail: carry.detail,
          at: Date.now(),
          kept: texts.length,
        });
      }
      setCarriedFor(doc);
    };

    // Yjs itself re-keys a doc that receives someone else's structs under
    // its own client id; edits we made under that id before it are then not
    // on the server (it would have refused the other user): carry them.
    let knownClientId = doc.clientID;
    const onCleanup = (tr: Y.Transaction) => {
      if (doc.clientID === knownClientId) return;
      const old = knownClientId;
      knownClientId = doc.clientID;
      // Even with nothing of ours under it, start afresh: the provider's
      // awareness still speaks for the old id.
      if (!tr.local) {
        const ownEnd = tr.beforeState.get(old) ?? 0;
        recover(WriteRefusal.clientIdTaken, `client id ${old} taken`, { clientId: old, ownEnd });
      }
    };
    doc.on('afterTransactionCleanup', onCleanup);

    provider.on('status', ({ status }) => {
      if (status === 'connecting') opened = false;
      if (status === 'connected') opened = true;
      dispatch({ type: 'status', status });
    });
    provider.on('sync', (synced) => {
      if (synced) markOnce(PerfMark.synced);
      dispatch({ type: 'sync', synced });
      if (synced && live) finishCarry();
    });
    provider.on('connection-close', (event) => {
      // `null` is a close the provider made itself (watchdog): no server word.
      if (event === null) return;
      close(event.code, event.reason);
      // Refused before the handshake: the browser hides the HTTP status.
      if (!opened && probeRefusal && !recovering) {
        void probeRefusal(meetingId).then((refusal) => {
          if (live && refusal) close(refusal.code, refusal.reason);
        });
      }
    });
    // When the device says it lost the network, a socket can linger half
    // open until the provider's 30 s watchdog notices: close it now, so the
    // offline banner shows at once and edits queue locally, and reconnect as
    // soon as the network is back (never after a refusal).
    const goOffline = () => asAwarenessClient(provider, doc, () => provider.disconnect?.());
    const goOnline = () => {
      if (!refused && !recovering) provider.connect?.();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    return () => {
      live = false;
      doc.off('afterTransactionCleanup', onCleanup);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      asAwarenessClient(provider, doc, () => provider.destroy());
      if (!recovering) setConnection(INITIAL_CONNECTION);
      setAwareness(null);
    };
  }, [
    ready,
    createProvider,
    serverUrl,
    probeRefusal,
    meetingId,
    doc,
    session.carry,
    userId,
    clearAccountData,
  ]);

  const showFresh = session.carry === null || carriedFor === doc;
  return {
    doc: showFresh ? doc : session.carry!.previous,
    status: connection.status,
    closeInfo: connection.closeInfo,
    awareness: showFresh ? awareness : null,
    localLoaded,
    writeRefusal,
    dismissWriteRefusal: () => setWriteRefusal(null),
  };
}
