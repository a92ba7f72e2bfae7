import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Role } from '@kenes/shared';
import { meetingLinks, meetingPath } from './meetingLinks.js';

/**
 * The navigation to the after-the-meeting pages, in the room's header and
 * atop each of those pages (the current one marked `aria-current`).
 */
export function MeetingLinks({
  meetingId,
  role,
  withRoom = false,
}: {
  meetingId: string;
  role: Role;
  withRoom?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <nav className="meeting-links no-print" aria-label={t('after.nav')}>
      <ul>
        {withRoom && (
          <li>
            <NavLink end to={meetingPath(meetingId)}>
              {t('after.room')}
            </NavLink>
          </li>
        )}
        {meetingLinks(role).map((l) => (
          <li key={l.path}>
            <NavLink to={meetingPath(meetingId, l.path)} data-testid={`link-${l.path}`}>
              {t(l.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
