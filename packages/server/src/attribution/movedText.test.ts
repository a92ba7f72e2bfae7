import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pino } from 'pino';
import { meetingRoots } from '@kenes/shared';
import {
  joinBackward,
  joinForward,
  setBlockType,
  splitBlock,
  toggleMark,
} from '@tiptap/pm/commands';
import { liftListItem, wrapInList } from '@tiptap/pm/schema-list';
import { HeadlessEditor, editorSchema } from '../test-support/headlessEditor.js';
import { attributeAuthorship, authorshipBlocks, type Author } from '../outcome/authorship.js';
import type { TextAttribution } from '../store/Store.js';
import { AttributionIndex } from './AttributionIndex.js';
import { attributeBatch } from './attributeBatch.js';
import { scanUpdate } from './findMoves.js';

/**
 * Moved-text attribution end to end without sockets: two people edit one
 * recommendation in editors that write to Yjs through the real y-prosemirror
 * binding code (`HeadlessEditor`); each update goes through the sync
 * pipeline's hook (`attributeBatch`) before it is applied to the room's doc,
 * as `RoomPipeline` does; authorship is then read as the route reads it.
 */

const ngo: Author = {
  userId: 'u-ngo',
  name: 'Dana Seitkali',
  organisation: 'Union of Crisis Centres',
  orgType: 'ngo',
};
const chair: Author = {
  userId: 'u-chair',
  name: 'Aliya Chair',
  organisation: 'Ministry of Foreign Affairs',
  orgType: 'government',
};
const undp: Author = {
  userId: 'u-undp',
  name: 'Erik Observer',
  organisation: 'UNDP',
  orgType: 'international',
};
const people = new Map([ngo, chair, undp].map((a) => [a.userId, a]));
const schema = editorSchema();

/** The room: its doc, bindings and stored records, fed the way the pipeline feeds it. */
class Room {
  readonly doc = new Y.Doc();
  readonly owners = new Map<number, string>();
  readonly records: TextAttribution[] = [];
  private readonly log = pino({ level: 'silent' });

  constructor() {
    this.doc.clientID = 1;
    meetingRoots(this.doc).texts.set('r1', new Y.XmlFragment());
  }

  editor(clientId: number, who: Author): HeadlessEditor {
    this.owners.set(clientId, who.userId);
    return new HeadlessEditor(this.doc, clientId, 'r1');
  }

  /** Accepts one update: attribution first (on the doc before it), then apply. */
  async deliver(update: Uint8Array, who: Author): Promise<void> {
    const moved = await attributeBatch(
      {
        meetingId: 'm',
        doc: this.doc,
        owners: this.owners,
        log: this.log,
        docs: {
          loadAttributions: async (_m, clients) =>
            this.records.filter((r) => !clients || clients.includes(r.clientId)),
        },
      },
      [{ update, userId: who.userId }],
    );
    this.records.push(...moved.flat());
    Y.applyUpdate(this.doc, update);
  }

  /** Types `text` keystroke by keystroke, each delivered before the next. */
  async type(e: HeadlessEditor, who: Author, text: string): Promise<void> {
    const pending: Uint8Array[] = [];
    e.type(text, (u) => {
      pending.push(u);
      Y.applyUpdate(this.doc, u); // the editor's next catch-up sees it
    });
    // (keystrokes carry no deletion: the hook passes them over, checked below)
    for (const u of pending) expect(scanUpdate(u)).toBeNull();
  }

  /** Blocks as `organisation: text` runs, as the authorship view shows them. */
  authorship(): string[][] {
    const [rec] = attributeAuthorship(
      [{ id: 'r1', title: '', blocks: authorshipBlocks(meetingRoots(this.doc).texts.get('r1')) }],
      (client) => people.get(this.owners.get(client) ?? '') ?? null,
      {
        index: new AttributionIndex(this.records),
        authorOfUser: (id) => people.get(id) ?? null,
      },
    );
    return rec!.blocks.map((b) => b.runs.map((r) => `${r.organisation ?? '?'}: ${r.text}`));
  }
}

