import * as Y from 'yjs';
import { meetingRoots, type Command } from '@kenes/shared';
import { applyCommand } from '../commands/apply.js';
import { people } from './commandHarness.js';
import type { Actor } from '../commands/context.js';
import type { AuditRow, ClientBinding } from '../store/Store.js';

/**
 * A scripted meeting for the outcome tests: agenda, three speakers of three
 * organisation types with known durations, two recommendations written by
 * several organisations through client docs of known client ids,
 * endorsements and statuses. The figures the tests expect are computed by
 * hand from the timeline below, not by the code under test.
 */

/** The people of the script (their accounts as the command layer sees them). */
export const cast = {
  chair: people.chair,
  alice: people.alice,
  bob: people.bob,
  dana: {
    userId: 'u-dana',
    name: 'Dana',
    organisation: 'Mazhilis Social Committee',
    orgType: 'parliament',
    role: 'participant',
  },
} as const satisfies Record<string, Actor>;

/** Yjs client ids the participants edit with. */
export const CLIENT = { alice: 101, bob: 202, dana: 303 } as const;

/** Start of the script, epoch ms (2030-01-15 09:00 UTC). */
export const T0 = Date.UTC(2030, 0, 15, 9, 0, 0);
const s = (seconds: number) => T0 + seconds * 1000;

/** A Tiptap text node: `text` with marks (`{ bold: {} }` is how y-prosemirror stores bold). */
export function textNode(text: string, marks: Record<string, object> = {}): Y.XmlText {
  const t = new Y.XmlText();
  t.insert(0, text, marks);
  return t;
}

/** A Tiptap element with children. */
export function element(
  name: string,
  children: Array<Y.XmlElement | Y.XmlText>,
  attrs: Record<string, string | number> = {},
): Y.XmlElement {
  const el = new Y.XmlElement(name);
  // y-prosemirror keeps attributes as they are (numbers stay numbers); the typing says string.
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v as unknown as string);
  el.insert(0, children);
  return el;
}

/**
 * One participant's editor: a client doc with a fixed client id, kept for
 * the whole session like a browser tab (a fresh doc reusing a client id that
 * already wrote would make Yjs pick another id). `edit` first catches up
 * with `server`, edits a recommendation body, then applies its update to
 * `server` and returns it.
 */
export class ClientEditor {
  readonly doc = new Y.Doc();

  constructor(
    private readonly server: Y.Doc,
    clientId: number,
  ) {
    this.doc.clientID = clientId;
  }

  edit(recId: string, change: (fragment: Y.XmlFragment) => void): Uint8Array {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(this.doc)));
    const before = Y.encodeStateVector(this.doc);
    const frag = meetingRoots(this.doc).texts.get(recId);
    if (!frag) throw new Error(`no text ${recId}`);
    this.doc.transact(() => change(frag));
    const update = Y.encodeStateAsUpdate(this.doc, before);
    Y.applyUpdate(this.server, update, { source: 'client' });
    return update;
  }
}

/** What the script produced. */
export interface ScriptedMeeting {
  doc: Y.Doc;
  item1: string;
  item2: string;
  rec1: string;
  rec2: string;
  /** Client id → user bindings, as the sync layer would have stored them. */
  bindings: ClientBinding[];
  /** The audit rows the command route would have written for status changes. */
  audit: AuditRow[];
  /** Server time after the script. */
  end: number;
  /** The participants' editors, to edit on. */
  editor: Record<'alice' | 'bob' | 'dana', ClientEditor>;
}

/**
 * Runs the script on a fresh doc. Timeline (seconds after {@link T0}):
 * 0 live, two items (30 and 20 min planned); 60 item 1 starts; alice (70)
 * and bob (80) ask; 90 alice gets the floor; paused 150–180; 240 bob gets it
 * (alice: 60 + 60 = 120 s); 240 alice proposes rec 1; 315 bob finishes
 * (75 s); 600 item 1 ends (540 s). 660 item 2 starts; dana asks at 670, bob
 * asks at 680 and withdraws at 685; 690 dana speaks until 735 (45 s); 700
 * bob proposes rec 2; 740–742 endorsements; 750 rec 1 agreed, 755 rec 2
 * discussed; 800 item 2 ends (140 s).
 */
