import { TERMINAL_CLOSE_CODES } from '@kenes/shared';

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
  /** True when the client will not reconnect on its own (4401, 4403). */
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

/** True for close codes after which reconnecting cannot help (sign-in needed, forbidden). */
export function isTerminalClose(code: number): boolean {
  return TERMINAL_CLOSE_CODES.includes(code);
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
    case 'close':
      // A socket already in flight when the refusal was learned may still
      // fail afterwards; its 1006 must not hide the refusal.
      if (stuck && !isTerminalClose(event.code)) return state;
      return {
        status: 'offline',
        closeInfo: {
          code: event.code,
          reason: event.reason,
          terminal: isTerminalClose(event.code),
        },
      };
  }
}
