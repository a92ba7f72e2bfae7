import { useCallback, useEffect, useRef, useState } from 'react';
import type { Member } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';

/** A member as suggestions show them: name and meeting organisation (server records). */
export interface Person {
  name: string;
  organisation: string;
}

/**
 * The meeting's members by user id, for labelling suggestions. Loaded once;
 * asked about someone unknown (a member who joined since), it reloads, at
 * most every 10 seconds.
 */
export function usePeople(meetingId: string): (userId: string) => Person | undefined {
  const api = useApi();
  const [people, setPeople] = useState<ReadonlyMap<string, Person>>(new Map());
  const lastLoad = useRef(0);
  const load = useCallback(() => {
    lastLoad.current = Date.now();
    api.members(meetingId).then(
      (members: Member[]) =>
        setPeople(
          new Map(members.map((m) => [m.userId, { name: m.name, organisation: m.organisation }])),
        ),
      () => undefined,
    );
  }, [api, meetingId]);
  useEffect(load, [load]);
  return useCallback(
    (userId: string) => {
      const known = people.get(userId);
      if (known === undefined && Date.now() - lastLoad.current > 10_000) load();
      return known;
    },
    [people, load],
  );
}
