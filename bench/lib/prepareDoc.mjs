// The bench document's starting state, the same on every server: what
// `meeting.create` + `rec.create` leave in a Kenes meeting (a title and one
// recommendation text `r1` with an empty paragraph). Peers get it as bytes.
import * as Y from 'yjs';
import { meetingRoots, recordMap } from '@kenes/shared';

export const TEXT_ID = 'r1';

/**
 * The prepared state as one update. `suggestionsOnly`: `r1` also has its
 * recommendation record, made "suggestions only" (issue 18), so the guard
 * holds every participant's keystroke to the suggestion rules.
 */
export function prepareUpdate(meetingId, { suggestionsOnly = false } = {}) {
  const doc = new Y.Doc();
  doc.transact(() => {
    const { meeting, texts, recommendations } = meetingRoots(doc);
    meeting.set('title', `Bench ${meetingId}`);
    if (suggestionsOnly) {
      recommendations.push([
        recordMap({
          id: TEXT_ID,
          agendaItemId: 'bench',
          title: 'Bench',
          status: 'draft',
          proposerId: 'bench',
          proposerName: 'Bench',
          proposerOrganisation: 'Kenes bench',
          createdAt: 0,
          endorsements: [],
          agreedAt: null,
          suggestionsOnly: true,
          proposerDecides: false,
        }),
      ]);
    }
    const body = new Y.XmlFragment();
    texts.set(TEXT_ID, body);
    const paragraph = new Y.XmlElement('paragraph');
    body.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText()]);
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The paragraph text inside the bench fragment. */
export function benchText(doc) {
  const text = meetingRoots(doc).texts.get(TEXT_ID)?.get(0)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('bench fragment missing: prepare first');
  return text;
}
