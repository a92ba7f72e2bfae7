import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

/** Says something to screen-reader users through a live region. */
export type Announce = (text: string, urgency?: 'polite' | 'assertive') => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

/**
 * Two visually hidden live regions (polite and assertive) for the whole app:
 * "now speaking: …", "you are next", "one minute left", "time is up", and
 * the outcome of keyboard reordering.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [polite, setPolite] = useState('');
  const [assertive, setAssertive] = useState('');
  const seq = useRef(0);
  const announce = useCallback<Announce>((text, urgency = 'polite') => {
    // A trailing zero-width variation makes a repeated sentence be read again.
    const marked = seq.current++ % 2 === 0 ? text : `${text}\u200b`;
    if (urgency === 'assertive') setAssertive(marked);
    else setPolite(marked);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div
        className="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      >
        {polite}
      </div>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {assertive}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** The app's {@link Announce} function. */
export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
