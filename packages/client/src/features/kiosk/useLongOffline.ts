import { useEffect, useState } from 'react';
import type { ConnectionStatus } from '../../sync/connectionStatus.js';
import { isAway, OFFLINE_NOTICE_MS } from './longOffline.js';

/**
 * True once the display has been away from its server (see {@link isAway})
 * for `afterMs` without a break — the provider keeps reconnecting meanwhile
 * — and false again as soon as it is connected.
 */
export function useLongOffline(status: ConnectionStatus, afterMs = OFFLINE_NOTICE_MS): boolean {
  const away = isAway(status);
  // One spell per change between away and connected; its timer counts for it alone.
  const [spell, setSpell] = useState({ away, id: 0 });
  if (spell.away !== away) setSpell({ away, id: spell.id + 1 });
  const [expired, setExpired] = useState(-1);
  useEffect(() => {
    if (!spell.away) return;
    const timer = setTimeout(() => setExpired(spell.id), afterMs);
    return () => clearTimeout(timer);
  }, [spell, afterMs]);
  return spell.away && expired === spell.id;
}
