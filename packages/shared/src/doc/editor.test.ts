import { describe, expect, it } from 'vitest';
import { Schema } from '@tiptap/pm/model';
import {
  attrValueProblem,
  editorRules,
  editorSchema,
  formatProblem,
  isSafeHref,
  markOfFormatKey,
  nodeAttrProblem,
  rulesOf,
  undeclaredAttributes,
} from './editor.js';

describe('the editor schema, shared by client and server', () => {
  it('is StarterKit without links, plus the suggestion marks, built in Node with no DOM', () => {
    expect(typeof document).toBe('undefined');
    const s = editorSchema();
    expect(Object.keys(s.marks).sort()).toEqual([
      'bold',
      'code',
      'deletion',
      'insertion',
      'italic',
      'strike',
      'underline',
    ]);
    expect(Object.keys(s.nodes)).toContain('heading');
    expect(Object.keys(s.nodes)).not.toContain('image');
    expect(editorSchema()).toBe(s);
  });

  it('declares a value rule for every attribute the schema has', () => {
    expect(undeclaredAttributes()).toEqual([]);
  });

  it('derives nesting from the content expressions', () => {
    const r = editorRules();
    expect([...r.root.children].sort()).toEqual([
      'blockquote',
      'bulletList',
      'codeBlock',
      'heading',
      'horizontalRule',
      'orderedList',
      'paragraph',
    ]);
    expect(r.root.text).toBe(false);
    const p = r.nodes.get('paragraph')!;
    expect(p.text).toBe(true);
    expect([...p.children]).toEqual(['hardBreak']);
    expect(p.children.has('heading')).toBe(false);
    expect([...r.nodes.get('bulletList')!.children]).toEqual(['listItem']);
    expect(r.nodes.get('listItem')!.text).toBe(false);
    // A code block holds plain text: no marks, no hard breaks.
    const code = r.nodes.get('codeBlock')!;
    expect(code.text).toBe(true);
    expect(code.marks.size).toBe(0);
    expect(code.children.size).toBe(0);
    expect(r.nodes.has('doc')).toBe(false);
    expect(r.nodes.has('text')).toBe(false);
  });
});

describe('values', () => {
  const r = editorRules();
  const heading = r.nodes.get('heading')!;
  const ol = r.nodes.get('orderedList')!;
  const p = r.nodes.get('paragraph')!;

  it('node attributes: known keys, typed and sized values', () => {
    expect(nodeAttrProblem(heading, 'level', 2)).toBeNull();
    expect(nodeAttrProblem(heading, 'level', 7)).toMatch(/not an allowed value/);
    expect(nodeAttrProblem(heading, 'level', '2')).toMatch(/not an allowed value/);
    expect(nodeAttrProblem(heading, 'level', '<script>')).not.toBeNull();
    expect(nodeAttrProblem(ol, 'start', 3)).toBeNull();
    expect(nodeAttrProblem(ol, 'start', 1.5)).toMatch(/integer/);
    expect(nodeAttrProblem(ol, 'start', Infinity)).toMatch(/integer/);
    // What Tiptap parses from a pasted <ol start="">.
    expect(nodeAttrProblem(ol, 'start', NaN)).toBeNull();
    expect(nodeAttrProblem(ol, 'type', null)).toBeNull();
    expect(nodeAttrProblem(ol, 'type', 'a'.repeat(33))).toMatch(/too long/);
    expect(nodeAttrProblem(ol, 'type', { a: 1 })).toMatch(/not a string/);
    expect(nodeAttrProblem(p, 'textAlign', 'center')).toMatch(/unknown attribute/);
    expect(nodeAttrProblem(p, 'onclick', 'x')).toMatch(/unknown attribute/);
  });

  it('formats: known marks with their attributes, null ends any known mark', () => {
    expect(formatProblem('bold', {}, p)).toBeNull();
    expect(formatProblem('bold', null, p)).toBeNull();
    expect(formatProblem('x', true, p)).toMatch(/unknown mark 'x'/);
    expect(formatProblem('x', null, p)).toMatch(/unknown mark/);
    expect(formatProblem('link', { href: 'https://a.kz' }, p)).toMatch(/unknown mark 'link'/);
    expect(formatProblem('bold', true, p)).toMatch(/non-object/);
    expect(formatProblem('bold', { weight: 900 }, p)).toMatch(/unknown attribute/);
    const code = r.nodes.get('codeBlock')!;
    expect(formatProblem('bold', {}, code)).toMatch(/not allowed in 'codeBlock'/);
    expect(formatProblem('bold', null, code)).toBeNull();
    // A hash suffix only stands for marks that may overlap themselves (none here).
    expect(markOfFormatKey('bold--AbCdEf12')).toBeNull();
    expect(markOfFormatKey('italic')?.name).toBe('italic');
  });

  it('link hrefs: allowed schemes only (for when links are turned on)', () => {
    expect(isSafeHref('https://undp.org')).toBe(true);
    expect(isSafeHref('mailto:a@b.kz')).toBe(true);
    expect(isSafeHref('/meetings/1')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('JavaScript:alert(1)')).toBe(false);
    expect(isSafeHref(' java\nscript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,<b>')).toBe(false);
    expect(
      attrValueProblem({ kind: 'url', maxLength: 10, schemes: ['https'] }, 'https://a.very.long'),
    ).toMatch(/too long/);
  });
});

describe('marks that may overlap themselves', () => {
  it('are written as name--<8-char hash> by the binding, and only they', () => {
    const s = new Schema({
      nodes: { doc: { content: 'paragraph+' }, paragraph: { content: 'text*' }, text: {} },
      marks: { comment: { excludes: '', attrs: { id: {} } }, bold: {} },
    });
    const r = rulesOf(s);
    const p = r.nodes.get('paragraph')!;
    expect(markOfFormatKey('comment--Ab+/9z==', r)?.name).toBe('comment');
    expect(markOfFormatKey('comment', r)).toBeNull();
    expect(markOfFormatKey('bold--Ab+/9z==', r)).toBeNull();
    expect(markOfFormatKey('comment--short', r)).toBeNull();
    // No value rule was declared for comment.id: deny by default.
    expect(formatProblem('comment--Ab+/9z==', { id: 'c1' }, p, r)).toMatch(
      /unknown attribute 'id'/,
    );
    expect(formatProblem('comment--Ab+/9z==', null, p, r)).toBeNull();
  });
});
