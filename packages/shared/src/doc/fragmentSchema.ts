import * as Y from 'yjs';
import {
  clip,
  editorRules,
  formatProblem,
  markOfFormatKey,
  nodeAttrProblem,
  type EditorRules,
  type MarkRule,
  type NodeRule,
} from './editor.js';

/**
 * A recommendation's fragment checked against the editor's schema, for the
 * client: the Yjs binding cannot build a node for content outside it, and
 * then deletes that content from the shared document. The client checks
 * first and does not bind (see the client's editor), and renders what it
 * can from {@link safeFragmentJson}. The server's guard checks the same
 * rules on every update, so such content only exists in documents stored
 * before it did.
 */

/** ProseMirror JSON of the parts of a fragment inside the schema. */
export interface SafeNodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: SafeNodeJson[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/**
 * The first thing in `fragment` outside the editor's schema, described, or
 * null when everything is inside it.
 */
export function outsideSchema(
  fragment: Y.XmlFragment,
  r: EditorRules = editorRules(),
): string | null {
  return checkContainer(fragment, r.root, r);
}

/**
 * Like {@link outsideSchema}, for one type somewhere inside a fragment and
 * everything below it (a type a transaction changed). `type` must lie
 * inside a fragment: its parent chain decides which rule applies.
 */
export function outsideSchemaBelow(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type (a transaction's changed types)
  type: Y.AbstractType<any>,
  r: EditorRules = editorRules(),
): string | null {
  if (type instanceof Y.XmlText) {
    const parent = type.parent;
    const rule = parent instanceof Y.XmlElement ? r.nodes.get(parent.nodeName) : undefined;
    if (rule === undefined || !rule.text) return 'text outside a textblock';
    return checkText(type, rule, r);
  }
  if (type instanceof Y.XmlElement) {
    const rule = r.nodes.get(type.nodeName);
    return rule === undefined
      ? `unknown element '${clip(type.nodeName)}'`
      : checkContainer(type, rule, r);
  }
  if (type instanceof Y.XmlFragment) return checkContainer(type, r.root, r);
  return 'a type the editor does not use';
}

function checkContainer(container: Y.XmlFragment, rule: NodeRule, r: EditorRules): string | null {
  if (container instanceof Y.XmlElement) {
    for (const [name, value] of Object.entries(container.getAttributes())) {
      const problem = nodeAttrProblem(rule, name, value);
      if (problem !== null) return problem;
    }
  }
  for (const child of container.toArray() as unknown[]) {
    let problem: string | null;
    if (child instanceof Y.XmlText) {
      problem = rule.text ? checkText(child, rule, r) : `text in '${rule.name}'`;
    } else if (child instanceof Y.XmlElement) {
      const childRule = r.nodes.get(child.nodeName);
      if (childRule === undefined) problem = `unknown element '${clip(child.nodeName)}'`;
      else if (!rule.children.has(child.nodeName))
        problem = `'${child.nodeName}' not allowed in '${rule.name}'`;
      else problem = checkContainer(child, childRule, r);
    } else {
      problem = `a value the editor does not use in '${rule.name}'`;
    }
    if (problem !== null) return problem;
  }
  return null;
}

function checkText(text: Y.XmlText, parent: NodeRule, r: EditorRules): string | null {
  if (Object.keys(text.getAttributes()).length > 0) return 'attributes on text';
  for (const op of text.toDelta() as Array<{
    insert: unknown;
    attributes?: Record<string, unknown>;
  }>) {
    if (typeof op.insert !== 'string') return `an embed in '${parent.name}'`;
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const problem = formatProblem(key, value, parent, r);
      if (problem !== null) return problem;
    }
  }
  return null;
}

/**
 * The fragment as ProseMirror JSON, keeping only what the schema allows:
 * unknown or misplaced elements are left out with everything in them,
 * unknown marks and attributes are dropped, embeds skipped. Never throws on
 * any content a document can hold. `dropped` counts what was left out.
 */
export function safeFragmentJson(
  fragment: Y.XmlFragment,
  r: EditorRules = editorRules(),
): { json: SafeNodeJson; dropped: number } {
  const counter = { dropped: 0 };
  const content = safeChildren(fragment, r.root, r, counter);
  return { json: { type: r.root.name, content }, dropped: counter.dropped };
}

function safeChildren(
  container: Y.XmlFragment,
  rule: NodeRule,
  r: EditorRules,
  counter: { dropped: number },
): SafeNodeJson[] {
  const out: SafeNodeJson[] = [];
  for (const child of container.toArray() as unknown[]) {
    if (child instanceof Y.XmlText && rule.text) {
      out.push(...safeText(child, rule, r, counter));
    } else if (child instanceof Y.XmlElement && rule.children.has(child.nodeName)) {
      const childRule = r.nodes.get(child.nodeName) as NodeRule;
      const node: SafeNodeJson = { type: child.nodeName };
      const attrs: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(child.getAttributes())) {
        if (nodeAttrProblem(childRule, name, value) === null) attrs[name] = value;
        else counter.dropped++;
      }
      if (Object.keys(attrs).length > 0) node.attrs = attrs;
      const content = safeChildren(child, childRule, r, counter);
      if (content.length > 0) node.content = content;
      out.push(node);
    } else {
      counter.dropped++;
    }
  }
  return out;
}

function safeText(
  text: Y.XmlText,
  parent: NodeRule,
  r: EditorRules,
  counter: { dropped: number },
): SafeNodeJson[] {
  const out: SafeNodeJson[] = [];
  for (const op of text.toDelta() as Array<{
    insert: unknown;
    attributes?: Record<string, unknown>;
  }>) {
    if (typeof op.insert !== 'string' || op.insert === '') {
      counter.dropped++;
      continue;
    }
    const node: SafeNodeJson = { type: 'text', text: op.insert };
    const marks: NonNullable<SafeNodeJson['marks']> = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      if (formatProblem(key, value, parent, r) !== null || value === null) {
        counter.dropped++;
        continue;
      }
      const name = (markOfFormatKey(key, r) as MarkRule).name;
      const attrs = value as Record<string, unknown>;
      marks.push(Object.keys(attrs).length > 0 ? { type: name, attrs } : { type: name });
    }
    if (marks.length > 0) node.marks = marks;
    out.push(node);
  }
  return out;
}