const NGO = 'Union of Crisis Centres';
const MFA = 'Ministry of Foreign Affairs';

/** The start: the NGO types two lines; the chair's editor is open on them. */
async function twoNgoLines() {
  const room = new Room();
  const dana = room.editor(100, ngo);
  const aliya = room.editor(200, chair);
  await room.deliver(
    dana.apply(
      () => undefined,
      (s) => s.tr.insert(0, schema.node('paragraph')),
    ),
    ngo,
  );
  dana.select(1);
  await room.type(dana, ngo, 'First NGO sentence.');
  await room.deliver(
    dana.run(() => undefined, splitBlock),
    ngo,
  );
  await room.type(dana, ngo, 'Second NGO sentence.');
  expect(room.authorship()).toEqual([
    [`${NGO}: First NGO sentence.`],
    [`${NGO}: Second NGO sentence.`],
  ]);
  return { room, dana, aliya };
}

describe('authorship follows text the editor re-inserts', () => {
  it('join: the chair presses Delete at the end of line one', async () => {
    const { room, aliya } = await twoNgoLines();
    const u = aliya.run((e) => e.select(e.posOf('First NGO sentence.')), joinForward);
    await room.deliver(u, chair);
    expect(room.authorship()).toEqual([[`${NGO}: First NGO sentence.Second NGO sentence.`]]);
  });

  it('join: Backspace at the start of line two', async () => {
    const { room, aliya } = await twoNgoLines();
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('Second', true)), joinBackward),
      chair,
    );
    expect(room.authorship()).toEqual([[`${NGO}: First NGO sentence.Second NGO sentence.`]]);
  });

  it('split: the chair presses Enter in the middle of an NGO sentence', async () => {
    const { room, aliya } = await twoNgoLines();
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO ')), splitBlock),
      chair,
    );
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO `],
      [`${NGO}: sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
  });

  it('split before the last two characters (a short tail moves whole)', async () => {
    const { room, aliya } = await twoNgoLines();
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('Second NGO sentenc')), splitBlock),
      chair,
    );
    expect(room.authorship().at(-1)).toEqual([`${NGO}: e.`]);
  });

  it('an empty line above an NGO paragraph: removed (nothing moves), then a join across it', async () => {
    const { room, aliya } = await twoNgoLines();
    // Enter at the end of line one opens an empty line above the NGO's second paragraph.
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO sentence.')), splitBlock),
      chair,
    );
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`],
      [],
      [`${NGO}: Second NGO sentence.`],
    ]);
    // Backspace at the start of the NGO's paragraph removes the empty line.
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('Second', true)), joinBackward),
      chair,
    );
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
    // Once more, removed with Delete from the end of line one: the lines then join.
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO sentence.')), splitBlock),
      chair,
    );
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO sentence.')), joinForward),
      chair,
    );
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO sentence.')), joinForward),
      chair,
    );
    expect(room.authorship()).toEqual([[`${NGO}: First NGO sentence.Second NGO sentence.`]]);
  });

  it('moving a paragraph below another keeps both authors', async () => {
    const { room, aliya } = await twoNgoLines();
    await room.deliver(
      aliya.apply(
        () => undefined,
        (s) =>
          s.tr.insert(
            s.doc.content.size,
            schema.node('paragraph', null, schema.text('Chair text.')),
          ),
      ),
      chair,
    );
    // The chair drags the NGO's first paragraph to the end.
    const u = aliya.apply(
      () => undefined,
      (s) => {
        const first = s.doc.child(0);
        const tr = s.tr.delete(0, first.nodeSize);
        return tr.insert(tr.doc.content.size, first);
      },
    );
    await room.deliver(u, chair);
    expect(room.authorship()).toEqual([
      [`${NGO}: Second NGO sentence.`],
      [`${MFA}: Chair text.`],
      [`${NGO}: First NGO sentence.`],
    ]);
  });

  it('re-formatting: bold keeps the text in place, a heading re-inserts it', async () => {
    const { room, aliya } = await twoNgoLines();
    await room.deliver(
      aliya.run(
        (e) => e.select(e.posOf('First', true), e.posOf('First NGO')),
        toggleMark(schema.marks.bold!),
      ),
      chair,
    );
    await room.deliver(
      aliya.run(
        (e) => e.select(e.posOf('Second', true)),
        setBlockType(schema.nodes.heading!, { level: 2 }),
      ),
      chair,
    );
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
  });

  it('re-formatting: into a bullet list and out of it again', async () => {
    const { room, aliya } = await twoNgoLines();
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('Second', true)), wrapInList(schema.nodes.bulletList!)),
      chair,
    );
    expect(meetingRoots(room.doc).texts.get('r1')!.toString()).toContain('<bulletlist>');
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('Second', true)), liftListItem(schema.nodes.listItem!)),
      chair,
    );
    expect(meetingRoots(room.doc).texts.get('r1')!.toString()).not.toContain('<bulletlist>');
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
  });

  it('text moved twice keeps its first author', async () => {
    const { room, aliya } = await twoNgoLines();
    const erik = room.editor(300, undp);
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO sentence.')), joinForward),
      chair,
    );
    // The joined text is now items of the chair's client; UNDP splits it again.
    await room.deliver(
      erik.run((e) => e.select(e.posOf('First NGO sentence.')), splitBlock),
      undp,
    );
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`],
      [`${NGO}: Second NGO sentence.`],
    ]);
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('Second', true)), joinBackward),
      chair,
    );
    expect(room.authorship()).toEqual([[`${NGO}: First NGO sentence.Second NGO sentence.`]]);
  });

  it('what a person types is theirs: typing over a selection, text typed into a moved line', async () => {
    const { room, aliya } = await twoNgoLines();
    // The chair selects "Second" and types "Third" over it: the first letter replaces the selection.
    await room.deliver(
      aliya.apply(
        (e) => e.select(e.posOf('Second', true), e.posOf('Second')),
        (s) => s.tr.insertText('T'),
      ),
      chair,
    );
    await room.type(aliya, chair, 'hird');
    await room.deliver(
      aliya.run((e) => e.select(e.posOf('First NGO sentence.')), joinForward),
      chair,
    );
    expect(room.authorship()).toEqual([
      [`${NGO}: First NGO sentence.`, `${MFA}: Third`, `${NGO}:  NGO sentence.`],
    ]);
  });
});

