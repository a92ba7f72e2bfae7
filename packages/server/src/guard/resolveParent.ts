import * as Y from 'yjs';
import { ContentRef, type DecodedStruct, type StructId } from './decodeUpdate.js';
import type { GuardLimits } from './limits.js';
import { deny } from './GuardDenial.js';
import { denyRootWrite, type RegionIndex, type YType } from './RegionIndex.js';
import type { StructLookup } from './StructLookup.js';

/** A parent type: one of the doc, or a type item created by the update itself. */
export type ParentRef = YType | DecodedStruct;

/** Where a new item of the update will land. */
export type Placement =
  /** Yjs will integrate it as a GC struct: no content, no parent, no key. */
  | { kind: 'inert' }
  /** Inside a texts fragment, under `parent` (and `parentSub`), at `depth`. */
  | { kind: 'inside'; parent: ParentRef; parentSub: string | null; depth: number };

const INERT: Placement = { kind: 'inert' };

/** A neighbour (origin/right origin) as Yjs sees it: a GC, or an item with its parent. */
type Neighbour = 'gc' | { parent: ParentRef; parentSub: string | null };

/**
 * Resolves where a new item of the update lands, exactly as Yjs's
 * `Item.getMissing` will (yjs 13.6 src/structs/Item.js), and denies it when
 * that is outside the inside of a texts fragment.
 *
 * Yjs's rule: when the item has an origin or right origin, its parent and key
 * are those of the origin's item (else the right origin's); if either
 * neighbour is a GC struct the item becomes a GC struct itself. Otherwise the
 * parent is written: a root name, or the id of a type item (a GC there, or a
 * deleted type whose content was collected, also makes it a GC).
 *
 * `placements` must already hold every update struct this one refers to
 * (callers walk in {@link integrationOrder}).
 */
export function resolveParent(
  s: DecodedStruct,
  lookup: StructLookup,
  regions: RegionIndex,
  placements: Map<DecodedStruct, Placement>,
  limits: GuardLimits,
): Placement {
  const left = s.origin === null ? null : neighbour(s.origin, lookup, placements);
  const right = s.rightOrigin === null ? null : neighbour(s.rightOrigin, lookup, placements);
  // Inert items are harmless: Yjs stores a GC struct in their place. They
  // arise legitimately when someone types in a paragraph another user has
  // just deleted (the server collected its children), so denying them
  // would disconnect honest users in an ordinary race.
  if (left === 'gc' || right === 'gc') return INERT;
  if (left !== null || right !== null) {
    // Yjs links the item after its origin but takes the parent from the
    // origin alone; a right origin under another parent never happens in an
    // honest update and is denied rather than reasoned about.
    if (
      left !== null &&
      right !== null &&
      (left.parent !== right.parent || left.parentSub !== right.parentSub)
    ) {
      deny('origins_differ');
    }
    const n = (left ?? right) as Exclude<Neighbour, 'gc'>;
    return place(n.parent, n.parentSub, regions, placements, limits);
  }
  if (s.parentKey !== null) denyRootWrite(s.parentKey, s.parentSub, 'write');
  // No origins and no key: the parent is written as an id.
  const found = lookup.find(s.parentId as StructId);
  if (found === null) return deny('unknown_parent');
  if (found.where === 'doc') {
    const p = found.struct;
    if (p instanceof Y.GC) return INERT;
    if (p.content instanceof Y.ContentType)
      return place(p.content.type as YType, s.parentSub, regions, placements, limits);
    // A deleted type whose children were collected: `content.type` is
    // undefined and Yjs stores a GC struct.
    if (p.content instanceof Y.ContentDeleted) return INERT;
    return deny('parent_not_type');
  }
  const p = found.struct;
  if (p.kind === 'gc' || placements.get(p)?.kind === 'inert') return INERT;
  if (p.contentRef === ContentRef.deleted) return INERT;
  if (p.contentRef !== ContentRef.type) deny('parent_not_type');
  return place(p, s.parentSub, regions, placements, limits);
}

/** The neighbour at `id`, as Yjs will find it. */
function neighbour(
  id: StructId,
  lookup: StructLookup,
  placements: Map<DecodedStruct, Placement>,
): Neighbour {
  const found = lookup.find(id);
  if (found === null) return deny('unknown_origin');
  if (found.where === 'doc') {
    const n = found.struct;
    if (n instanceof Y.GC) return 'gc';
    // Store items always have a type parent (see RegionIndex.of).
    return { parent: n.parent as YType, parentSub: n.parentSub };
  }
  const n = found.struct;
  if (n.kind === 'gc') return 'gc';
  const placement = placements.get(n);
  // integrationOrder puts every dependency first, so this is a bug guard.
  if (placement === undefined) return deny('unresolved_dependency');
  if (placement.kind === 'inert') return 'gc';
  return { parent: placement.parent, parentSub: placement.parentSub };
}

/** Denies a parent outside the writable region; returns the placement otherwise. */
function place(
  parent: ParentRef,
  parentSub: string | null,
  regions: RegionIndex,
  placements: Map<DecodedStruct, Placement>,
  limits: GuardLimits,
): Placement {
  let depth: number;
  if (parent instanceof Y.AbstractType) {
    if (!regions.isWritable(parent, parentSub)) regions.denyOutside(parent, parentSub, 'write');
    depth = regions.of(parent).depth + 1;
  } else {
    // A type created earlier in this update: it was placed inside already
    // (or the walk would have stopped), and its children are inside too.
    const p = placements.get(parent);
    if (p === undefined || p.kind !== 'inside') return deny('unresolved_parent');
    depth = p.depth + 1;
  }
  if (depth > limits.maxDepth) deny('nested_too_deeply', limits.maxDepth);
  return { kind: 'inside', parent, parentSub, depth };
}
