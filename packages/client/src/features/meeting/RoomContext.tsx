import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { Command, CommandAccepted, User } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import type { RoomPermissions } from './permissions.js';

/** Everything a panel of the room needs: the doc, who I am, what I may do, how to act. */
export interface Room {
  meetingId: string;
  doc: Y.Doc;
  awareness: Awareness | null;
  /**
   * Me in this meeting: the account with the meeting's organisation, and the
   * key the server compares that organisation by (absent from older servers).
   */
  user: User & { organisationKey?: string | undefined };
  perms: RoomPermissions;
  /** Server time = `Date.now()` + this. */
  clockOffset: number;
  /**
   * Sends a command. Resolves with the answer, or null when it was refused
   * (the refusal is then shown in the room's alert line).
   */
  run(command: Command): Promise<CommandAccepted | null>;
  /** The last refusal, for the alert line. */
  lastError: unknown;
  clearError(): void;
}

const RoomContext = createContext<Room | null>(null);

/** Props of {@link RoomProvider}. */
export type RoomProviderProps = Omit<Room, 'run' | 'lastError' | 'clearError'> & {
  children: ReactNode;
};

/**
 * Provides the room to its panels. Commands go through here so that every
 * refusal lands in one alert line instead of each button inventing its own.
 */
export function RoomProvider({ children, ...room }: RoomProviderProps) {
  const api = useApi();
  const [lastError, setLastError] = useState<unknown>(null);
  const { meetingId } = room;
  const run = useCallback(
    async (command: Command) => {
      setLastError(null);
      try {
        return await api.command(meetingId, command);
      } catch (err) {
        setLastError(err);
        return null;
      }
    },
    [api, meetingId],
  );
  const clearError = useCallback(() => setLastError(null), []);
  // One value while nothing in it changed: every card reads the room, and the
  // room's own state (connection, presence) changes often while it opens.
  const { doc, awareness, user, perms, clockOffset } = room;
  const value = useMemo(
    () => ({ meetingId, doc, awareness, user, perms, clockOffset, run, lastError, clearError }),
    [meetingId, doc, awareness, user, perms, clockOffset, run, lastError, clearError],
  );
  return <RoomContext.Provider value={value}>{children}</RoomContext.Provider>;
}

/** The room of the nearest {@link RoomProvider}. */
export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (room === null) throw new Error('useRoom outside RoomProvider');
  return room;
}