/** A small seeded PRNG (mulberry32). */
function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/**
 * One random structural change in `e` (split, join either way, move a block,
 * heading ⇄ paragraph, bold over part of a block) — never new text. Answers
 * its update, or null when the command did not apply there.
 */
function structuralChange(
  e: HeadlessEditor,
  int: (n: number) => number,
  ops: string[],
): Uint8Array | null {
  e.sync();
  const doc = e.pm;
  const i = int(doc.childCount);
  let start = 0;
  for (let k = 0; k < i; k++) start += doc.child(k).nodeSize;
  const block = doc.child(i);
  const from = start + 1;
  const to = from + block.content.size;
  const at = from + int(block.content.size + 1);
  const op = int(6);
  ops.push(`${op}@${i}:${at - from}`);
  try {
    if (op === 0) return e.run((x) => x.select(at), splitBlock);
    if (op === 1) return e.run((x) => x.select(to), joinForward);
    if (op === 2) return e.run((x) => x.select(from), joinBackward);
    if (op === 3) {
      const j = int(doc.childCount);
      return e.apply(
        () => undefined,
        (s) => {
          const tr = s.tr.delete(start, start + block.nodeSize);
          let pos = 0;
          for (let k = 0; k < Math.min(j, tr.doc.childCount); k++) pos += tr.doc.child(k).nodeSize;
          return tr.insert(pos, block);
        },
      );
    }
    if (op === 4)
      return e.run(
        (x) => x.select(at),
        block.type.name === 'heading'
          ? setBlockType(schema.nodes.paragraph!)
          : setBlockType(schema.nodes.heading!, { level: 2 }),
      );
    return e.run((x) => x.select(from, at), toggleMark(schema.marks.bold!));
  } catch (err) {
    if (err instanceof Error && /did not apply|wrote nothing/.test(err.message)) return null;
    throw err;
  }
}

