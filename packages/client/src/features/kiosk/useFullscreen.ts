import { useCallback, useEffect, useState } from 'react';

/**
 * Whether the page is full screen, and a way to ask for it (the Fullscreen
 * API; only on a user's click, as browsers require). `supported` is false
 * where the page may not go full screen (an iframe without permission).
 */
export function useFullscreen(): { supported: boolean; active: boolean; enter(): void } {
  const [active, setActive] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setActive(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const enter = useCallback(() => {
    // Refused (no user gesture, policy): the button simply stays.
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  }, []);
  return { supported: document.fullscreenEnabled === true, active, enter };
}
