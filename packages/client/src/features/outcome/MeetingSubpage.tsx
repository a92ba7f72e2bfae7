import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { can, type Action, type Meeting, type User } from '@kenes/shared';
import { RequireAuth } from '../../auth/RequireAuth.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useMeetingInfo } from '../meeting/useMeetingInfo.js';
import { MeetingLinks } from './MeetingLinks.js';

/** Props of {@link MeetingSubpage}. */
export interface MeetingSubpageProps {
  /** i18n key of the page's heading. */
  title: string;
  /** An action the page needs (`can(role, need)`); others see a note instead. */
  need?: Action;
  children: (meeting: Meeting, user: User) => ReactNode;
}

/**
 * The frame of an after-the-meeting page: sign-in, membership and role
 * (`GET /api/meetings/:id`), the meeting's title, the page heading and the
 * links to the room and the sibling pages; keyed by meeting id.
 */
export function MeetingSubpage(props: MeetingSubpageProps) {
  const { id = '' } = useParams();
  return (
    <RequireAuth>{(user) => <Gate key={id} meetingId={id} user={user} {...props} />}</RequireAuth>
  );
}

function Gate({
  meetingId,
  user,
  title,
  need,
  children,
}: MeetingSubpageProps & { meetingId: string; user: User }) {
  const { t } = useTranslation();
  const { meeting, error } = useMeetingInfo(meetingId);
  if (error !== null)
    return (
      <div className="card narrow">
        <ErrorText error={error} />
        <Link to="/">{t('app.backToMeetings')}</Link>
      </div>
    );
  if (meeting === null) return <p role="status">{t('app.loading')}</p>;
  return (
    <div className="subpage">
      <header className="subpage-head">
        <p className="subpage-meeting">{meeting.title || t('room.untitled')}</p>
        <h1>{t(title)}</h1>
        <MeetingLinks meetingId={meeting.id} role={meeting.role} withRoom />
      </header>
      {need !== undefined && !can(meeting.role, need) ? (
        <p className="card narrow" data-testid="not-allowed">
          {t('after.notAllowed')}
        </p>
      ) : (
        children(meeting, user)
      )}
    </div>
  );
}
