import { useCallback, useRef, useState } from 'react';
import type { Command, CommandAccepted } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { useRoom } from './RoomContext.js';

/** One control's way of sending commands: its own in-flight state and its own error. */
export interface CommandControl {
  /**
   * Sends a command unless one of this control's is still in flight (then it
   * resolves null at once: a double click sends once). Resolves with the
   * answer, or null when refused; the refusal is kept in `error`.
   */
  send(command: Command): Promise<CommandAccepted | null>;
  /** A command of this control is in flight: show the control as busy. */
  pending: boolean;
  /** The last refusal, to show next to the control (null: none). */
  error: unknown;
  clear(): void;
}

/**
 * A command sender for one control (a button, a group of buttons), so that
 * the control is busy while its command is in flight and a refusal is shown
 * next to it, not in a banner far away. The in-flight guard is a ref, so two
 * clicks in the same tick still send once.
 *
 * @example
 * const next = useCommand();
 * <button aria-disabled={next.pending} onClick={() => void next.send(cmd)}>…</button>
 * <ErrorText error={next.error} />
 */
export function useCommand(): CommandControl {
  const api = useApi();
  const { meetingId } = useRoom();
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = useCallback(
    async (command: Command) => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setPending(true);
      setError(null);
      try {
        return await api.command(meetingId, command);
      } catch (err) {
        setError(err);
        return null;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [api, meetingId],
  );
  const clear = useCallback(() => setError(null), []);
  return { send, pending, error, clear };
}
