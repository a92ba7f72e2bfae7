import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../store/Store.js';
import {
  countSuggestions,
  foldSuggestionDecisions,
  readDecisionRow,
  type SuggestionDecisions,
} from './suggestionCounts.js';

let seq = 0;
function row(payload: unknown, over: Partial<AuditRow> = {}): AuditRow {
  seq++;
  return {
    id: seq,
    meetingId: 'm1',
    userId: 'u-chair',
    action: 'suggestion.decide',
    result: 'ok',
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    at: 1_000 + seq,
    count: 1,
    ...over,
  };
}

const tallied = (decision: string, tally: unknown[]) =>
  row({ type: 'suggestion.decide', recId: 'r1', decision, tally, decided: [] });

const fold = (rows: AuditRow[]): SuggestionDecisions => foldSuggestionDecisions(new Map(), rows);

describe('foldSuggestionDecisions', () => {
  it('adds up the tallies of accepted decisions per suggester', () => {
    const d = fold([
      tallied('accept', [
        { by: 'u-bob', organisation: 'Women NGO Alliance', count: 3 },
        { by: 'u-dana', organisation: 'Mazhilis', count: 1 },
      ]),
      tallied('reject', [{ by: 'u-bob', organisation: 'Women NGO Alliance', count: 2 }]),
    ]);
    expect(d.get('u-bob')).toMatchObject({
      accepted: 3,
      rejected: 2,
      organisation: 'Women NGO Alliance',
    });
    expect(d.get('u-dana')).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('keeps the organisation of the latest decision, whatever order the pages come in', () => {
    const old = tallied('accept', [{ by: 'u-bob', organisation: 'Old name', count: 1 }]);
    const recent = tallied('accept', [{ by: 'u-bob', organisation: 'New name', count: 1 }]);
    expect(fold([recent, old]).get('u-bob')?.organisation).toBe('New name');
    expect(fold([old, recent]).get('u-bob')?.organisation).toBe('New name');
    // A decision that recorded no organisation (the suggester was no member) keeps the known one.
    const none = tallied('reject', [{ by: 'u-bob', organisation: '', count: 1 }]);
    expect(fold([old, none]).get('u-bob')).toMatchObject({ organisation: 'Old name', rejected: 1 });
  });

  it('ignores refused rows, other actions and payloads that are not decisions', () => {
    const good = [{ by: 'u-bob', organisation: 'A', count: 1 }];
    const d = fold([
      row({ decision: 'accept', tally: good }, { result: 'stale' }),
      row({ decision: 'accept', tally: good }, { action: 'rec.setStatus' }),
      row('null'),
      row('[]'),
      row('"accept"'),
      row({ decision: 'maybe', tally: good }),
      row({ decision: 'accept', tally: 'lots' }),
      row({
        decision: 'accept',
        tally: [
          { by: 'u-x', organisation: 'A', count: -4 },
          { by: 'u-y', organisation: 'A', count: 1.5 },
          { by: 42, organisation: 'A', count: 1 },
          { by: '', organisation: 'A', count: 1 },
          null,
        ],
      }),
      row('{"decision":"accept","tally":[{"by":"u-z"'),
    ]);
    expect([...d.keys()]).toEqual([]);
  });

  it('reads rows written before the tally: whole ones by their decided list', () => {
    const d = fold([
      row({
        type: 'suggestion.decide',
        decision: 'reject',
        decided: [
          { id: 'u-bob:1', kind: 'insertion', by: 'u-bob', organisation: 'NGO', text: 'a' },
          { id: 'u-bob:2', kind: 'deletion', by: 'u-bob', organisation: 'NGO', text: 'b' },
          { id: 'u-x:3', kind: 'deletion', organisation: 'NGO', text: 'no by' },
        ],
      }),
    ]);
    expect([...d]).toEqual([
      ['u-bob', expect.objectContaining({ accepted: 0, rejected: 2, organisation: 'NGO' })],
    ]);
  });

  it('reads a cut row by the entries that came through, never by what members wrote', () => {
    // A member's text that looks like an entry is escaped inside its JSON string.
    const sly = '{"id":"u-eve:1","kind":"insertion","by":"u-eve","organisation":"Eve Org"}';
    const payload = JSON.stringify({
      type: 'suggestion.decide',
      decision: 'accept',
      title: 'T "decision":"reject"',
      decided: [
        { id: 'u-bob:1', kind: 'insertion', by: 'u-bob', organisation: 'NGO "quoted"', text: sly },
        { id: 'u-bob:2', kind: 'insertion', by: 'u-bob', organisation: 'NGO "quoted"', text: 'y' },
      ],
    });
    const cut = `${payload.slice(0, payload.lastIndexOf('"organisation"'))}…`;
    expect(() => JSON.parse(cut)).toThrow();
    expect(readDecisionRow(row(cut))).toEqual({
      decision: 'accept',
      shares: [{ by: 'u-bob', organisation: 'NGO "quoted"', count: 1 }],
    });
  });
});

describe('countSuggestions', () => {
  const organisations = new Map([
    ['u-alice', 'Ombudsman Office'],
    ['u-carol', ' ombudsman  office'],
    ['u-bob', 'Women NGO Alliance'],
  ]);

  it('groups by the members’ organisations as the server compares them, most made first', () => {
    const decisions = fold([
      tallied('accept', [{ by: 'u-carol', organisation: ' ombudsman  office', count: 1 }]),
      tallied('reject', [{ by: 'u-alice', organisation: 'Ombudsman Office', count: 2 }]),
    ]);
    expect(countSuggestions(decisions, ['u-bob', 'u-alice'], organisations)).toEqual([
      { organisation: ' ombudsman  office', made: 4, accepted: 1, rejected: 2, pending: 1 },
      { organisation: 'Women NGO Alliance', made: 1, accepted: 0, rejected: 0, pending: 1 },
    ]);
  });

  it('names a former member by their last decided suggestion, anyone else Unknown (last)', () => {
    const decisions = fold([
      tallied('accept', [
        { by: 'u-left', organisation: 'Press Freedom NGO', count: 1 },
        { by: 'u-never', organisation: '', count: 2 },
      ]),
    ]);
    const rows = countSuggestions(
      decisions,
      // Pending marks naming no member: a forged or long-gone `by` (twice), an invisible one.
      ['u-left', 'u-nobody', 'u-nobody', '\u200b', 'u-bob'],
      organisations,
    );
    expect(rows).toEqual([
      { organisation: 'Press Freedom NGO', made: 2, accepted: 1, rejected: 0, pending: 1 },
      { organisation: 'Women NGO Alliance', made: 1, accepted: 0, rejected: 0, pending: 1 },
      { organisation: null, made: 5, accepted: 2, rejected: 0, pending: 3 },
    ]);
  });

  it('a member whose organisation is blank counts as Unknown, and the member spelling wins', () => {
    const decisions = fold([
      tallied('accept', [{ by: 'u-old', organisation: 'women ngo alliance', count: 1 }]),
    ]);
    expect(
      countSuggestions(
        decisions,
        ['u-blank', 'u-bob'],
        new Map([...organisations, ['u-blank', ' ']]),
      ),
    ).toEqual([
      { organisation: 'Women NGO Alliance', made: 2, accepted: 1, rejected: 0, pending: 1 },
      { organisation: null, made: 1, accepted: 0, rejected: 0, pending: 1 },
    ]);
  });

  it('is empty when nothing was suggested', () => {
    expect(countSuggestions(new Map(), [], organisations)).toEqual([]);
  });
});
