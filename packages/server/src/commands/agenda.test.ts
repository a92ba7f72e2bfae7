import { describe, expect, it } from 'vitest';
import { readAgenda, readMeeting, readQueue, readVisibleAgenda } from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice } = people;

function titles(h: CommandHarness): string[] {
  return readVisibleAgenda(h.doc).map((i) => i.title);
}

function addThree(h: CommandHarness): [string, string, string] {
  const ids = ['A', 'B', 'C'].map(
    (title) => h.ok(chair, { type: 'agenda.add', title }).itemId ?? '',
  );
  return [ids[0] ?? '', ids[1] ?? '', ids[2] ?? ''];
}

describe('agenda.add and agenda.update', () => {
  it('adds a pending item with defaults, at the end or at a visible position', () => {
    const h = new CommandHarness();
    const { itemId } = h.ok(chair, { type: 'agenda.add', title: 'A', plannedMinutes: 20 });
    expect(readAgenda(h.doc)).toEqual([
      {
        id: itemId,
        title: 'A',
        description: '',
        plannedMinutes: 20,
        status: 'pending',
        startedAt: null,
        endedAt: null,
      },
    ]);
    h.ok(chair, { type: 'agenda.add', title: 'B' });
    h.ok(chair, { type: 'agenda.add', title: 'first', index: 0 });
    h.ok(chair, { type: 'agenda.add', title: 'last', index: 50 });
    expect(titles(h)).toEqual(['first', 'A', 'B', 'last']);
  });

  it('counts positions among visible items only', () => {
    const h = new CommandHarness();
    const [a] = addThree(h);
    h.ok(chair, { type: 'agenda.remove', itemId: a });
    h.ok(chair, { type: 'agenda.add', title: 'X', index: 1 });
    expect(titles(h)).toEqual(['B', 'X', 'C']);
  });

  it('updates fields, refuses unknown (404) and removed (409) items and participants (403)', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, {
      type: 'agenda.update',
      itemId: a,
      title: 'A2',
      description: 'why',
      plannedMinutes: 15,
    });
    expect(readAgenda(h.doc)[0]).toMatchObject({
      title: 'A2',
      description: 'why',
      plannedMinutes: 15,
    });
    h.ok(chair, { type: 'agenda.remove', itemId: b });
    expect(h.run(chair, { type: 'agenda.update', itemId: b, title: 'x' })).toMatchObject({
      status: 409,
    });
    expect(h.run(chair, { type: 'agenda.update', itemId: 'nope', title: 'x' })).toMatchObject({
      status: 404,
    });
    expect(h.run(alice, { type: 'agenda.update', itemId: a, title: 'x' })).toMatchObject({
      status: 403,
    });
  });
});

describe('agenda.move', () => {
  it('moves to a visible position, keeping ids and fields', () => {
    const h = new CommandHarness();
    const [a, , c] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    const before = readAgenda(h.doc).find((i) => i.id === a);
    h.ok(chair, { type: 'agenda.move', itemId: a, toIndex: 2 });
    expect(titles(h)).toEqual(['B', 'C', 'A']);
    expect(readAgenda(h.doc).find((i) => i.id === a)).toEqual(before);
    h.ok(chair, { type: 'agenda.move', itemId: c, toIndex: 0 });
    expect(titles(h)).toEqual(['C', 'B', 'A']);
    h.ok(chair, { type: 'agenda.move', itemId: c, toIndex: 99 });
    expect(titles(h)).toEqual(['B', 'A', 'C']);
  });

  it('skips removed items when counting', () => {
    const h = new CommandHarness();
    const [a, b, c] = addThree(h);
    h.ok(chair, { type: 'agenda.remove', itemId: b });
    h.ok(chair, { type: 'agenda.move', itemId: c, toIndex: 0 });
    expect(titles(h)).toEqual(['C', 'A']);
    expect(h.run(chair, { type: 'agenda.move', itemId: b, toIndex: 0 })).toMatchObject({
      status: 409,
    });
    expect(h.run(chair, { type: 'agenda.move', itemId: 'nope', toIndex: 0 })).toMatchObject({
      status: 404,
    });
    expect(a).toBeTruthy();
  });
});

