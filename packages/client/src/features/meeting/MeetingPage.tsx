import { Link, useParams } from 'react-router-dom';
import type * as Y from 'yjs';
import { readAgenda, readMeeting, readRecommendations } from '@kenes/shared';
import { useMeetingDoc } from '../../sync/useMeetingDoc.js';
import { useDocValue } from '../../sync/useDocValue.js';
import { ConnectionStatusLine } from './ConnectionStatusLine.js';

// Readers are module-level so useDocValue keeps one subscription per doc.
const countAgenda = (doc: Y.Doc) => readAgenda(doc).length;
const countRecommendations = (doc: Y.Doc) => readRecommendations(doc).length;

/** Props of {@link MeetingView}. */
export interface MeetingViewProps {
  meetingId: string;
}

/**
 * A meeting's live document, minimal for now: its title, the connection
 * state and a few counts that prove the doc syncs. The real room comes later.
 */
export function MeetingView({ meetingId }: MeetingViewProps) {
  const { doc, status, closeInfo } = useMeetingDoc(meetingId);
  const meeting = useDocValue(doc, readMeeting);
  const agendaItems = useDocValue(doc, countAgenda);
  const recommendations = useDocValue(doc, countRecommendations);
  const title = meeting.title === '' ? 'Untitled meeting' : meeting.title;

  return (
    <article aria-labelledby="meeting-title">
      <h1 id="meeting-title" data-testid="meeting-title">
        {title}
      </h1>
      <ConnectionStatusLine status={status} closeInfo={closeInfo} />
      <dl className="facts">
        <dt>Meeting id</dt>
        <dd>{meetingId}</dd>
        <dt>Status</dt>
        <dd data-testid="meeting-status">{meeting.status}</dd>
        <dt>Agenda items</dt>
        <dd data-testid="agenda-count">{agendaItems}</dd>
        <dt>Recommendations</dt>
        <dd data-testid="recommendation-count">{recommendations}</dd>
      </dl>
    </article>
  );
}

/**
 * Route `/meetings/:id`. Keyed by id so that moving to another meeting
 * starts from a fresh view state as well as a fresh doc.
 */
export function MeetingPage() {
  const { id = '' } = useParams();
  return (
    <>
      <nav aria-label="Breadcrumb">
        <Link to="/">All meetings</Link>
      </nav>
      <MeetingView key={id} meetingId={id} />
    </>
  );
}
