import { getSchema, type AnyExtension } from '@tiptap/core';
import { suggestionMarks } from './suggestionMarks.js';
import { MAX_SUGGESTION_AT } from './suggestions.js';
import StarterKit from '@tiptap/starter-kit';
import type { ContentMatch, NodeType, Schema } from '@tiptap/pm/model';

/**
 * The editor's schema, defined once for both sides: the client's Tiptap
 * editor is built from {@link editorExtensions}, the server's guard checks
 * every text edit against {@link editorRules} derived from the same list.
 *
 * StarterKit without its own undo/redo history (it would undo other
 * people's edits; Collaboration brings a Yjs-aware one) and without links:
 * recommendations are plain formatted text, and an auto-linked URL would be
 * one more thing to sanitise.
 *
 * Nothing here touches the DOM or does I/O when imported: the schema is
 * built on first use (Tiptap's `getSchema` runs in Node as well).
 */
export function editorExtensions(): AnyExtension[] {
  return [StarterKit.configure({ undoRedo: false, link: false }), ...suggestionMarks()];
}

let schema: Schema | null = null;

/** The ProseMirror schema of {@link editorExtensions}, built once. */
export function editorSchema(): Schema {
  schema ??= getSchema(editorExtensions());
  return schema;
}

/** What an attribute value (of a node or a mark) may be. */
export type AttrRule =
  /** Exactly one of these values. */
  | { kind: 'oneOf'; values: readonly (string | number)[] }
  /**
   * A safe integer in [min, max]; NaN too when `nan` (what the editor parses
   * from a bad number); null too when `nullable`.
   */
  | { kind: 'integer'; min: number; max: number; nan?: boolean; nullable?: boolean }
  /** A string of at most `maxLength` UTF-16 units, or null when `nullable`. */
  | { kind: 'string'; maxLength: number; nullable: boolean }
  /** A URL whose scheme is one of `schemes` (lower case, without ':'), or a relative one. */
  | { kind: 'url'; maxLength: number; schemes: readonly string[] };

/** Link schemes a link mark may carry, should links ever be turned on. */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/**
 * The value rules of every attribute the extensions declare. The schema
 * names attributes but says nothing of their values (a heading's `level`
 * is whatever the binding is handed), so they are written out here; an
 * attribute the schema has and this table lacks is refused (deny by
 * default), and a test keeps the two in step. Sizes are generous for what
 * a paste can bring (`orderedList.type` and `codeBlock.language` come from
 * pasted HTML) and small for anything else.
 */
const ATTRIBUTE_RULES: Readonly<Record<string, Readonly<Record<string, AttrRule>>>> = {
  heading: { level: { kind: 'oneOf', values: [1, 2, 3, 4, 5, 6] } },
  orderedList: {
    // Pasted `<ol start="">` parses to NaN: harmless, and refusing it would cut an honest paster off.
    start: { kind: 'integer', min: -1_000_000_000, max: 1_000_000_000, nan: true },
    type: { kind: 'string', maxLength: 32, nullable: true },
  },
  codeBlock: { language: { kind: 'string', maxLength: 128, nullable: true } },
  // Suggestion marks (issue 18): who suggested (a user id, checked against the
  // sender by the guard), the suggestion's id, `<userId>:<random>`, and when
  // (epoch ms; null on marks from before times were kept — the editor fills
  // the default in and the binding writes it back).
  insertion: {
    id: { kind: 'string', maxLength: 100, nullable: false },
    by: { kind: 'string', maxLength: 64, nullable: false },
    at: { kind: 'integer', min: 0, max: MAX_SUGGESTION_AT, nullable: true },
  },
  deletion: {
    id: { kind: 'string', maxLength: 100, nullable: false },
    by: { kind: 'string', maxLength: 64, nullable: false },
    at: { kind: 'integer', min: 0, max: MAX_SUGGESTION_AT, nullable: true },
  },
  // Marks (not enabled today: a link mark is simply unknown to the guard).
  link: {
    href: { kind: 'url', maxLength: 2048, schemes: LINK_SCHEMES },
    target: { kind: 'string', maxLength: 16, nullable: true },
    rel: { kind: 'string', maxLength: 64, nullable: true },
    class: { kind: 'string', maxLength: 64, nullable: true },
    title: { kind: 'string', maxLength: 256, nullable: true },
  },
};

