import * as Y from 'yjs';
import { formatProblem, nodeAttrProblem, type EditorRules, type NodeRule } from '@kenes/shared';
import { ContentRef, TypeRef, type DecodedStruct } from './decodeUpdate.js';
import { deny } from './GuardDenial.js';
import type { RegionIndex } from './RegionIndex.js';
import type { ParentRef, Placement } from './resolveParent.js';

/** What an item's parent is, in the editor's terms. */
type Container =
  /** The fragment (the `doc` node) or an element: holds elements, text, attributes. */
  | { kind: 'node'; rule: NodeRule; fragment: boolean }
  /** A Y.XmlText inside the element `element`: holds characters and formats. */
  | { kind: 'text'; element: NodeRule };

/**
 * Checks one new item inside a texts fragment against the editor's schema
 * (`editorRules` of @kenes/shared, the rules the client's editor is built
 * from) and denies anything else.
 *
 * Why: the Yjs binding of the editor cannot build a ProseMirror node for an
 * unknown element or mark, and then deletes that content from the shared
 * document, in every member's browser that opens it, as an ordinary edit.
 *
 * The check is per item and its parent, which covers every way content can
 * arrive: a new element under an existing or new element, text into an
 * existing element, a format into existing text, an attribute on any
 * element. A parent's name is fixed when it is created, so what passes
 * here stays inside the schema whatever concurrent edits do.
 *
 * Deny by default: only element, text, string, format, attribute (one any
 * value under a key) and deleted content, each where the schema has it.
 */
export function checkSchema(
  s: DecodedStruct,
  placement: Placement & { kind: 'inside' },
  placements: ReadonlyMap<DecodedStruct, Placement>,
  regions: RegionIndex,
  rules: EditorRules,
): void {
  // Deleted content renders nothing (Yjs integrates it as deleted).
  if (s.contentRef === ContentRef.deleted) return;
  const c = containerOf(placement.parent, placements, regions, rules);
  const key = placement.parentSub;
  switch (s.contentRef) {
    case ContentRef.string:
      if (c.kind !== 'text' || key !== null) deny('string_outside_text');
      return;
    case ContentRef.format: {
      if (c.kind !== 'text' || key !== null) deny('format_outside_text');
      const problem = formatProblem(s.formatKey as string, s.value, c.element, rules);
      if (problem !== null) deny('bad_format', problem);
      return;
    }
    case ContentRef.any: {
      if (key === null) deny('value_outside_attribute');
      if (c.kind === 'text') deny('attribute_on_text');
      // The fragment's own keys are denied earlier (RegionIndex.isWritable).
      if (c.fragment) deny('attribute_on_fragment');
      if (s.valueCount !== 1) deny('attribute_values');
      const problem = nodeAttrProblem(c.rule, key, s.value);
      if (problem !== null) deny('bad_attribute', problem);
      return;
    }
    case ContentRef.type: {
      if (key !== null) deny('element_under_key');
      if (c.kind === 'text') deny('element_in_text');
      if (s.typeRef === TypeRef.xmlText) {
        if (!c.rule.text) deny('text_not_allowed', c.rule.name);
        return;
      }
      const name = s.nodeName as string;
      if (!rules.nodes.has(name)) deny('unknown_element', clipName(name));
      if (!c.rule.children.has(name)) deny('child_not_allowed', name, c.rule.name);
      return;
    }
    default:
      deny('schema_content_kind', s.contentRef);
  }
}

/** The schema role of a parent: the doc's fragment or element or text, or one the update creates. */
function containerOf(
  parent: ParentRef,
  placements: ReadonlyMap<DecodedStruct, Placement>,
  regions: RegionIndex,
  rules: EditorRules,
): Container {
  if (parent instanceof Y.AbstractType) {
    if (parent instanceof Y.XmlText) {
      const element = parent._item?.parent;
      if (!(element instanceof Y.XmlElement)) return deny('text_outside_element');
      const rule = elementRule(element.nodeName, rules);
      if (!rule.text) deny('inside_text_not_allowed', rule.name);
      return { kind: 'text', element: rule };
    }
    if (regions.isTextsFragment(parent)) return { kind: 'node', rule: rules.root, fragment: true };
    if (parent instanceof Y.XmlElement)
      return { kind: 'node', rule: elementRule(parent.nodeName, rules), fragment: false };
    return deny('foreign_type');
  }
  // A type this update creates: it passed this check when it was placed
  // (integration order puts parents first), so its name is known.
  if (parent.contentRef === ContentRef.type && parent.typeRef === TypeRef.xmlElement)
    return { kind: 'node', rule: elementRule(parent.nodeName as string, rules), fragment: false };
  if (parent.contentRef === ContentRef.type && parent.typeRef === TypeRef.xmlText) {
    const p = placements.get(parent);
    if (p === undefined || p.kind !== 'inside') return deny('unresolved_parent');
    const element = containerOf(p.parent, placements, regions, rules);
    if (element.kind !== 'node' || element.fragment) return deny('text_outside_element');
    return { kind: 'text', element: element.rule };
  }
  return deny('foreign_type');
}

function elementRule(name: string, rules: EditorRules): NodeRule {
  return rules.nodes.get(name) ?? deny('inside_unknown_element', clipName(name));
}

function clipName(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 40)}…`;
}
