import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { SYNC_PATH } from '@kenes/shared';
import {
  INITIAL_CONNECTION,
  isTerminalClose,
  reduceConnection,
  type CloseInfo,
  type ConnectionEvent,
  type ConnectionStatus,
} from './connectionStatus.js';
import { probeMeetingAccess, type RefusalProbe } from './refusalProbe.js';

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

/** What {@link useMeetingDoc} returns. */
export interface MeetingDoc {
  /** The meeting's live document; empty until the first sync. */
  doc: Y.Doc;
  status: ConnectionStatus;
  /** How the last connection ended, until a new one opens. */
  closeInfo: CloseInfo | null;
  /** The provider's awareness (presence, carets), once the provider exists. */
  awareness: Awareness | null;
  /** True once the local copy (IndexedDB) has been loaded, or there is none. */
  localLoaded: boolean;
}

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

/** Options of {@link useMeetingDoc}; the defaults are right for the app. */
export interface MeetingDocOptions {
  createProvider?: ProviderFactory;
  serverUrl?: string;
  /** Asked after a socket closed before opening; `null` disables it. */
  probeRefusal?: RefusalProbe | null;
  /** Local copy of the doc (offline); `null` disables it. Default: IndexedDB when present. */
  persistence?: PersistenceFactory | null;
}

/**
 * Opens a meeting's Y.Doc over the sync socket and tracks the connection.
 * The provider lives as long as the component (or until `meetingId` changes).
 *
 * @example
 * const { doc, status, closeInfo } = useMeetingDoc(meetingId);
 */
export function useMeetingDoc(meetingId: string, options: MeetingDocOptions = {}): MeetingDoc {
  const {
    createProvider = websocketProvider,
    serverUrl,
    probeRefusal = probeMeetingAccess,
    persistence = indexeddbPersistence,
  } = options;
  // One doc per meeting: a new id must never merge into the old meeting's doc.
  const doc = useMemo(() => {
    void meetingId;
    return new Y.Doc();
  }, [meetingId]);
  const [connection, setConnection] = useState(INITIAL_CONNECTION);
  const [awareness, setAwareness] = useState<Awareness | null>(null);
  const [localLoaded, setLocalLoaded] = useState(persistence === null);

  useEffect(() => {
    if (persistence === null) return;
    const local = persistence(`kenes:${meetingId}`, doc);
    let live = true;
    void local.whenSynced.then(
      () => live && setLocalLoaded(true),
      () => live && setLocalLoaded(true),
    );
    return () => {
      live = false;
      void local.destroy();
    };
  }, [persistence, meetingId, doc]);

  // The provider starts only once the local copy is in the doc: y-websocket
  // broadcasts every update not its own, and the stored copy must reach the
  // server as a sync step (only what it lacks), never as a fresh update.
  const [localTimedOut, setLocalTimedOut] = useState(false);
  useEffect(() => {
    if (localLoaded) return;
    const timer = setTimeout(() => setLocalTimedOut(true), LOCAL_LOAD_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [localLoaded]);
  const ready = localLoaded || localTimedOut;

  useEffect(() => {
    if (!ready) return;
    const provider = createProvider(serverUrl ?? syncUrl(), meetingId, doc);
    // The provider is the external system this effect creates; its awareness
    // exists only from here on, so it is handed to React here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAwareness(provider.awareness ?? null);
    let live = true;
    let opened = false;
    let refused = false;
    const dispatch = (event: ConnectionEvent) => {
      if (live) setConnection((state) => reduceConnection(state, event));
    };
    const close = (code: number, reason: string) => {
      // Belt and braces with `shouldReconnect`: whatever provider is in use,
      // a refused session must not turn into a reconnect storm.
      if (isTerminalClose(code)) {
        refused = true;
        provider.shouldConnect = false;
      }
      dispatch({ type: 'close', code, reason });
    };
    provider.on('status', ({ status }) => {
      if (status === 'connecting') opened = false;
      if (status === 'connected') opened = true;
      dispatch({ type: 'status', status });
    });
    provider.on('sync', (synced) => dispatch({ type: 'sync', synced }));
    provider.on('connection-close', (event) => {
      // `null` is a close the provider made itself (watchdog): no server word.
      if (event === null) return;
      close(event.code, event.reason);
      // Refused before the handshake: the browser hides the HTTP status.
      if (!opened && probeRefusal) {
        void probeRefusal(meetingId).then((refusal) => {
          if (live && refusal) close(refusal.code, refusal.reason);
        });
      }
    });
    // When the device says it lost the network, a socket can linger half
    // open until the provider's 30 s watchdog notices: close it now, so the
    // offline banner shows at once and edits queue locally, and reconnect as
    // soon as the network is back (never after a refusal).
    const goOffline = () => provider.disconnect?.();
    const goOnline = () => {
      if (!refused) provider.connect?.();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    return () => {
      live = false;
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      provider.destroy();
      setConnection(INITIAL_CONNECTION);
      setAwareness(null);
    };
  }, [ready, createProvider, serverUrl, probeRefusal, meetingId, doc]);

  return {
    doc,
    status: connection.status,
    closeInfo: connection.closeInfo,
    awareness,
    localLoaded,
  };
}
