import type * as Y from 'yjs';
import {
  readMeeting,
  readRecommendations,
  readVisibleAgenda,
  recommendationText,
  type MeetingStatus,
  type OrgType,
  type RecommendationStatus,
} from '@kenes/shared';
import { fragmentBlocks, type Block } from './richText.js';

/** A recommendation in the outcome document, with its body as rich text. */
export interface OutcomeRecommendation {
  id: string;
  title: string;
  status: RecommendationStatus;
  proposerName: string;
  proposerOrganisation: string;
  /** Organisations that endorse it, in the order they did. */
  endorsements: Array<{ organisation: string; orgType: OrgType }>;
  /** The body: headings, lists, quotes and marked-up text. */
  blocks: Block[];
}

/** One section of the outcome document: an agenda item and its recommendations. */
export interface OutcomeSection {
  /** The agenda item, or null for recommendations of a removed item. */
  item: { id: string; title: string } | null;
  recommendations: OutcomeRecommendation[];
}

/** The outcome document, as `GET /meetings/:id/outcome` answers it and the exports render it. */
export interface OutcomeDocument {
  title: string;
  status: MeetingStatus;
  /** Agenda items that have recommendations, in agenda order, then the orphans (item null). */
  sections: OutcomeSection[];
}

/**
 * Reads the outcome document from a meeting's doc: the recommendations
 * grouped by agenda item, in agenda order, each with status, proposer,
 * endorsing organisations and the full formatted text. Items without
 * recommendations are left out; withdrawn recommendations stay in, their
 * status says so. Pure (reads only).
 */
export function readOutcome(doc: Y.Doc): OutcomeDocument {
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
      blocks: fragmentBlocks(recommendationText(doc, r.id)),
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
