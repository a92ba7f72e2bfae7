import * as Y from 'yjs';
import { formatProblem, nodeAttrProblem, type EditorRules, type NodeRule } from '@kenes/shared';
import { ContentRef, TypeRef, type DecodedStruct } from './decodeUpdate.js';
import { refuse } from './Refusal.js';
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
 * from) and refuses anything else.
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
      if (c.kind !== 'text' || key !== null) refuse('string outside text');
      return;
    case ContentRef.format: {
      if (c.kind !== 'text' || key !== null) refuse('format outside text');
      const problem = formatProblem(s.formatKey as string, s.value, c.element, rules);
      if (problem !== null) refuse(problem);
      return;
    }
    case ContentRef.any: {
      if (key === null) refuse('a value outside an attribute');
      if (c.kind === 'text') refuse('attribute on text');
      // The fragment's own keys are refused earlier (RegionIndex.isWritable).
      if (c.fragment) refuse('attribute on the fragment');
      if (s.valueCount !== 1) refuse('attribute with several values');
      const problem = nodeAttrProblem(c.rule, key, s.value);
      if (problem !== null) refuse(problem);
      return;
    }
    case ContentRef.type: {
      if (key !== null) refuse('element under an attribute key');
      if (c.kind === 'text') refuse('element inside text');
      if (s.typeRef === TypeRef.xmlText) {
        if (!c.rule.text) refuse(`text in '${c.rule.name}'`);
        return;
      }
      const name = s.nodeName as string;
      if (!rules.nodes.has(name)) refuse(`unknown element '${clipName(name)}'`);
      if (!c.rule.children.has(name)) refuse(`'${name}' not allowed in '${c.rule.name}'`);
      return;
    }
    default:
      refuse(`content kind ${s.contentRef} not allowed in texts`);
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
      if (!(element instanceof Y.XmlElement)) return refuse('inside text outside an element');
      const rule = elementRule(element.nodeName, rules);
      if (!rule.text) refuse(`inside text in '${rule.name}'`);
      return { kind: 'text', element: rule };
    }
    if (regions.isTextsFragment(parent)) return { kind: 'node', rule: rules.root, fragment: true };
    if (parent instanceof Y.XmlElement)
      return { kind: 'node', rule: elementRule(parent.nodeName, rules), fragment: false };
    return refuse('inside a type the editor does not use');
  }
  // A type this update creates: it passed this check when it was placed
  // (integration order puts parents first), so its name is known.
  if (parent.contentRef === ContentRef.type && parent.typeRef === TypeRef.xmlElement)
    return { kind: 'node', rule: elementRule(parent.nodeName as string, rules), fragment: false };
  if (parent.contentRef === ContentRef.type && parent.typeRef === TypeRef.xmlText) {
    const p = placements.get(parent);
    if (p === undefined || p.kind !== 'inside') return refuse('internal: parent not resolved');
    const element = containerOf(p.parent, placements, regions, rules);
    if (element.kind !== 'node' || element.fragment)
      return refuse('inside text outside an element');
    return { kind: 'text', element: element.rule };
  }
  return refuse('inside a type the editor does not use');
}

function elementRule(name: string, rules: EditorRules): NodeRule {
  return rules.nodes.get(name) ?? refuse(`inside unknown element '${clipName(name)}'`);
}

function clipName(name: string): string {
  return name.length <= 40 ? name : `${name.slice(0, 40)}…`;
}
