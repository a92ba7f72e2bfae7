import type { ReactNode } from 'react';
import type { Block, Inline } from '@kenes/shared';

/**
 * Renders the server's rich-text blocks (`GET …/outcome`): paragraph,
 * heading, list, blockquote, code block, rule; marks bold, italic, strike,
 * code. Unknown block types are skipped rather than failing the page.
 * Headings start at `baseLevel` (the page already has h1–h3), capped at h6.
 */
export function RichBlocks({
  blocks,
  baseLevel = 4,
}: {
  blocks: readonly Block[];
  baseLevel?: number;
}) {
  return <>{blocks.map((b, i) => renderBlock(b, i, baseLevel))}</>;
}

function renderBlock(block: Block, key: number, baseLevel: number): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p key={key}>{renderInlines(block.inlines)}</p>;
    case 'heading': {
      const level = Math.min(6, Math.max(1, baseLevel + Math.max(1, block.level) - 1));
      const H = `h${level}` as 'h4';
      return (
        <H key={key} className="rich-heading">
          {renderInlines(block.inlines)}
        </H>
      );
    }
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>{item.map((b, j) => renderBlock(b, j, baseLevel))}</li>
      ));
      return block.ordered ? (
        <ol
          key={key}
          start={block.start !== undefined && block.start !== 1 ? block.start : undefined}
        >
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'blockquote':
      return (
        <blockquote key={key}>
          {block.blocks.map((b, j) => renderBlock(b, j, baseLevel))}
        </blockquote>
      );
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    default:
      return null;
  }
}

function renderInlines(inlines: readonly Inline[]): ReactNode[] {
  return inlines.map((inline, i) => {
    if (inline.kind === 'break') return <br key={i} />;
    let node: ReactNode = inline.text;
    const m = inline.marks ?? {};
    if (m.code) node = <code>{node}</code>;
    if (m.strike) node = <s>{node}</s>;
    if (m.italic) node = <em>{node}</em>;
    if (m.bold) node = <strong>{node}</strong>;
    return <span key={i}>{node}</span>;
  });
}