/** What a node type may hold, as the guard and the client check it. */
export interface NodeRule {
  readonly name: string;
  /** Element (node) names allowed as direct children. */
  readonly children: ReadonlySet<string>;
  /** True when text (a Y.XmlText) may be a direct child: textblocks only. */
  readonly text: boolean;
  /** Marks its text may carry. */
  readonly marks: ReadonlySet<string>;
  /** Attributes it may carry, with their value rules. */
  readonly attrs: ReadonlyMap<string, AttrRule>;
}

/** A mark type, as a text format. */
export interface MarkRule {
  readonly name: string;
  /**
   * True when the mark does not exclude itself: the binding then writes its
   * format key as `name--<8-char hash>` (several can overlap).
   */
  readonly overlapping: boolean;
  readonly attrs: ReadonlyMap<string, AttrRule>;
}

/**
 * The editor's schema as checkable rules: which element may sit in which,
 * where text goes, which marks and attributes exist and what their values
 * may be. Nesting is checked per parent and child (a paragraph may hold
 * text and hard breaks, never a heading); the order and count a content
 * expression also states (`listItem` = `paragraph block*`) is not, since
 * concurrent legal edits can break it and the editor renders it anyway.
 */
export interface EditorRules {
  /** The fragment itself: the `doc` node. */
  readonly root: NodeRule;
  /** Every element name a fragment may hold (not `doc`, not `text`). */
  readonly nodes: ReadonlyMap<string, NodeRule>;
  readonly marks: ReadonlyMap<string, MarkRule>;
}

let rules: EditorRules | null = null;

/** The rules of {@link editorSchema}, built once. */
export function editorRules(): EditorRules {
  rules ??= rulesOf(editorSchema());
  return rules;
}

/** Builds {@link EditorRules} from any ProseMirror schema (tests use small ones). */
export function rulesOf(s: Schema): EditorRules {
  const marks = new Map<string, MarkRule>();
  for (const mark of Object.values(s.marks)) {
    marks.set(mark.name, {
      name: mark.name,
      overlapping: !mark.excludes(mark),
      attrs: attrRulesOf(mark.name, Object.keys(mark.spec.attrs ?? {})),
    });
  }
  const nodes = new Map<string, NodeRule>();
  let root: NodeRule | null = null;
  for (const type of Object.values(s.nodes)) {
    if (type.isText) continue;
    const rule = nodeRuleOf(type, s);
    if (type === s.topNodeType) root = rule;
    else nodes.set(type.name, rule);
  }
  if (root === null) throw new Error('schema without a top node');
  return { root, nodes, marks };
}

function nodeRuleOf(type: NodeType, s: Schema): NodeRule {
  const children = new Set<string>();
  let text = false;
  // Every type any state of the content expression can accept.
  const seen = new Set<ContentMatch>();
  const stack: ContentMatch[] = [type.contentMatch];
  for (let m = stack.pop(); m !== undefined; m = stack.pop()) {
    if (seen.has(m)) continue;
    seen.add(m);
    for (let i = 0; i < m.edgeCount; i++) {
      const edge = m.edge(i);
      if (edge.type.isText) text = true;
      else if (edge.type !== s.topNodeType) children.add(edge.type.name);
      stack.push(edge.next);
    }
  }
  const marks = new Set<string>();
  if (text)
    for (const mark of Object.values(s.marks)) if (type.allowsMarkType(mark)) marks.add(mark.name);
  return {
    name: type.name,
    children,
    text,
    marks,
    attrs: attrRulesOf(type.name, Object.keys(type.spec.attrs ?? {})),
  };
}

function attrRulesOf(owner: string, names: string[]): Map<string, AttrRule> {
  const declared = ATTRIBUTE_RULES[owner] ?? {};
  const out = new Map<string, AttrRule>();
  for (const name of names) {
    const rule = declared[name];
    if (rule !== undefined) out.set(name, rule);
  }
  return out;
}

/** Schema attributes that have no value rule (a test keeps this empty). */
export function undeclaredAttributes(s: Schema = editorSchema()): string[] {
  const out: string[] = [];
  const all: Array<[string, object | undefined]> = [
    ...Object.values(s.nodes).map((t) => [t.name, t.spec.attrs] as [string, object | undefined]),
    ...Object.values(s.marks).map((m) => [m.name, m.spec.attrs] as [string, object | undefined]),
  ];
  for (const [owner, attrs] of all)
    for (const name of Object.keys(attrs ?? {}))
      if (ATTRIBUTE_RULES[owner]?.[name] === undefined) out.push(`${owner}.${name}`);
  return out;
}

