// The bench document's starting state, the same on every server: what
// `meeting.create` + `rec.create` leave in a Kenes meeting (a title and one
// recommendation text `r1` with an empty paragraph). Peers get it as bytes.
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';

export const TEXT_ID = 'r1';

/** The prepared state as one update. */
export function prepareUpdate(meetingId) {
  const doc = new Y.Doc();
  doc.transact(() => {
    const { meeting, texts } = meetingRoots(doc);
    meeting.set('title', `Bench ${meetingId}`);
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
