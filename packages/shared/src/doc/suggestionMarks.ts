import { Mark, mergeAttributes } from '@tiptap/core';

/**
 * The two suggestion marks of the editor (issue 18): `insertion` on text a
 * member suggests adding, `deletion` on text a member suggests removing.
 * Each carries `by` (the suggester's user id), `id` (`<userId>:<random>`,
 * unique without coordination) and `at` (when it was made, epoch ms of the
 * server's clock as the client reckons it; the guard keeps it near the
 * server's own; null on marks from before times were kept). What is shown
 * about the suggester (name, organisation) comes from the server's member
 * records, never from the mark.
 *
 * Both are non-inclusive (typing at a run's edge is not drawn into it: the
 * client marks what it inserts itself) and never parsed from pasted HTML
 * (a pasted `<ins>` would otherwise carry someone else's name in).
 *
 * Both may overlap themselves (`excludes: ''`): y-prosemirror then stores
 * each distinct mark under its own format key (`deletion--<hash of attrs>`).
 * Why: under one shared key, two members marking neighbouring text at the
 * same moment interleave their format items, and one's end marker cuts the
 * other's range short — a mark neither wrote. With a key per suggestion,
 * concurrent suggestions never touch each other's formats.
 */
export function suggestionMarks(): Mark[] {
  return [suggestionMark('insertion', 'ins'), suggestionMark('deletion', 'del')];
}

function suggestionMark(name: 'insertion' | 'deletion', tag: 'ins' | 'del'): Mark {
  return Mark.create({
    name,
    inclusive: false,
    excludes: '',
    addAttributes() {
      return {
        id: { default: null, rendered: false },
        by: { default: null, rendered: false },
        at: { default: null, rendered: false },
      };
    },
    parseHTML() {
      return [];
    },
    renderHTML({ mark, HTMLAttributes }) {
      return [
        tag,
        mergeAttributes(HTMLAttributes, {
          class: `suggestion-mark suggestion-mark-${name}`,
          'data-suggestion': String(mark.attrs.id ?? ''),
          'data-by': String(mark.attrs.by ?? ''),
        }),
        0,
      ];
    },
  });
}