describe('agenda.start, agenda.complete, agenda.remove', () => {
  it('starting an item completes the active one and sets the current item', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    const startA = h.now;
    expect(readMeeting(h.doc).currentItemId).toBe(a);
    h.ok(chair, { type: 'agenda.start', itemId: b });
    const [itemA, itemB] = readAgenda(h.doc);
    expect(itemA).toMatchObject({ status: 'done', startedAt: startA, endedAt: h.now });
    expect(itemB).toMatchObject({ status: 'active', startedAt: h.now, endedAt: null });
    expect(readMeeting(h.doc).currentItemId).toBe(b);
  });

  it('never ends a running turn silently: refused (409 confirmation_required) unless endCurrentTurn', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    const { entryId } = h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    for (const command of [
      { type: 'agenda.start', itemId: b },
      { type: 'agenda.complete' },
      { type: 'agenda.complete', endCurrentTurn: false },
    ] as const) {
      const refused = h.run(chair, command);
      expect(refused).toMatchObject({ ok: false, status: 409, code: 'confirmation_required' });
      expect(refused.ok || refused.message).toContain('Alice');
    }
    expect(readQueue(h.doc)[0]).toMatchObject({ id: entryId, status: 'speaking' });
    expect(readMeeting(h.doc).currentItemId).toBe(a);
    h.ok(chair, { type: 'agenda.start', itemId: b, endCurrentTurn: true });
    expect(readQueue(h.doc)[0]).toMatchObject({ status: 'done', endedAt: h.now });
    expect(readMeeting(h.doc).currentItemId).toBe(b);
  });

  it('waiting requests need a choice when their item ends: move them to the next item, or end them', () => {
    const h = new CommandHarness();
    const [a, b, c] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(people.bob, { type: 'queue.request', kind: 'point_of_order' });
    expect(h.run(chair, { type: 'agenda.complete' })).toMatchObject({
      status: 409,
      code: 'confirmation_required',
    });
    expect(h.run(chair, { type: 'agenda.start', itemId: c })).toMatchObject({
      status: 409,
      code: 'confirmation_required',
    });
    // Completing moves them to the next pending item, in their order.
    h.ok(chair, { type: 'agenda.complete', waitingRequests: 'move' });
    expect(readQueue(h.doc).map((e) => [e.name, e.kind, e.status, e.agendaItemId])).toEqual([
      ['Bob', 'point_of_order', 'waiting', b],
      ['Alice', 'speak', 'waiting', b],
    ]);
    // Starting an item moves them to it.
    h.ok(chair, { type: 'agenda.start', itemId: b });
    h.ok(chair, { type: 'agenda.start', itemId: c, waitingRequests: 'move' });
    expect(readQueue(h.doc).map((e) => e.agendaItemId)).toEqual([c, c]);
    // Ending them deletes them: they never had the floor.
    h.ok(chair, { type: 'agenda.complete', waitingRequests: 'end' });
    expect(readQueue(h.doc)).toEqual([]);
    // Nothing left to move to: move is refused, end is not.
    h.ok(chair, { type: 'agenda.start', itemId: a });
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'agenda.start', itemId: c, waitingRequests: 'end' });
    h.ok(alice, { type: 'queue.request', kind: 'speak' });
    expect(h.run(chair, { type: 'agenda.complete', waitingRequests: 'move' })).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
  });

  it('moved requests join the back of their bands; a moved reply becomes a plain request', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    h.ok(people.bob, { type: 'queue.request', kind: 'speak' });
    h.ok(chair, { type: 'queue.grant' });
    h.ok(people.carol, { type: 'queue.request', kind: 'speak' });
    h.ok(alice, { type: 'queue.request', kind: 'point_of_order' });
    h.ok(alice, { type: 'queue.request', kind: 'reply' });
    h.ok(chair, { type: 'agenda.start', itemId: b, endCurrentTurn: true, waitingRequests: 'move' });
    h.ok(people.bob, { type: 'queue.request', kind: 'speak' });
    // Alice's reply answered Bob's turn on A: on B it is a plain request, after Carol who asked first.
    expect(
      readQueue(h.doc)
        .filter((e) => e.status === 'waiting')
        .map((e) => [e.name, e.kind, e.agendaItemId]),
    ).toEqual([
      ['Alice', 'point_of_order', b],
      ['Carol', 'speak', b],
      ['Alice', 'speak', b],
      ['Bob', 'speak', b],
    ]);
  });

  it('returning to a finished item keeps its first start', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    const startA = h.now;
    h.ok(chair, { type: 'agenda.start', itemId: b });
    h.ok(chair, { type: 'agenda.start', itemId: a });
    expect(readAgenda(h.doc)[0]).toMatchObject({
      status: 'active',
      startedAt: startA,
      endedAt: null,
    });
  });

  it('refuses to start an unknown (404), removed (409) or already active (409) item', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, { type: 'agenda.remove', itemId: b });
    expect(h.run(chair, { type: 'agenda.start', itemId: 'nope' })).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(h.run(chair, { type: 'agenda.start', itemId: b })).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    h.ok(chair, { type: 'agenda.start', itemId: a });
    expect(h.run(chair, { type: 'agenda.start', itemId: a })).toMatchObject({ status: 409 });
  });

  it('completes the active item, or refuses when none or another is named', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    expect(h.run(chair, { type: 'agenda.complete' })).toMatchObject({ status: 409 });
    h.ok(chair, { type: 'agenda.start', itemId: a });
    expect(h.run(chair, { type: 'agenda.complete', itemId: b })).toMatchObject({ status: 409 });
    expect(h.run(chair, { type: 'agenda.complete', itemId: 'nope' })).toMatchObject({
      status: 404,
    });
    expect(h.ok(chair, { type: 'agenda.complete', itemId: a })).toEqual({ itemId: a });
    expect(readAgenda(h.doc)[0]).toMatchObject({ status: 'done', endedAt: h.now });
    expect(readMeeting(h.doc).currentItemId).toBeNull();
  });

  it('keeps a removed item as a record and refuses to remove the active one', () => {
    const h = new CommandHarness();
    const [a, b] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    expect(h.run(chair, { type: 'agenda.remove', itemId: a })).toMatchObject({ status: 409 });
    expect(h.ok(chair, { type: 'agenda.remove', itemId: b })).toEqual({ itemId: b, title: 'B' });
    expect(readAgenda(h.doc)).toHaveLength(3);
    expect(readAgenda(h.doc)[1]).toMatchObject({ id: b, status: 'removed' });
    expect(h.run(chair, { type: 'agenda.remove', itemId: b })).toMatchObject({ status: 409 });
  });

  it('never orphans: refuses to remove a discussed item, or one with recommendations (removed ones too)', () => {
    const h = new CommandHarness();
    const [a, b, c] = addThree(h);
    h.ok(chair, { type: 'agenda.start', itemId: a });
    h.ok(chair, { type: 'agenda.start', itemId: b });
    // A was discussed: it belongs to the minutes.
    expect(h.run(chair, { type: 'agenda.remove', itemId: a })).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    const { recId = '' } = h.ok(alice, { type: 'rec.create', agendaItemId: c, title: 'R' });
    expect(h.run(chair, { type: 'agenda.remove', itemId: c })).toMatchObject({ status: 409 });
    h.ok(chair, { type: 'rec.remove', recId });
    expect(h.run(chair, { type: 'agenda.remove', itemId: c })).toMatchObject({ status: 409 });
    expect(readAgenda(h.doc).map((i) => i.status)).toEqual(['done', 'active', 'pending']);
  });
});
