// The bench document's starting state, the same on every server: what
// `meeting.create` + `rec.create` leave in a Kenes meeting (a title and one
// recommendation text `r1` with an empty paragraph, or several: one for
// each writer of a drafting case). Peers get it as bytes.
import * as Y from 'yjs';
import { meetingRoots, recordMap } from '@kenes/shared';

export const TEXT_ID = 'r1';

/**
 * The prepared state as one update. `suggestionsOnly`: `r1` also has its
 * recommendation record, made "suggestions only" (issue 18), so the guard
 * holds every participant's keystroke to the suggestion rules.
 * `paragraphs`: how many empty paragraphs `r1` starts with.
 */
export function prepareUpdate(meetingId, { suggestionsOnly = false, paragraphs = 1 } = {}) {
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
    for (let i = 0; i < paragraphs; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      body.insert(i, [paragraph]);
      paragraph.insert(0, [new Y.XmlText()]);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The text of paragraph `n` of the bench fragment. */
export function benchText(doc, n = 0) {
  const text = meetingRoots(doc).texts.get(TEXT_ID)?.get(n)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('bench fragment missing: prepare first');
  return text;
}
