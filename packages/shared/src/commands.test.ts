import { describe, expect, it } from 'vitest';
import {
  COMMAND_TYPES,
  CommandLimits,
  CommandSchema,
  parseCommand,
  type CommandType,
} from './commands.js';
import { ErrorCode } from './errors.js';

/** One valid example of every command type. */
const VALID: Record<CommandType, Record<string, unknown>> = {
  'meeting.setStatus': { status: 'live' },
  'meeting.rename': { title: 'Human-rights dialogue' },
  'meeting.setDetails': {
    title: 'Dialogue platform',
    startsAt: Date.UTC(2026, 2, 12, 5),
    venue: 'Astana',
    description: 'Third session',
  },
  'meeting.queueSettings': { listOpen: false },
  'agenda.add': { title: 'Gender equality', description: 'Item 1', plannedMinutes: 30, index: 0 },
  'agenda.update': { itemId: 'a1', plannedMinutes: 45 },
  'agenda.move': { itemId: 'a1', toIndex: 2 },
  'agenda.remove': { itemId: 'a1' },
  'agenda.start': { itemId: 'a1', endCurrentTurn: true, waitingRequests: 'move' },
  'agenda.complete': { endCurrentTurn: false, waitingRequests: 'end' },
  'queue.request': { kind: 'point_of_order' },
  'queue.withdraw': { entryId: 'e1' },
  'queue.grant': { entryId: 'e1', speakingEntryId: null },
  'queue.finish': { entryId: 'e1' },
  'queue.move': { entryId: 'e1', toIndex: 0 },
  'queue.remove': { entryId: 'e1' },
  'queue.addSpeaker': {
    name: 'Guest',
    organisation: 'Parliament',
    orgType: 'parliament',
    kind: 'reply',
  },
  'queue.timer': { action: 'extend', seconds: 60, entryId: 'e1' },
  'rec.create': { agendaItemId: 'a1', title: 'Adopt a gender-equality law' },
  'rec.rename': { recId: 'r1', title: 'New title' },
  'rec.setStatus': { recId: 'r1', status: 'agreed' },
  'rec.endorse': { recId: 'r1' },
  'rec.unendorse': { recId: 'r1' },
  'rec.remove': { recId: 'r1' },
  'rec.restore': { recId: 'r1' },
  'position.set': { recId: 'r1', kind: 'reservation', text: 'The figure in §2 needs a source' },
  'position.clear': { recId: 'r1' },
  'comment.create': {
    recId: 'r1',
    anchor: {
      start: { type: null, tname: null, item: { client: 1, clock: 2 }, assoc: 0 },
      end: { type: null, tname: null, item: { client: 1, clock: 5 }, assoc: -1 },
    },
    quote: 'the figure',
    text: 'Which year is this figure from?',
  },
  'comment.reply': { threadId: 't1', text: 'From 2024.' },
  'comment.resolve': { threadId: 't1' },
  'comment.reopen': { threadId: 't1' },
  'comment.hide': { threadId: 't1', replyId: 'p1' },
  'version.save': { label: 'After first reading' },
  'meeting.suggestionsOnly': { on: true },
  'rec.suggestionSettings': { recId: 'r1', suggestionsOnly: true, proposerDecides: false },
  'suggestion.decide': { recId: 'r1', decision: 'accept', organisation: 'Union of Crisis Centres' },
  'version.restore': { versionId: 'v1' },
};

