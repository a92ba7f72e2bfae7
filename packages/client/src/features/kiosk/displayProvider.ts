import { WebsocketProvider } from 'y-websocket';
import { DISPLAY_PROTOCOL } from '@kenes/shared';
import { isTerminalClose } from '../../sync/connectionStatus.js';
import type { ProviderFactory } from '../../sync/useMeetingDoc.js';

/**
 * The hall display's sync provider: the stock y-websocket provider offering
 * `kenes-display, <token>` as its WebSocket protocols (a browser cannot set
 * headers on a WebSocket, and a token in the URL would reach proxy logs).
 * It announces no awareness state: a display is nobody in the room, and the
 * server drops whatever it would say anyway. It reconnects by itself after a
 * network drop, and stops after a terminal close (revoked).
 */
export function displayProvider(token: string): ProviderFactory {
  return (serverUrl, meetingId, doc) => {
    const provider = new WebsocketProvider(serverUrl, meetingId, doc, {
      protocols: [DISPLAY_PROTOCOL, token],
      shouldReconnect: (event) => !isTerminalClose(event.code),
    });
    provider.awareness.setLocalState(null);
    return provider;
  };
}
