import { useEffect, useReducer, type CSSProperties, type ReactNode } from 'react';
import * as Y from 'yjs';
import type { DescribeSuggestion } from './suggestingExtension.js';

/** Props of {@link StaticText}. */
export interface StaticTextProps {
  fragment: Y.XmlFragment;
  /** A suggestion's label and colour, as the live editor shows them. */
  describe?: DescribeSuggestion | undefined;
}

/**
 * A recommendation's text drawn straight from its Yjs fragment as plain
 * React elements, with no editor: what a card shows until its live editor is
 * made (near the screen, focused, or when the page is idle). Same markup as
 * the editor's (paragraphs, headings, lists, the suggestion marks with their
 * suggester's label and colour), so it reads, finds (Ctrl+F) and looks the
 * same; live as the fragment changes. Text only, never HTML from the doc.
 */
export function StaticText({ fragment, describe }: StaticTextProps) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    fragment.observeDeep(redraw);
    return () => fragment.unobserveDeep(redraw);
  }, [fragment]);
  const blocks = fragment.toArray().map((node, i) => renderNode(node, i, describe));
  return <>{blocks.length > 0 ? blocks : <p />}</>;
}

/** Element names of the editor's schema and the tags it renders them with. */
const TAGS: Readonly<Record<string, string>> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  codeBlock: 'pre',
};

function renderNode(
  node: Y.XmlElement | Y.XmlText | Y.XmlHook,
  key: number,
  describe: DescribeSuggestion | undefined,
): ReactNode {
  if (node instanceof Y.XmlText) return renderText(node, key, describe);
  if (!(node instanceof Y.XmlElement)) return null;
  const children = node.toArray().map((child, i) => renderNode(child, i, describe));
  switch (node.nodeName) {
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    case 'heading': {
      const level = Number(node.getAttribute('level'));
      const Tag = `h${Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1}` as 'h1';
      return <Tag key={key}>{children}</Tag>;
    }
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'orderedList': {
      const start = Number(node.getAttribute('start'));
      return (
        <ol key={key} start={Number.isSafeInteger(start) ? start : undefined}>
          {children}
        </ol>
      );
    }
    default: {
      // Anything else (outside the schema) still shows its text.
      const Tag = (TAGS[node.nodeName] ?? 'div') as 'div';
      return <Tag key={key}>{children}</Tag>;
    }
  }
}

/** Inline marks and the tags the editor renders them with (suggestions apart). */
const MARK_TAGS: Readonly<Record<string, string>> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  underline: 'u',
  code: 'code',
};

function renderText(
  text: Y.XmlText,
  key: number,
  describe: DescribeSuggestion | undefined,
): ReactNode {
  const runs = text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>;
  return runs.map((run, i) => {
    if (typeof run.insert !== 'string') return null;
    let out: ReactNode = run.insert;
    for (const [rawName, value] of Object.entries(run.attributes ?? {})) {
      // Marks that may overlap themselves are stored as `name--hash`.
      const name = rawName.split('--')[0]!;
      if (name === 'insertion' || name === 'deletion') {
        const attrs = (value ?? {}) as { id?: unknown; by?: unknown; at?: unknown };
        const by = typeof attrs.by === 'string' ? attrs.by : '';
        const who = describe?.(by, typeof attrs.at === 'number' ? attrs.at : null);
        const Tag = name === 'insertion' ? 'ins' : 'del';
        out = (
          <Tag
            className={`suggestion-mark suggestion-mark-${name}`}
            data-suggestion={typeof attrs.id === 'string' ? attrs.id : ''}
            data-by={by}
          >
            {who ? (
              <span
                className={`suggested-${name}`}
                title={who.label}
                style={{ '--suggestion-colour': who.colour } as CSSProperties}
              >
                {out}
              </span>
            ) : (
              out
            )}
          </Tag>
        );
      } else if (MARK_TAGS[name]) {
        const Tag = MARK_TAGS[name] as 'strong';
        out = <Tag>{out}</Tag>;
      }
    }
    return <span key={`${key}.${i}`}>{out}</span>;
  });
}