const WORDS = ['women', 'rights', 'the', 'State', 'shall', 'law', 'a', 'of', 'equal', 'pay', '.'];

describe('moved text, seeded', () => {
  it("whatever the chair splits, joins, moves and re-formats, text she never typed stays the NGO's", async () => {
    for (
      let seed = Number(process.env.MOVED_SEED_FROM ?? 1);
      seed <= Number(process.env.MOVED_SEED_TO ?? 30);
      seed++
    ) {
      const int = prng(seed);
      const room = new Room();
      const dana = room.editor(100, ngo);
      const aliya = room.editor(200, chair);
      const paragraphs = Array.from({ length: 2 + int(3) }, () =>
        Array.from({ length: 3 + int(8) }, () => WORDS[int(WORDS.length)]).join(' '),
      );
      await room.deliver(
        dana.apply(
          () => undefined,
          (s) =>
            s.tr.insert(
              0,
              paragraphs.map((t) => schema.node('paragraph', null, schema.text(t))),
            ),
        ),
        ngo,
      );
      const chars = paragraphs.join('').length;
      const ops: string[] = [];
      for (let step = 0; step < 12; step++) {
        const u = structuralChange(aliya, int, ops);
        if (u) await room.deliver(u, chair);
        const runs = room.authorship().flat();
        const context = `seed ${seed}, ops ${ops.join(' ')}`;
        expect(
          runs.filter((r) => !r.startsWith(`${NGO}: `)),
          context,
        ).toEqual([]);
        expect(runs.join('').replaceAll(`${NGO}: `, '').length, context).toBe(chars);
      }
    }
  }, 60_000);

  it("two people restructure each other's text: each keeps what they wrote", async () => {
    for (let seed = 1; seed <= Number(process.env.MOVED_SEED_TO ?? 30); seed++) {
      const int = prng(seed);
      const room = new Room();
      const dana = room.editor(100, ngo);
      const aliya = room.editor(200, chair);
      const para = (upper: boolean) =>
        Array.from({ length: 2 + int(6) }, () => WORDS[int(WORDS.length)]!)
          .map((w) => (upper ? w.toUpperCase() : w.toLowerCase()))
          .join(' ');
      for (const [e, who, upper] of [
        [dana, ngo, false],
        [aliya, chair, true],
      ] as const)
        await room.deliver(
          e.apply(
            () => undefined,
            (s) =>
              s.tr.insert(
                s.doc.content.size,
                Array.from({ length: 1 + int(3) }, () =>
                  schema.node('paragraph', null, schema.text(para(upper))),
                ),
              ),
          ),
          who,
        );
      const ops: string[] = [];
      for (let step = 0; step < 12; step++) {
        const [e, who] = int(2) ? ([dana, ngo] as const) : ([aliya, chair] as const);
        const u = structuralChange(e, int, ops);
        if (u) await room.deliver(u, who);
        const wrong = room
          .authorship()
          .flat()
          .filter((r) =>
            r.startsWith(`${NGO}: `)
              ? /[A-Z]/.test(r.slice(NGO.length))
              : /[a-z]/.test(r.slice(MFA.length + 2)),
          );
        expect(wrong, `seed ${seed}, ops ${ops.join(' ')}`).toEqual([]);
      }
    }
  }, 60_000);
});
