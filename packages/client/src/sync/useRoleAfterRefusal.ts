import { useEffect, useState } from 'react';
import type { Role } from '@kenes/shared';
import { useApi } from '../api/ApiContext.js';
import type { WriteRefusalNotice } from './useMeetingDoc.js';

/**
 * My role in a meeting, asked again of the server after it refused one of
 * my writes: a chair may have made me an observer meanwhile (the server
 * applies a role change to open sockets at once, the page learns it here),
 * so the editors turn read-only instead of taking keystrokes that would be
 * refused again.
 *
 * @example
 * const role = useRoleAfterRefusal(meeting.id, meeting.role, writeRefusal);
 */
export function useRoleAfterRefusal(
  meetingId: string,
  initial: Role,
  refusal: WriteRefusalNotice | null,
): Role {
  const api = useApi();
  const [asked, setAsked] = useState<{ at: number; role: Role } | null>(null);
  const at = refusal?.at ?? null;
  useEffect(() => {
    if (at === null) return;
    let live = true;
    api.meeting(meetingId).then(
      (m) => live && setAsked({ at, role: m.role }),
      // Offline or gone: the socket's own refusal handling says so.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, meetingId, at]);
  return asked?.role ?? initial;
}
