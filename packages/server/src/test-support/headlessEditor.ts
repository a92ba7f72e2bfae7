import * as Y from 'yjs';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import {
  EditorState,
  TextSelection,
  type Command,
  type Plugin,
  type Transaction,
} from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import { editorSchema as sharedEditorSchema, meetingRoots } from '@kenes/shared';

/**
 * A browser editor without the browser: the client's schema (StarterKit as
 * `client/src/editor/extensions.ts` configures it), a ProseMirror state, and
 * the real y-prosemirror binding code of `@tiptap/y-tiptap` that turns each
 * ProseMirror change into Yjs operations. What `ySyncPlugin` does on a view:
 * a remote change rebuilds the ProseMirror doc and its Y↔PM mapping from the
 * fragment (`_typeChanged`); a local transaction is written back with
 * `updateYFragment` in one Yjs transaction (`_prosemirrorChanged`). So the
 * updates these editors send are the ones a browser's editor sends.
 */

/** The editor schema of the client (shared's, built once). */
export function editorSchema(): Schema {
  return sharedEditorSchema();
}

type Meta = ReturnType<typeof initProseMirrorDoc>['meta'];

/** One person's editor on one recommendation body. */
export class HeadlessEditor {
  readonly doc: Y.Doc;
  private state!: EditorState;
  private meta!: Meta;
  /** Editor plugins (the suggesting plugin, say): their appendTransaction runs on every change. */
  plugins: Plugin[] = [];

  /**
   * @param server the room's doc, or null for an editor on a doc kept
   *   current by a provider (`doc`): with a room doc the editor catches up
   *   from it before each change, and a change returns the update the server
   *   would receive.
   * @param doc the doc to edit (a provider's); default a fresh one.
   */
  constructor(
    private readonly server: Y.Doc | null,
    clientId: number,
    private readonly recId: string,
    doc?: Y.Doc,
  ) {
    this.doc = doc ?? new Y.Doc();
    this.doc.clientID = clientId;
    this.sync();
  }

  private get fragment(): Y.XmlFragment {
    const f = meetingRoots(this.doc).texts.get(this.recId);
    if (!f) throw new Error(`no text ${this.recId}`);
    return f;
  }

  /** Takes in what the server holds and rebuilds the editor from the fragment, as on a remote change. */
  sync(): void {
    if (this.server)
      Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(this.doc)));
    if (!meetingRoots(this.doc).texts.get(this.recId)) return;
    const { doc, meta } = initProseMirrorDoc(this.fragment, editorSchema());
    this.meta = meta;
    // The caret stays where it was (clamped), as the binding restores it.
    const sel = this.state?.selection;
    this.state = EditorState.create({ schema: editorSchema(), doc, plugins: this.plugins });
    if (sel) {
      const max = doc.content.size;
      const at = (n: number) => Math.max(0, Math.min(n, max));
      this.state = this.state.apply(
        this.state.tr.setSelection(
          TextSelection.between(doc.resolve(at(sel.anchor)), doc.resolve(at(sel.head))),
        ),
      );
    }
  }

  /** The ProseMirror document. */
  get pm(): PmNode {
    return this.state.doc;
  }

  /** Position just after the first occurrence of `text` (or before it with `before`). */
  posOf(text: string, before = false): number {
    let found = -1;
    this.state.doc.descendants((node, pos) => {
      if (found >= 0 || !node.isText) return found < 0;
      const at = node.text!.indexOf(text);
      if (at >= 0) found = pos + at + (before ? 0 : text.length);
      return false;
    });
    if (found < 0) throw new Error(`no "${text}" in the editor`);
    return found;
  }

  /** Puts the caret at `pos` (or selects `pos`–`to`). */
  select(pos: number, to = pos): this {
    this.state = this.state.apply(
      this.state.tr.setSelection(TextSelection.create(this.state.doc, pos, to)),
    );
    return this;
  }

  /** Catches up, places the selection, runs a ProseMirror command, writes it back; returns the update. */
  run(place: (e: this) => void, command: Command): Uint8Array {
    return this.apply(place, (state) => {
      let tr: Transaction | undefined;
      if (!command(state, (t) => (tr = t)) || !tr) throw new Error('command did not apply');
      return tr;
    });
  }

  /**
   * Catches up, places the selection (`place`), applies the transaction
   * `makeTr` builds, writes the change back through y-prosemirror in one Yjs
   * transaction (as the binding does) and returns that update.
   */
  apply(place: (e: this) => void, makeTr: (state: EditorState) => Transaction): Uint8Array {
    this.sync();
    place(this);
    this.state = this.state.apply(makeTr(this.state));
    // What y-websocket sends: the transaction's own update (its delete set holds only its deletions).
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array): void => {
      update = u;
    };
    this.doc.on('update', capture);
    this.doc.transact(() => {
      updateYFragment(this.doc, this.fragment, this.state.doc, this.meta);
    }, ySyncPluginKey);
    this.doc.off('update', capture);
    if (!update) throw new Error('the change wrote nothing');
    return update;
  }

  /** Types `text` at the caret, one update per keystroke; `deliver` takes each (to the server). */
  type(text: string, deliver: (update: Uint8Array) => void): void {
    for (const ch of text)
      deliver(
        this.apply(
          () => undefined,
          (s) => s.tr.insertText(ch),
        ),
      );
  }
}
