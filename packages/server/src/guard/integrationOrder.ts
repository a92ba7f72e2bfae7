import type * as Y from 'yjs';
import type { DecodedStruct, DecodedUpdate, StructId } from './decodeUpdate.js';
import { deny } from './GuardDenial.js';
import type { StructLookup } from './StructLookup.js';

const UNVISITED = 0;
const ON_PATH = 1;
const DONE = 2;

/**
 * Checks that Yjs could integrate every struct of the update at once, and
 * returns the structs that are new to the doc in an order where each comes
 * after everything it depends on.
 *
 * Why: an update Yjs cannot fully integrate is not rejected by Yjs. Its
 * structs wait in `store.pendingStructs` (and its deletions in `pendingDs`)
 * forever, get persisted with the doc and sent to every newcomer. So the
 * guard denies, up front:
 * - a Skip struct (an explicit hole in the data);
 * - a client whose structs start past the doc's state for it (a gap);
 * - a reference (origin, right origin, parent id) to an id that is neither
 *   in the doc nor among the update's new structs;
 * - a reference of a struct to a later clock of its own client (Yjs does
 *   not check those and throws mid-transaction, leaving it half applied);
 * - circular dependencies between clients (Yjs parks them as pending);
 * - a root name the doc does not have, even on an already known struct:
 *   Yjs calls `doc.get(name)` while *reading*, creating the root.
 */
export function integrationOrder(
  doc: Y.Doc,
  update: DecodedUpdate,
  lookup: StructLookup,
): DecodedStruct[] {
  const fresh: DecodedStruct[] = [];
  for (const group of update.groups) {
    if (group.structs.length === 0) continue;
    const state = lookup.docState(group.client);
    if (group.clock > state) deny('client_gap', group.client, group.clock, state);
    for (const s of group.structs) {
      if (s.kind === 'skip') deny('skip_struct');
      if (s.parentKey !== null && !doc.share.has(s.parentKey)) deny('new_root', s.parentKey);
      const isNew = s.clock + s.length > state;
      if (isNew) {
        fresh.push(s);
      } else {
        // A known struct is skipped by Yjs, but only after `getMissing` has
        // looked up its references. It was integrated once, so they must
        // all be in the doc; anything else is forged.
        for (const ref of refsOf(s)) {
          if (!lookup.inDoc(ref)) deny('known_struct_unknown_ref');
        }
      }
    }
  }

  const order: DecodedStruct[] = [];
  for (const start of fresh) {
    if (start.mark !== UNVISITED) continue;
    // Iterative depth-first walk: a hostile chain of 20,000 structs must not
    // overflow the guard's own stack.
    const stack: DecodedStruct[] = [start];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as DecodedStruct;
      if (top.mark === UNVISITED) {
        top.mark = ON_PATH;
        for (const dep of dependenciesOf(top, update, lookup)) {
          if (dep.mark === ON_PATH) deny('circular_dependency');
          if (dep.mark === UNVISITED) stack.push(dep);
        }
      } else {
        stack.pop();
        if (top.mark === ON_PATH) {
          top.mark = DONE;
          order.push(top);
        }
      }
    }
  }
  return order;
}

/** The ids a struct refers to. */
function refsOf(s: DecodedStruct): StructId[] {
  const refs: StructId[] = [];
  if (s.origin !== null) refs.push(s.origin);
  if (s.rightOrigin !== null) refs.push(s.rightOrigin);
  if (s.parentId !== null) refs.push(s.parentId);
  return refs;
}

/**
 * The update's new structs that `s` needs integrated first: the previous
 * struct of its own client (Yjs integrates a client's structs in clock
 * order) and the structs holding its references to other clients. Denies
 * references that resolve nowhere.
 */
function dependenciesOf(
  s: DecodedStruct,
  update: DecodedUpdate,
  lookup: StructLookup,
): DecodedStruct[] {
  const deps: DecodedStruct[] = [];
  const group = update.byClient.get(s.client);
  if (group !== undefined && s.clock > group.clock) {
    const prev = lookup.updateStruct(s.client, s.clock - 1);
    if (prev !== undefined && prev.clock + prev.length > lookup.docState(s.client)) deps.push(prev);
  }
  for (const ref of refsOf(s)) {
    if (ref.client === s.client) {
      // Earlier clocks of the own client are in the doc or earlier in this
      // group (the group is contiguous and starts within the doc's state).
      if (ref.clock >= s.clock) deny('later_own_clock');
      continue;
    }
    if (lookup.inDoc(ref)) continue;
    const target = lookup.updateStruct(ref.client, ref.clock);
    if (target === undefined) deny('unknown_ref', ref.client, ref.clock);
    deps.push(target);
  }
  return deps;
}
