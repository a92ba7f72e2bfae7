import { TERMINAL_CLOSE_CODES, readWriteRefusal } from '@kenes/shared';

/**
 * The state of a meeting's sync connection as the UI shows it, derived from
 * the provider's events by a pure reducer so it can be tested without sockets.
 */

/** What the connection is doing now. */
export type ConnectionStatus = 'connecting' | 'connected' | 'synced' | 'offline';

/** How the last connection ended, as the server said it. */
export interface CloseInfo {
  code: number;
  reason: string;
  /**
   * True when the client will not reconnect on its own (4401, lost
   * membership). A refused write (4403 with a refusal kind) is not: the
   * client drops it and reconnects.
   */
  terminal: boolean;
}

/** Status plus the last close, if any since the last successful connection. */
export interface ConnectionState {
  status: ConnectionStatus;
  closeInfo: CloseInfo | null;
}

/** The provider events the reducer understands (a subset of y-websocket's). */
export type ConnectionEvent =
  | { type: 'status'; status: 'connecting' | 'connected' | 'disconnected' }
  | { type: 'sync'; synced: boolean }
  | { type: 'close'; code: number; reason: string };

/** The state before the provider has said anything. */
export const INITIAL_CONNECTION: ConnectionState = { status: 'connecting', closeInfo: null };

/**
 * True for close codes after which the *same* socket must not come back
 * (sign-in needed, forbidden): the provider would resend what was refused.
 */
export function isTerminalClose(code: number): boolean {
  return TERMINAL_CLOSE_CODES.includes(code);
}

/**
 * True when the room cannot come back at all: the session ended or the
 * membership was lost. A guard refusal of one write (4403 whose reason names
 * a {@link WriteRefusal} kind) is not: a fresh connection without that write
 * is welcome.
 */
export function isFinalClose(code: number, reason: string): boolean {
  return isTerminalClose(code) && readWriteRefusal(code, reason) === null;
}

/**
 * The next connection state after one provider event.
 *
 * A close keeps its code and reason until a new connection opens, so a user
 * sees why the last one ended while the provider retries. After a terminal
 * close nothing leaves `offline` (a new sign-in reloads the page): late
 * `connecting` events and non-terminal closes are ignored so the UI never
 * pretends to retry or forgets why it stopped.
 */
export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  const stuck = state.closeInfo?.terminal === true;
  switch (event.type) {
    case 'status':
      if (event.status === 'connecting') {
        return stuck ? state : { ...state, status: 'connecting' };
      }
      if (event.status === 'connected') return { status: 'connected', closeInfo: null };
      return { ...state, status: 'offline' };
    case 'sync':
      if (event.synced) {
        return state.status === 'connected' || state.status === 'synced'
          ? { ...state, status: 'synced' }
          : state;
      }
      return state.status === 'synced' ? { ...state, status: 'connected' } : state;
    case 'close': {
      const terminal = isFinalClose(event.code, event.reason);
      // A socket already in flight when the refusal was learned may still
      // fail afterwards; its 1006 must not hide the refusal.
      if (stuck && !terminal) return state;
      return {
        // A refused write is followed at once by a fresh connection.
        status:
          terminal || readWriteRefusal(event.code, event.reason) === null
            ? 'offline'
            : 'connecting',
        closeInfo: { code: event.code, reason: event.reason, terminal },
      };
    }
  }
}
