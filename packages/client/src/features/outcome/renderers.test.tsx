import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Block, RecommendationAuthorship } from '@kenes/shared';
import { createI18n } from '../../i18n/allLanguages.js';
import { AuthoredText } from './AuthoredText.js';
import { authorshipLegend, markRuns, PALETTE, UNKNOWN_COLOUR } from './authorshipColours.js';
import { DiffText } from './DiffText.js';
import { RichBlocks } from './RichBlocks.js';

const i18n = createI18n('en');
const wrap = (node: ReactNode) => render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);

describe('DiffText', () => {
  it('renders added text in <ins>, removed in <del>, each with a spoken label', () => {
    const { container } = wrap(
      <DiffText
        segments={[
          { op: 'equal', text: 'The State should ' },
          { op: 'removed', text: 'consider' },
          { op: 'added', text: 'adopt' },
          { op: 'equal', text: ' a law.' },
        ]}
      />,
    );
    const ins = container.querySelector('ins.diff-added')!;
    const del = container.querySelector('del.diff-removed')!;
    expect(ins.textContent).toBe('[added: adopt]');
    expect(del.textContent).toBe('[removed: consider]');
    expect(ins.querySelector('.visually-hidden')!.textContent).toBe('[added: ');
    // Without the hidden labels the text reads as both versions interleaved.
    container.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
    expect(container.textContent).toBe('The State should consideradopt a law.');
  });
});

describe('RichBlocks', () => {
  it('renders every block type and mark', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 1, inlines: [{ kind: 'text', text: 'Scope', marks: {} }] },
      {
        type: 'paragraph',
        inlines: [
          { kind: 'text', text: 'bold', marks: { bold: true } },
          { kind: 'text', text: 'both', marks: { bold: true, italic: true } },
          { kind: 'break' },
          { kind: 'text', text: 'gone', marks: { strike: true } },
          { kind: 'text', text: 'x = 1', marks: { code: true } },
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [[{ type: 'paragraph', inlines: [{ kind: 'text', text: 'third', marks: {} }] }]],
      },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[{ type: 'paragraph', inlines: [{ kind: 'text', text: 'dot', marks: {} }] }]],
      },
      {
        type: 'blockquote',
        blocks: [{ type: 'paragraph', inlines: [{ kind: 'text', text: 'quoted', marks: {} }] }],
      },
      { type: 'codeBlock', text: 'code()' },
      { type: 'rule' },
      { type: 'mystery' } as unknown as Block,
    ];
    const { container } = wrap(<RichBlocks blocks={blocks} />);
    expect(container.querySelector('h4')!.textContent).toBe('Scope');
    expect(container.querySelector('strong')!.textContent).toBe('bold');
    expect(container.querySelector('strong em')!.textContent).toBe('both');
    expect(container.querySelector('p br')).not.toBeNull();
    expect(container.querySelector('s')!.textContent).toBe('gone');
    expect(container.querySelector('p code')!.textContent).toBe('x = 1');
    expect(container.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect(container.querySelector('ol li')!.textContent).toBe('third');
    expect(container.querySelector('ul li')!.textContent).toBe('dot');
    expect(container.querySelector('blockquote')!.textContent).toBe('quoted');
    expect(container.querySelector('pre code')!.textContent).toBe('code()');
    expect(container.querySelector('hr')).not.toBeNull();
  });
});

const recs: RecommendationAuthorship[] = [
  {
    id: 'r1',
    title: 'Law',
    blocks: [
      {
        type: 'paragraph',
        depth: 0,
        runs: [
          {
            text: 'Alice wrote ',
            userId: 'a',
            name: 'Alice',
            organisation: 'Ombudsman',
            orgType: 'nhri',
          },
          { text: 'more', userId: 'a2', name: 'Aibek', organisation: 'Ombudsman', orgType: 'nhri' },
          {
            text: ' and Bob',
            userId: 'b',
            name: 'Bob',
            organisation: 'NGO Alliance',
            orgType: 'ngo',
          },
        ],
      },
      {
        type: 'paragraph',
        depth: 0,
        runs: [{ text: '??', userId: null, name: null, organisation: null, orgType: null }],
      },
    ],
    organisations: [
      { organisation: 'Ombudsman', orgType: 'nhri', chars: 16 },
      { organisation: 'NGO Alliance', orgType: 'ngo', chars: 8 },
      { organisation: null, orgType: null, chars: 2 },
    ],
  },
  {
    id: 'r2',
    title: 'Other',
    blocks: [],
    organisations: [{ organisation: 'NGO Alliance', orgType: 'ngo', chars: 20 }],
  },
];

describe('authorship', () => {
  it('the legend sums characters over recommendations, most first, unknown last in grey', () => {
    const legend = authorshipLegend(recs);
    expect(legend.map((e) => [e.key, e.organisation, e.chars])).toEqual([
      ['NGO Alliance', 'NGO Alliance', 28],
      ['Ombudsman', 'Ombudsman', 16],
      ['', null, 2],
    ]);
    expect(legend[0]).toMatchObject(PALETTE[0]!);
    expect(legend[1]).toMatchObject(PALETTE[1]!);
    expect(legend[2]).toMatchObject(UNKNOWN_COLOUR);
  });

  it('labels a run only where the organisation changes', () => {
    expect(markRuns(recs[0]!.blocks).map((b) => b.map((r) => [r.key, r.labelled]))).toEqual([
      [
        ['Ombudsman', true],
        ['Ombudsman', false],
        ['NGO Alliance', true],
      ],
      [['', true]],
    ]);
  });

  it('renders runs coloured by organisation, with title and hidden labels', () => {
    const legend = new Map(authorshipLegend(recs).map((e) => [e.key, e]));
    const { container } = wrap(<AuthoredText rec={recs[0]!} legend={legend} />);
    const runs = [...container.querySelectorAll<HTMLElement>('.run')];
    expect(runs.map((r) => r.dataset.org)).toEqual([
      'Ombudsman',
      'Ombudsman',
      'NGO Alliance',
      'Unknown author',
    ]);
    expect(runs[0]!.title).toBe('Ombudsman — Alice');
    expect(runs[3]!.title).toBe('Unknown author');
    expect(runs[2]!.style.borderBottomColor).not.toBe(runs[0]!.style.borderBottomColor);
    expect([...container.querySelectorAll('.visually-hidden')].map((n) => n.textContent)).toEqual([
      'Ombudsman: ',
      'NGO Alliance: ',
      'Unknown author: ',
    ]);
  });
});
