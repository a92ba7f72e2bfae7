import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPLAY_REVOKED_REASON, ErrorCode } from '@kenes/shared';
import { ApiError } from '../../api/client.js';
import { useMeetingDoc, type MeetingDocOptions } from '../../sync/useMeetingDoc.js';
import { useServerClock } from '../../sync/useServerClock.js';
import { Display } from '../display/DisplayPage.js';
import { displayClock, displayRefusalProbe, fetchDisplayInfo, isLinkGone } from './displayApi.js';
import { displayProvider } from './displayProvider.js';
import { KioskChrome } from './KioskChrome.js';
import { takeKioskToken } from './kioskToken.js';
import { useKioskLanguage } from './displayLanguage.js';

/** How long to wait before asking again when the server could not be reached at start. */
const RETRY_MS = 5_000;

/** Why a kiosk shows a message instead of the meeting. */
type Ended = 'missing' | 'unknown' | 'revoked' | 'ended';

/**
 * Route `/display`: the hall PC's display, opened with a display link
 * (`/display#<token>`) and no account. It shows the meeting's display (the
 * same view as `/meetings/:id/display`) without its way out or connection
 * line, reconnects by itself, and says so when its link was revoked.
 */
export function KioskPage() {
  useKioskLanguage();
  const [token] = useState(() => takeKioskToken());
  if (token === null) return <KioskMessage why="missing" />;
  return <Kiosk token={token} />;
}

function Kiosk({ token }: { token: string }) {
  const { t } = useTranslation();
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [ended, setEnded] = useState<Ended | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      fetchDisplayInfo(token).then(
        (info) => live && setMeetingId(info.meetingId),
        (err: unknown) => {
          if (!live) return;
          // The hall PC may start before the network or the server: keep asking.
          if (isLinkGone(err)) {
            const unknown = err instanceof ApiError && err.code === ErrorCode.displayLinkUnknown;
            setEnded(unknown ? 'unknown' : 'revoked');
          } else timer = setTimeout(ask, RETRY_MS);
        },
      );
    };
    ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [token]);
  if (ended) return <KioskMessage why={ended} />;
  if (meetingId === null) return <p role="status">{t('app.loading')}</p>;
  return <KioskDisplay token={token} meetingId={meetingId} />;
}

function KioskDisplay({ token, meetingId }: { token: string; meetingId: string }) {
  const options = useMemo<MeetingDocOptions>(
    () => ({
      createProvider: displayProvider(token),
      probeRefusal: displayRefusalProbe(token),
      // Nothing of the meeting stays on the hall PC.
      persistence: null,
      userId: null,
    }),
    [token],
  );
  const { doc, status, closeInfo } = useMeetingDoc(meetingId, options);
  const clock = useMemo(() => ({ time: () => displayClock(token) }), [token]);
  const clockOffset = useServerClock(clock);
  if (closeInfo?.terminal) {
    return <KioskMessage why={closeInfo.reason === DISPLAY_REVOKED_REASON ? 'revoked' : 'ended'} />;
  }
  return (
    <>
      <Display meetingId={meetingId} doc={doc} status={status} clockOffset={clockOffset} kiosk />
      <KioskChrome status={status} />
    </>
  );
}

function KioskMessage({ why }: { why: Ended }) {
  const { t } = useTranslation();
  return (
    <div className="kiosk-message card narrow" data-testid="kiosk-message" data-why={why}>
      <h1>{t('kiosk.title')}</h1>
      <p role="alert">{t(`kiosk.${why}`)}</p>
      <p className="muted">{t('kiosk.askChair')}</p>
    </div>
  );
}
