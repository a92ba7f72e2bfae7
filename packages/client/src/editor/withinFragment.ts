import * as Y from 'yjs';

/** True when `type` is `fragment` or lies inside it (Yjs types know their parents). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type (Yjs types parents so)
export function isWithin(type: Y.AbstractType<any>, fragment: Y.XmlFragment): boolean {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  for (let t: Y.AbstractType<any> | null = type; t !== null;) {
    if (t === fragment) return true;
    const parent: unknown = t._item?.parent;
    t = parent instanceof Y.AbstractType ? parent : null;
  }
  return false;
}