/** True for an href with an allowed scheme, or a relative one (no scheme). */
export function isSafeHref(href: string, schemes: readonly string[] = LINK_SCHEMES): boolean {
  // Browsers drop ASCII tab/newline and leading control characters or spaces
  // when they parse a URL ("java\nscript:"), so the check does too.
  // eslint-disable-next-line no-control-regex -- exactly the characters URL parsers strip
  const cleaned = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (scheme === null) return !/^[^/?#]*:/.test(cleaned);
  return schemes.includes((scheme[1] as string).toLowerCase());
}

/** Why `value` breaks `rule`, or null when it is fine. */
export function attrValueProblem(rule: AttrRule, value: unknown): string | null {
  switch (rule.kind) {
    case 'oneOf':
      return rule.values.includes(value as string | number) ? null : 'not an allowed value';
    case 'integer':
      if (value === null && rule.nullable === true) return null;
      if (typeof value !== 'number') return 'not an integer in range';
      if (Number.isNaN(value)) return rule.nan === true ? null : 'not an integer in range';
      return Number.isSafeInteger(value) && value >= rule.min && value <= rule.max
        ? null
        : 'not an integer in range';
    case 'string':
      if (value === null) return rule.nullable ? null : 'null';
      if (typeof value !== 'string') return 'not a string';
      return value.length <= rule.maxLength ? null : 'too long';
    case 'url':
      if (typeof value !== 'string') return 'not a string';
      if (value.length > rule.maxLength) return 'too long';
      return isSafeHref(value, rule.schemes) ? null : 'scheme not allowed';
  }
}

const HASHED_MARK_KEY = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/**
 * The mark a text format key stands for, as the Yjs binding writes it: the
 * mark's name, or `name--<hash>` for a mark that may overlap itself. Null
 * for anything else (an unknown name, a hash on a non-overlapping mark).
 */
export function markOfFormatKey(key: string, r: EditorRules = editorRules()): MarkRule | null {
  const plain = r.marks.get(key);
  if (plain !== undefined && !plain.overlapping) return plain;
  const hashed = HASHED_MARK_KEY.exec(key);
  if (hashed === null) return null;
  const mark = r.marks.get(hashed[1] as string);
  return mark !== undefined && mark.overlapping ? mark : null;
}

/**
 * Why a format (a mark on a run of text inside an element `parent`) is
 * outside the schema, or null when it is fine. `value` null ends a format
 * and is fine for any known mark (the binding writes it for every key it
 * finds, even in a code block); any other value must be the mark's
 * attributes (`{}` for bold) on text whose element allows the mark.
 */
export function formatProblem(
  key: string,
  value: unknown,
  parent: NodeRule,
  r: EditorRules = editorRules(),
): string | null {
  const mark = markOfFormatKey(key, r);
  if (mark === null) return `unknown mark '${clip(key)}'`;
  if (value === null) return null;
  if (!parent.marks.has(mark.name)) return `mark '${mark.name}' not allowed in '${parent.name}'`;
  if (typeof value !== 'object' || Array.isArray(value))
    return `mark '${mark.name}' with a non-object value`;
  for (const [name, v] of Object.entries(value)) {
    const rule = mark.attrs.get(name);
    if (rule === undefined) return `mark '${mark.name}' with unknown attribute '${clip(name)}'`;
    const problem = attrValueProblem(rule, v);
    if (problem !== null) return `mark '${mark.name}' attribute '${name}': ${problem}`;
  }
  return null;
}

/** Why attribute `name` = `value` on element `node` is outside the schema, or null. */
export function nodeAttrProblem(node: NodeRule, name: string, value: unknown): string | null {
  const rule = node.attrs.get(name);
  if (rule === undefined) return `unknown attribute '${clip(name)}' on '${node.name}'`;
  const problem = attrValueProblem(rule, value);
  return problem === null ? null : `attribute '${name}' on '${node.name}': ${problem}`;
}

/** A name for a message, cut short (it may come from a hostile update). */
export function clip(s: string): string {
  return s.length <= 40 ? s : `${s.slice(0, 40)}…`;
}
