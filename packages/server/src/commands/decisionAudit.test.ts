import { describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/auditLog.js';
import { DECISION_PAYLOAD_MAX } from '../audit/payloads.js';
import type { AuditRow } from '../store/Store.js';
import { readDecisionRow } from '../outcome/suggestionCounts.js';
import type { DecidedSuggestion } from './context.js';
import { decisionAuditDetail } from './decisionAudit.js';

const base = {
  type: 'suggestion.decide',
  recId: 'r1',
  decision: 'accept',
  title: 'Adopt a law',
};

function suggestion(n: number, by: string, organisation: string, text: string): DecidedSuggestion {
  return { id: `${by}:s${n}`, kind: n % 2 ? 'insertion' : 'deletion', by, organisation, text };
}

/** Writes the row as `runCommand` does, through the real audit log, and reads it back. */
async function stored(payload: unknown): Promise<AuditRow> {
  const rows: AuditRow[] = [];
  await createAuditLog({
    add: async (row) => void rows.push({ ...row, id: 1, count: 1 }),
    addRefused: async () => undefined,
    list: async () => rows,
  }).record({
    meetingId: 'm1',
    userId: 'u-chair',
    action: 'suggestion.decide',
    result: 'ok',
    payload,
    at: 1,
  });
  return rows[0]!;
}

describe('decisionAuditDetail', () => {
  it('keeps a small decision whole, with a tally per suggester', () => {
    const decided = [
      suggestion(1, 'u-bob', 'Women NGO Alliance', ' gender'),
      suggestion(2, 'u-bob', 'Women NGO Alliance', 'now'),
      suggestion(3, 'u-carol', 'Ombudsman Office', ' today'),
    ];
    expect(decisionAuditDetail(base, decided)).toEqual({
      tally: [
        { by: 'u-bob', organisation: 'Women NGO Alliance', count: 2 },
        { by: 'u-carol', organisation: 'Ombudsman Office', count: 1 },
      ],
      decided,
    });
  });

  it('an "accept all" of 400 long suggestions fits the row as JSON, counted in full', async () => {
    const orgs = ['Union of Crisis Centres', 'Ministry of Justice', 'Ombudsman Office'];
    const decided = Array.from({ length: 400 }, (_, n) =>
      suggestion(n, `u-${n % 3}-${'x'.repeat(30)}`, orgs[n % 3]!, 'ж'.repeat(500)),
    );
    const detail = decisionAuditDetail(base, decided);
    const payload = { ...base, ...detail };
    expect(JSON.stringify(payload).length).toBeLessThanOrEqual(DECISION_PAYLOAD_MAX);
    expect(detail.tally.map((t) => t.count)).toEqual([134, 133, 133]);
    // What does not fit is said, not silently dropped.
    expect(detail.decided.length + (detail.decidedOmitted ?? 0)).toBe(400);
    expect(detail.decided.length).toBeGreaterThan(50);
    const row = await stored(payload);
    expect(() => JSON.parse(row.payload)).not.toThrow();
    const read = readDecisionRow(row);
    expect(read?.decision).toBe('accept');
    expect(read?.shares.reduce((n, s) => n + s.count, 0)).toBe(400);
  });

  it('shortens texts before it leaves any suggestion out', () => {
    const decided = Array.from({ length: 60 }, (_, n) =>
      suggestion(n, 'u-bob', 'Women NGO Alliance', 'x'.repeat(500)),
    );
    const detail = decisionAuditDetail(base, decided);
    expect(detail.decidedOmitted).toBeUndefined();
    expect(detail.decided).toHaveLength(60);
    expect(detail.decided[0]!.text).toBe(`${'x'.repeat(120)}…`);
  });

  it('with hundreds of suggesters of long organisation names, the tally keeps counting', async () => {
    const decided = Array.from({ length: 300 }, (_, n) =>
      suggestion(n, `u-${n}`, `${'Organisation '.repeat(15)}${n}`, 'x'),
    );
    const detail = decisionAuditDetail(base, decided);
    expect(detail.tally).toHaveLength(300);
    expect(detail.tally.every((t) => t.organisation === '' && t.count === 1)).toBe(true);
    const row = await stored({ ...base, ...detail });
    expect(readDecisionRow(row)?.shares).toHaveLength(300);
  });
});
