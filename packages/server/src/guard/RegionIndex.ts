import * as Y from 'yjs';
import { CONTROL_ROOTS, ROOT } from '@kenes/shared';
import { deny } from './GuardDenial.js';

/**
 * Any shared type of a doc. Yjs parameterises types by their event class
 * and types parents as `AbstractType<any>`; the guard never reads events.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs's own parent type
export type YType = Y.AbstractType<any>;

/** Where a type of the room's doc sits. */
export interface TypeRegion {
  /** The type is a texts fragment or lies anywhere inside one. */
  inside: boolean;
  /** The type is a texts fragment itself (the value of a `texts` entry). */
  fragment: boolean;
  /** Levels below its root: a root is 0, a texts fragment 1. */
  depth: number;
  /** The `texts` key (recommendation id) of the fragment it lies in, or null when outside. */
  text: string | null;
  /** The root type it hangs from. */
  root: YType;
}

/**
 * Classifies types of the room's doc: inside a texts fragment (writable by
 * clients) or not. Memoised per check, so an update touching many items of
 * one paragraph walks the parent chain once.
 *
 * The one writable region is the *inside* of an XmlFragment that is (or was)
 * the value of a `texts` entry. The entry itself (an item of the `texts`
 * map), keys set on the fragment, the control roots and any other root are
 * outside. A fragment that is a former value of its key (removed or replaced
 * by the server) still counts as inside: Yjs deletes anything inserted into
 * a deleted type at once, and a participant typing while the chair removes
 * the recommendation must not be disconnected for it.
 *
 * The text of a recommendation the chair removed (`removedAt` set: record
 * and fragment kept for `rec.restore`) is inside but not writable: the room
 * hides it, so only a raw client could write there. The text of an agreed
 * recommendation (status `agreed`) is read-only too, to every member, chair
 * included, until the chair sets its status back by command.
 */
export class RegionIndex {
  private readonly texts: YType | undefined;
  private readonly memo = new Map<YType, TypeRegion>();

  /**
   * @param removed ids of removed recommendations (`removedRecommendationIds`),
   *   computed once per check by the caller
   * @param agreed ids of agreed recommendations (`lockedRecommendationIds`), likewise
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly removed: ReadonlySet<string> = new Set(),
    private readonly agreed: ReadonlySet<string> = new Set(),
  ) {
    // Read the share map directly: `doc.getMap` would define the root,
    // and the guard must not mutate the doc.
    this.texts = doc.share.get(ROOT.texts);
  }

  /** True for an XmlFragment held directly by a `texts` entry. */
  isTextsFragment(type: YType): boolean {
    const item = type._item;
    // `constructor ===`, not instanceof: XmlElement extends XmlFragment.
    return (
      type.constructor === Y.XmlFragment &&
      item !== null &&
      this.texts !== undefined &&
      item.parent === this.texts &&
      item.parentSub !== null
    );
  }

  /** The region of a doc type. */
  of(type: YType): TypeRegion {
    const chain: YType[] = [];
    let base: TypeRegion;
    for (let t: YType = type; ;) {
      const known = this.memo.get(t);
      if (known !== undefined) {
        base = known;
        break;
      }
      const item = t._item;
      if (item === null) {
        base = { inside: false, fragment: false, depth: 0, root: t, text: null };
        this.memo.set(t, base);
        break;
      }
      if (this.isTextsFragment(t)) {
        // isTextsFragment checked the key is a string.
        base = {
          inside: true,
          fragment: true,
          depth: 1,
          root: this.texts as YType,
          text: item.parentSub as string,
        };
        this.memo.set(t, base);
        break;
      }
      chain.push(t);
      // Items in the store always have a type as parent (Yjs turns
      // parentless ones into GC structs); the declared type includes ID
      // only for items still being decoded.
      t = item.parent as YType;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      base = { ...base, fragment: false, depth: base.depth + 1 };
      this.memo.set(chain[i] as YType, base);
    }
    return base;
  }

  /**
   * True when an item with this parent and key lies inside a texts fragment:
   * in a type below a fragment (any key: element attributes are content),
   * or in the fragment's own list (not under a key of the fragment).
   */
  isInside(parent: YType, parentSub: string | null): boolean {
    const region = this.of(parent);
    return region.fragment ? parentSub === null : region.inside;
  }

  /** True when the type lies in a text no member may write: removed or agreed. */
  isLockedText(parent: YType): boolean {
    const { text } = this.of(parent);
    return text !== null && (this.removed.has(text) || this.agreed.has(text));
  }

  /** True when clients may write an item with this parent and key: inside a text neither removed nor agreed. */
  isWritable(parent: YType, parentSub: string | null): boolean {
    return this.isInside(parent, parentSub) && !this.isLockedText(parent);
  }

  /**
   * Denies an item with this parent and key outside the writable region: a
   * new item placed there (`'write'`) or a doc item the update deletes
   * (`'delete'`), each with the code that says where.
   */
  denyOutside(parent: YType, parentSub: string | null, op: RegionOp): never {
    const region = this.of(parent);
    const del = op === 'delete';
    if (region.fragment && parentSub !== null)
      return deny(del ? 'delete_fragment_key' : 'fragment_key');
    if (region.text !== null && this.removed.has(region.text))
      return deny(del ? 'delete_removed_text' : 'removed_text', region.text);
    if (region.text !== null && this.agreed.has(region.text))
      return deny(del ? 'delete_agreed_text' : 'agreed_text', region.text);
    if (parent === this.texts) return denyRootWrite(ROOT.texts, parentSub, op);
    return denyUnderRoot(this.rootName(region.root), op);
  }

  private rootName(root: YType): string {
    for (const [name, type] of this.doc.share) if (type === root) return name;
    return '?';
  }
}

/** What the guard checks a region for: placing a new item, or deleting a doc item. */
export type RegionOp = 'write' | 'delete';

/**
 * Denies a write directly under the root `root` (for the texts map: its
 * entry `parentSub`): every root is the server's, the texts map included.
 */
export function denyRootWrite(root: string, parentSub: string | null, op: RegionOp): never {
  if (root === ROOT.texts)
    return deny(op === 'delete' ? 'delete_texts_map' : 'texts_map', parentSub ?? '');
  return denyUnderRoot(root, op);
}

/** Denies a write anywhere below the root `root` other than a texts fragment. */
function denyUnderRoot(root: string, op: RegionOp): never {
  const del = op === 'delete';
  if ((CONTROL_ROOTS as readonly string[]).includes(root))
    return deny(del ? 'delete_control_root' : 'control_root', root);
  return deny(del ? 'delete_outside_texts' : 'outside_texts', root);
}
