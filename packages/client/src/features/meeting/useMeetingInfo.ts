import { useEffect, useState } from 'react';
import type { Meeting } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';

/** The meeting as the API describes it (title, my role), or the error that kept it away. */
export function useMeetingInfo(meetingId: string): { meeting: Meeting | null; error: unknown } {
  const api = useApi();
  const [state, setState] = useState<{ id: string; meeting: Meeting | null; error: unknown }>({
    id: meetingId,
    meeting: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    api.meeting(meetingId).then(
      (meeting) => live && setState({ id: meetingId, meeting, error: null }),
      (error: unknown) => live && setState({ id: meetingId, meeting: null, error }),
    );
    return () => {
      live = false;
    };
  }, [api, meetingId]);
  return state.id === meetingId ? state : { meeting: null, error: null };
}
