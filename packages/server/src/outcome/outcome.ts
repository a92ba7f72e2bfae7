import type * as Y from 'yjs';
import {
  readMeeting,
  readRecommendations,
  readVisibleAgenda,
  recommendationText,
  type OutcomeDocument,
  type OutcomeRecommendation,
  type OutcomeSection,
} from '@kenes/shared';
import { recordedPositions } from './agreedPositions.js';
import { fragmentBlocks, type SuggestionReading } from './richText.js';

/**
 * Reads the outcome document from a meeting's doc: the recommendations
 * grouped by agenda item, in agenda order, each with status, proposer,
 * endorsing organisations and the full formatted text. Items without
 * recommendations are left out; withdrawn recommendations stay in, their
 * status says so. Pending suggestions in the texts are read as `reading`
 * says (default `clean`: never as text; see {@link SuggestionReading}).
 * Pure (reads only).
 */
export function readOutcome(doc: Y.Doc, reading: SuggestionReading = 'clean'): OutcomeDocument {
  const meeting = readMeeting(doc);
  const agenda = readVisibleAgenda(doc);
  const recs: OutcomeRecommendation[] = [];
  const itemOf = new Map<string, string>();
  for (const r of readRecommendations(doc)) {
    itemOf.set(r.id, r.agendaItemId);
    recs.push({
      id: r.id,
      title: r.title,
      status: r.status,
      proposerName: r.proposerName,
      proposerOrganisation: r.proposerOrganisation,
      endorsements: r.endorsements.map((e) => ({
        organisation: e.organisation,
        orgType: e.orgType,
      })),
      blocks: fragmentBlocks(recommendationText(doc, r.id), reading),
      ...recordedPositions(r),
    });
  }
  const sections: OutcomeSection[] = agenda
    .map((item) => ({
      item: { id: item.id, title: item.title },
      recommendations: recs.filter((r) => itemOf.get(r.id) === item.id),
    }))
    .filter((s) => s.recommendations.length > 0);
  const visible = new Set(agenda.map((a) => a.id));
  const orphans = recs.filter((r) => !visible.has(itemOf.get(r.id) ?? ''));
  if (orphans.length) sections.push({ item: null, recommendations: orphans });
  return { title: meeting.title, status: meeting.status, sections };
}