export function scriptMeeting(): ScriptedMeeting {
  const doc = new Y.Doc();
  let seq = 0;
  const ids = () => `id${++seq}`;
  const audit: AuditRow[] = [];
  const run = (actor: Actor, at: number, command: Command) => {
    const r = applyCommand(doc, command, actor, at, ids);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.code} ${r.message}`);
    audit.push({
      id: audit.length + 1,
      meetingId: 'm1',
      userId: actor.userId,
      action: command.type,
      payload: JSON.stringify(command),
      result: 'ok',
      at,
      count: 1,
    });
    return r.result ?? {};
  };
  const { chair, alice, bob, dana } = cast;

  run(chair, s(0), { type: 'meeting.setStatus', status: 'live' });
  const item1 = run(chair, s(0), {
    type: 'agenda.add',
    title: 'Ensuring gender equality',
    plannedMinutes: 30,
  }).itemId!;
  const item2 = run(chair, s(0), {
    type: 'agenda.add',
    title: 'Combating violence against women',
    plannedMinutes: 20,
  }).itemId!;
  run(chair, s(60), { type: 'agenda.start', itemId: item1 });
  run(alice, s(70), { type: 'queue.request', kind: 'speak' });
  run(bob, s(80), { type: 'queue.request', kind: 'speak' });
  run(chair, s(90), { type: 'queue.grant' });
  run(chair, s(150), { type: 'queue.timer', action: 'pause' });
  run(chair, s(180), { type: 'queue.timer', action: 'resume' });
  run(chair, s(240), { type: 'queue.grant' });
  const rec1 = run(alice, s(240), {
    type: 'rec.create',
    agendaItemId: item1,
    title: 'Adopt a gender equality law',
  }).recId!;
  run(chair, s(315), { type: 'queue.finish' });
  run(chair, s(600), { type: 'agenda.complete' });
  run(chair, s(660), { type: 'agenda.start', itemId: item2 });
  const danaEntry = run(dana, s(670), { type: 'queue.request', kind: 'speak' }).entryId!;
  // Nobody has the floor yet, so Bob asks to speak (a reply needs a speaker to answer), then withdraws.
  const bobEntry = run(bob, s(680), { type: 'queue.request', kind: 'speak' }).entryId!;
  run(bob, s(685), { type: 'queue.withdraw', entryId: bobEntry });
  run(chair, s(690), { type: 'queue.grant', entryId: danaEntry });
  const rec2 = run(bob, s(700), {
    type: 'rec.create',
    agendaItemId: item2,
    title: 'Fund shelters',
  }).recId!;
  run(chair, s(735), { type: 'queue.finish' });
  run(bob, s(740), { type: 'rec.endorse', recId: rec1 });
  run(dana, s(741), { type: 'rec.endorse', recId: rec1 });
  run(alice, s(742), { type: 'rec.endorse', recId: rec2 });
  run(chair, s(750), { type: 'rec.setStatus', recId: rec1, status: 'agreed' });
  run(chair, s(755), { type: 'rec.setStatus', recId: rec2, status: 'discussed' });
  run(chair, s(800), { type: 'agenda.complete' });

  const editor = {
    alice: new ClientEditor(doc, CLIENT.alice),
    bob: new ClientEditor(doc, CLIENT.bob),
    dana: new ClientEditor(doc, CLIENT.dana),
  };
  // Rec 1: alice writes a heading and a marked-up paragraph, bob a bullet list, alice adds to bob's item.
  editor.alice.edit(rec1, (f) =>
    f.insert(0, [
      element('heading', [textNode('Preamble')], { level: 2 }),
      element('paragraph', [
        textNode('The State shall '),
        textNode('adopt', { bold: {} }),
        textNode(' a law on '),
        textNode('equal rights', { italic: {} }),
        textNode('.'),
      ]),
    ]),
  );
  editor.bob.edit(rec1, (f) =>
    f.insert(f.length, [
      element('bulletList', [
        element('listItem', [element('paragraph', [textNode('Quotas in parliament')])]),
        element('listItem', [element('paragraph', [textNode('Equal pay audits')])]),
      ]),
    ]),
  );
  editor.alice.edit(rec1, (f) => {
    const list = f.get(2) as Y.XmlElement;
    const para = (list.get(0) as Y.XmlElement).get(0) as Y.XmlElement;
    (para.get(0) as Y.XmlText).insert('Quotas in parliament'.length, ' by 2030');
  });
  // Rec 2: bob an ordered list, dana a closing paragraph.
  editor.bob.edit(rec2, (f) =>
    f.insert(0, [
      element(
        'orderedList',
        [
          element('listItem', [element('paragraph', [textNode('Open shelters in every region')])]),
          element('listItem', [element('paragraph', [textNode('Train the police')])]),
        ],
        { start: 1 },
      ),
    ]),
  );
  editor.dana.edit(rec2, (f) =>
    f.insert(f.length, [element('paragraph', [textNode('Funded from the state budget.')])]),
  );

  return {
    doc,
    item1,
    item2,
    rec1,
    rec2,
    bindings: [
      { clientId: CLIENT.alice, userId: cast.alice.userId },
      { clientId: CLIENT.bob, userId: cast.bob.userId },
      { clientId: CLIENT.dana, userId: cast.dana.userId },
    ],
    audit,
    end: s(800),
    editor,
  };
}