describe('parseCommand', () => {
  it.each(COMMAND_TYPES)('accepts a valid %s', (type) => {
    const parsed = parseCommand({ type, ...VALID[type] });
    expect(parsed).toEqual({ ok: true, command: expect.objectContaining({ type }) });
  });

  it.each(COMMAND_TYPES)(
    'refuses unknown keys on %s (identity never comes from the body)',
    (type) => {
      const parsed = parseCommand({ type, ...VALID[type], userId: 'someone-else' });
      expect(parsed).toMatchObject({ ok: false, code: ErrorCode.validation });
    },
  );

  it('refuses a missing or unknown type with unknown_command', () => {
    for (const body of [null, 42, 'queue.request', {}, { type: 'queue.jump' }, { type: 7 }, []]) {
      expect(parseCommand(body)).toMatchObject({ ok: false, code: ErrorCode.unknownCommand });
    }
  });

  it('refuses inherited names that are not command types', () => {
    expect(parseCommand({ type: 'toString' })).toMatchObject({
      ok: false,
      code: ErrorCode.unknownCommand,
    });
  });

  it('names the bad field in the message', () => {
    const parsed = parseCommand({ type: 'queue.request', kind: 'shout' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/kind/);
  });

  it('bounds string lengths and trims titles', () => {
    const long = 'x'.repeat(CommandLimits.title + 1);
    expect(parseCommand({ type: 'meeting.rename', title: long }).ok).toBe(false);
    expect(parseCommand({ type: 'meeting.rename', title: '   ' }).ok).toBe(false);
    expect(parseCommand({ type: 'meeting.rename', title: '  Dialogue ' })).toEqual({
      ok: true,
      command: { type: 'meeting.rename', title: 'Dialogue' },
    });
    expect(
      parseCommand({ type: 'queue.withdraw', entryId: 'e'.repeat(CommandLimits.id + 1) }).ok,
    ).toBe(false);
    expect(parseCommand({ type: 'queue.withdraw', entryId: '' }).ok).toBe(false);
  });

  it('checks numbers: integers in range', () => {
    expect(parseCommand({ type: 'agenda.move', itemId: 'a', toIndex: -1 }).ok).toBe(false);
    expect(parseCommand({ type: 'agenda.move', itemId: 'a', toIndex: 1.5 }).ok).toBe(false);
    expect(parseCommand({ type: 'agenda.add', title: 't', plannedMinutes: 100_000 }).ok).toBe(
      false,
    );
    expect(parseCommand({ type: 'meeting.queueSettings', defaultSpeakingSeconds: 5 }).ok).toBe(
      false,
    );
    expect(parseCommand({ type: 'meeting.queueSettings', defaultSpeakingSeconds: 120 }).ok).toBe(
      true,
    );
  });

  it('requires at least one field on updates and settings', () => {
    expect(parseCommand({ type: 'agenda.update', itemId: 'a' }).ok).toBe(false);
    expect(parseCommand({ type: 'meeting.queueSettings' }).ok).toBe(false);
  });

  it('requires seconds with extend and only with extend', () => {
    expect(parseCommand({ type: 'queue.timer', action: 'extend' }).ok).toBe(false);
    expect(parseCommand({ type: 'queue.timer', action: 'pause', seconds: 30 }).ok).toBe(false);
    expect(parseCommand({ type: 'queue.timer', action: 'resume' }).ok).toBe(true);
    expect(parseCommand({ type: 'queue.timer', action: 'extend', seconds: 0 }).ok).toBe(false);
  });

  it('bounds meeting details: lengths, a real date, something to change', () => {
    const ok = (body: Record<string, unknown>) =>
      parseCommand({ type: 'meeting.setDetails', ...body }).ok;
    expect(ok({})).toBe(false);
    expect(ok({ venue: 'v'.repeat(CommandLimits.venue + 1) })).toBe(false);
    expect(ok({ description: 'd'.repeat(CommandLimits.description + 1) })).toBe(false);
    expect(ok({ title: '  ' })).toBe(false);
    // Dates: epoch ms integers within 2000–2100, or null to clear.
    expect(ok({ startsAt: '2026-03-12' })).toBe(false);
    expect(ok({ startsAt: 1.5e12 + 0.5 })).toBe(false);
    expect(ok({ startsAt: 0 })).toBe(false);
    expect(ok({ startsAt: Date.UTC(2200, 0, 1) })).toBe(false);
    expect(ok({ startsAt: null })).toBe(true);
    // Clearing venue and description is allowed; venue is trimmed.
    expect(ok({ venue: '', description: '' })).toBe(true);
    expect(parseCommand({ type: 'meeting.setDetails', venue: '  Astana ' })).toEqual({
      ok: true,
      command: { type: 'meeting.setDetails', venue: 'Astana' },
    });
  });

  it('has one schema per command type', () => {
    expect(CommandSchema.options).toHaveLength(COMMAND_TYPES.length);
  });
});
