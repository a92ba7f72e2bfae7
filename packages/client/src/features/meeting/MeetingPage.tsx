import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { readMeeting, type Meeting, type User } from '@kenes/shared';
import { useApi } from '../../api/ApiContext.js';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { colourFor } from '../../editor/colourFor.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { useMeetingDoc } from '../../sync/useMeetingDoc.js';
import { useRoleAfterRefusal } from '../../sync/useRoleAfterRefusal.js';
import { usePresence } from '../../sync/usePresence.js';
import { useServerClock } from '../../sync/useServerClock.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { AgendaPanel } from '../agenda/AgendaPanel.js';
import { MeetingLinks } from '../outcome/MeetingLinks.js';
import { SaveVersion } from '../outcome/SaveVersion.js';
import { QueuePanel } from '../queue/QueuePanel.js';
import { RecommendationsPanel } from '../recommendations/RecommendationsPanel.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { ConnectionStatusLine } from './ConnectionStatusLine.js';
import { MeetingDetails } from './MeetingDetails.js';
import { MeetingStatusControl } from './MeetingStatusControl.js';
import { Presence } from './Presence.js';
import { roomPermissions } from './permissions.js';
import { RoomProvider, useRoom } from './RoomContext.js';
import { useMeetingInfo } from './useMeetingInfo.js';
import { markOnce, PerfMark } from '../../ui/perfMarks.js';

/** Route `/meetings/:id`: the meeting room, for members; keyed by id. */
export function MeetingPage() {
  const { id = '' } = useParams();
  return <RequireAuth>{(user) => <MeetingGate key={id} meetingId={id} user={user} />}</RequireAuth>;
}

/** Learns my role (`GET /api/meetings/:id`), then opens the room. */
function MeetingGate({ meetingId, user }: { meetingId: string; user: User }) {
  const { t } = useTranslation();
  const { meeting, error } = useMeetingInfo(meetingId);
  if (error !== null)
    return (
      <div className="card narrow">
        <ErrorText error={error} />
        <Link to="/">{t('app.backToMeetings')}</Link>
      </div>
    );
  if (meeting === null) return <p role="status">{t('room.loadingMeeting')}</p>;
  return <MeetingRoom meeting={meeting} user={user} />;
}

/**
 * The room: header (title, status, connection, presence), then agenda,
 * recommendations and speakers. Everything shown comes from the Y.Doc;
 * everything done is a command or a text edit.
 */
export function MeetingRoom({ meeting, user: account }: { meeting: Meeting; user: User }) {
  // In the room I am who I am in this meeting: its organisation (fixed at join, changed by a
  // chair), not my profile's, which the server would not use either.
  const user = useMemo(
    () => ({
      ...account,
      organisation: meeting.organisation ?? account.organisation,
      organisationKey: meeting.organisationKey,
      orgType: meeting.orgType ?? account.orgType,
    }),
    [account, meeting.organisation, meeting.organisationKey, meeting.orgType],
  );
  const api = useApi();
  const { doc, status, closeInfo, awareness, writeRefusal, dismissWriteRefusal } = useMeetingDoc(
    meeting.id,
    { userId: user.id },
  );
  const clockOffset = useServerClock(api);
  const role = useRoleAfterRefusal(meeting.id, meeting.role, writeRefusal);
  const docStatus = useDocValue(doc, readMeeting).status;
  const perms = useMemo(() => roomPermissions(role, docStatus), [role, docStatus]);

  useEffect(() => markOnce(PerfMark.room), []);
  useEffect(() => {
    // For the caret label and my own presence entry; the server stamps the
    // identity others see from my session whatever is set here.
    awareness?.setLocalStateField('user', {
      id: user.id,
      name: user.name,
      organisation: user.organisation,
      orgType: user.orgType,
      role: meeting.role,
      color: colourFor(user.id),
    });
  }, [awareness, user, meeting.role]);

  return (
    <RoomProvider
      meetingId={meeting.id}
      doc={doc}
      awareness={awareness}
      user={user}
      perms={perms}
      clockOffset={clockOffset}
    >
      <div className="room" data-role={meeting.role}>
        <RoomHeader
          fallbackTitle={meeting.title}
          fallbackStartsAt={meeting.startsAt}
          status={status}
          closeInfo={closeInfo}
        />
        <ConnectionBanner
          status={status}
          closeInfo={closeInfo}
          writeRefusal={writeRefusal}
          onDismissWriteRefusal={dismissWriteRefusal}
        />
        <RoomAlert />
        <div className="room-grid">
          <AgendaPanel />
          <RecommendationsPanel />
          <QueuePanel />
        </div>
      </div>
    </RoomProvider>
  );
}

function RoomAlert() {
  const { lastError, clearError } = useRoom();
  const { t } = useTranslation();
  if (lastError === null) return null;
  return (
    <div className="room-alert">
      <ErrorText error={lastError} />
      <button type="button" className="icon" aria-label={t('agenda.cancel')} onClick={clearError}>
        ×
      </button>
    </div>
  );
}

function RoomHeader({
  fallbackTitle,
  fallbackStartsAt,
  status,
  closeInfo,
}: { fallbackTitle: string; fallbackStartsAt: number | null } & Parameters<
  typeof ConnectionStatusLine
>[0]) {
  const { t } = useTranslation();
  const { doc, perms, meetingId, awareness } = useRoom();
  const info = useDocValue(doc, readMeeting);
  const present = usePresence(awareness);
  const title = info.title || fallbackTitle || t('room.untitled');
  return (
    <header className="room-header">
      <div className="room-title-row">
        <h1 data-testid="meeting-title">{title}</h1>
        <span
          className={`badge status-${info.status}`}
          data-testid="meeting-status"
          data-status={info.status}
        >
          {t(`meetingStatus.${info.status}`)}
        </span>
        <span className={`badge role-${perms.role}`}>{t(`role.${perms.role}`)}</span>
      </div>
      <MeetingDetails fallbackStartsAt={fallbackStartsAt} />
      <div className="room-meta">
        <ConnectionStatusLine status={status} closeInfo={closeInfo} />
        <Presence present={present} />
        {perms.setMeetingStatus && <MeetingStatusControl />}
        <nav className="room-links" aria-label={t('room.settings')}>
          {perms.manageMembers && (
            <Link to={`/meetings/${encodeURIComponent(meetingId)}/settings`}>
              {t('room.settings')}
            </Link>
          )}
          <Link to={`/meetings/${encodeURIComponent(meetingId)}/display`}>{t('room.display')}</Link>
        </nav>
      </div>
      <div className="room-after">
        <MeetingLinks meetingId={meetingId} role={perms.role} />
        {perms.saveVersion && <SaveVersion />}
      </div>
      {perms.readOnly && (
        <p className="note" data-testid="read-only-note">
          {t('room.readOnlyNote')}
        </p>
      )}
    </header>
  );
}
