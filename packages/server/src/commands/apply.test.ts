import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMMAND_TYPES,
  anchorInText,
  ROLES,
  can,
  recommendationText,
  type Command,
  type CommandType,
  type Role,
} from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';
import { applyCommand } from './apply.js';
import { SERVER_ORIGIN } from '../sync/origin.js';
import type { Actor } from './context.js';
import { suggestionFormat } from '../test-support/suggestionFormat.js';

/**
 * A live meeting where `actor` owns what a command may need: a waiting
 * request, a recommendation it proposed (endorsed when `endorsed`). Setup runs
 * with the actor's identity raised to chair, so it works for every role.
 */
function scenario(actor: Actor, endorsed: boolean) {
  const { h, itemId } = CommandHarness.live();
  const setup: Actor = { ...actor, role: 'chair' };
  const other = h.ok(people.chair, { type: 'agenda.add', title: 'Other item' }).itemId ?? '';
  h.ok(people.bob, { type: 'queue.request', kind: 'speak' });
  h.ok(people.chair, { type: 'queue.grant' });
  const own = h.ok(setup, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
  const waiting = h.ok(people.carol, { type: 'queue.request', kind: 'speak' }).entryId ?? '';
  const recId = h.ok(setup, { type: 'rec.create', agendaItemId: itemId, title: 'R' }).recId ?? '';
  if (endorsed) h.ok(setup, { type: 'rec.endorse', recId });
  // A pending suggestion the actor, as proposer, is allowed to decide.
  h.ok(people.chair, { type: 'rec.suggestionSettings', recId, proposerDecides: true });
  h.doc.transact(() => {
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    recommendationText(h.doc, recId)?.insert(0, [paragraph]);
    text.insert(0, 'suggested', suggestionFormat('insertion', { id: 'u-x:abc', by: 'u-x' }));
  });
  h.ok(setup, { type: 'position.set', recId, kind: 'supports' });
  // A paragraph typed into the text (as a client would), and two threads on it: one open, one resolved.
  const words = new Y.XmlText('Fund shelters');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [words]);
  recommendationText(h.doc, recId)!.insert(0, [paragraph]);
  const anchor = anchorInText(words, 0, 4);
  const comment = { type: 'comment.create', recId, anchor, quote: 'Fund', text: 'Hm' } as const;
  const open = h.ok(setup, comment).threadId ?? '';
  const resolved = h.ok(setup, comment).threadId ?? '';
  h.ok(setup, { type: 'comment.resolve', threadId: resolved });
  const removed =
    h.ok(setup, { type: 'rec.create', agendaItemId: itemId, title: 'Gone' }).recId ?? '';
  h.ok(people.chair, { type: 'rec.remove', recId: removed });
  const commands: Record<CommandType, Command> = {
    'meeting.setStatus': { type: 'meeting.setStatus', status: 'adjourned' },
    'meeting.rename': { type: 'meeting.rename', title: 'New' },
    'meeting.setDetails': { type: 'meeting.setDetails', venue: 'Astana' },
    'meeting.queueSettings': { type: 'meeting.queueSettings', listOpen: false },
    'agenda.add': { type: 'agenda.add', title: 'Added' },
    'agenda.update': { type: 'agenda.update', itemId: other, title: 'Renamed' },
    'agenda.move': { type: 'agenda.move', itemId: other, toIndex: 0 },
    'agenda.remove': { type: 'agenda.remove', itemId: other },
    'agenda.start': {
      type: 'agenda.start',
      itemId: other,
      endCurrentTurn: true,
      waitingRequests: 'move',
    },
    'agenda.complete': { type: 'agenda.complete', endCurrentTurn: true, waitingRequests: 'end' },
    'queue.request': { type: 'queue.request', kind: 'reply' },
    'queue.withdraw': { type: 'queue.withdraw', entryId: own },
    'queue.grant': { type: 'queue.grant' },
    'queue.finish': { type: 'queue.finish' },
    'queue.move': { type: 'queue.move', entryId: waiting, toIndex: 0 },
    'queue.remove': { type: 'queue.remove', entryId: waiting },
    'queue.addSpeaker': {
      type: 'queue.addSpeaker',
      name: 'Guest',
      organisation: 'Parliament',
      orgType: 'parliament',
    },
    'queue.timer': { type: 'queue.timer', action: 'pause' },
    'rec.create': { type: 'rec.create', agendaItemId: itemId, title: 'Another' },
    'rec.rename': { type: 'rec.rename', recId, title: 'Renamed' },
    'rec.setStatus': { type: 'rec.setStatus', recId, status: 'discussed' },
    'rec.endorse': { type: 'rec.endorse', recId },
    'rec.unendorse': { type: 'rec.unendorse', recId },
    'rec.remove': { type: 'rec.remove', recId },
    'rec.restore': { type: 'rec.restore', recId: removed },
    'meeting.suggestionsOnly': { type: 'meeting.suggestionsOnly', on: true },
    'rec.suggestionSettings': { type: 'rec.suggestionSettings', recId, suggestionsOnly: true },
    'suggestion.decide': { type: 'suggestion.decide', recId, decision: 'accept' },
    'position.set': { type: 'position.set', recId, kind: 'objects', text: 'Not as drafted' },
    'position.clear': { type: 'position.clear', recId },
    'comment.create': { ...comment, text: 'Which year?' },
    'comment.reply': { type: 'comment.reply', threadId: open, text: '2027' },
    'comment.resolve': { type: 'comment.resolve', threadId: open },
    'comment.reopen': { type: 'comment.reopen', threadId: resolved },
    'comment.hide': { type: 'comment.hide', threadId: open },
    'version.save': { type: 'version.save', label: 'v1' },
    'version.restore': { type: 'version.restore', versionId: 'v1' },
  };
  return { h, commands };
}

/** Someone with the given role and a fresh identity (own organisation). */
function member(role: Role): Actor {
  return {
    userId: `u-${role}`,
    name: `The ${role}`,
    organisation: `Org of ${role}`,
    orgType: 'other',
    role,
  };
}

function updatesDuring(doc: Y.Doc, fn: () => void): unknown[] {
  const origins: unknown[] = [];
  const listener = (_u: Uint8Array, origin: unknown) => origins.push(origin);
  doc.on('update', listener);
  try {
    fn();
  } finally {
    doc.off('update', listener);
  }
  return origins;
}

describe('role × command, against the role table', () => {
  for (const role of ROLES) {
    for (const type of COMMAND_TYPES) {
      const allowed = can(role, type);
      it(`${role} ${type}: ${allowed ? 'applied' : '403'}`, () => {
        const actor = member(role);
        const { h, commands } = scenario(actor, type === 'rec.unendorse');
        let result: ReturnType<CommandHarness['run']> | undefined;
        const origins = updatesDuring(h.doc, () => {
          // A restore of an empty version: every recommendation is removed (a write).
          const inputs =
            type === 'version.restore'
              ? { version: { label: 'v1', snapshot: Y.encodeStateAsUpdate(new Y.Doc()) } }
              : undefined;
          result = h.run(actor, commands[type], inputs);
        });
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
          // version.save reads only; every other command writes once, as the server.
          expect(origins).toEqual(type === 'version.save' ? [] : [SERVER_ORIGIN]);
        } else {
          expect(result).toMatchObject({ ok: false, status: 403, code: 'forbidden' });
          expect(origins).toEqual([]);
        }
      });
    }
  }
});

describe('applyCommand', () => {
  it('writes a whole command as one update', () => {
    const { h, itemId } = CommandHarness.live();
    const next = h.ok(people.chair, { type: 'agenda.add', title: 'Next' }).itemId ?? '';
    h.ok(people.alice, { type: 'queue.request', kind: 'speak' });
    h.ok(people.chair, { type: 'queue.grant' });
    // Finishes the speaker, completes the item, starts the next: one update.
    const origins = updatesDuring(h.doc, () =>
      h.ok(people.chair, { type: 'agenda.start', itemId: next, endCurrentTurn: true }),
    );
    expect(origins).toEqual([SERVER_ORIGIN]);
    expect(itemId).not.toBe(next);
  });

  it('a refused command writes nothing', () => {
    const { h } = CommandHarness.live();
    const refusals: Command[] = [
      { type: 'queue.grant' },
      { type: 'queue.finish' },
      { type: 'agenda.start', itemId: 'nope' },
      { type: 'meeting.setStatus', status: 'scheduled' },
      { type: 'rec.remove', recId: 'nope' },
    ];
    for (const command of refusals) {
      const before = Y.encodeStateAsUpdate(h.doc);
      const origins = updatesDuring(h.doc, () =>
        expect(h.run(people.chair, command).ok).toBe(false),
      );
      expect(origins).toEqual([]);
      expect(Y.encodeStateAsUpdate(h.doc)).toEqual(before);
    }
  });

  it('joins an enclosing transaction (the room’s) instead of opening its own', () => {
    const { h } = CommandHarness.live();
    const origins = updatesDuring(h.doc, () =>
      h.doc.transact(() => {
        applyCommand(
          h.doc,
          { type: 'queue.request', kind: 'speak' },
          people.alice,
          h.now + 1,
          h.ids,
        );
        applyCommand(h.doc, { type: 'queue.grant' }, people.chair, h.now + 2, h.ids);
      }, 'room'),
    );
    expect(origins).toEqual(['room']);
  });

  it('uses random ids when none are injected', () => {
    const doc = new Y.Doc();
    const r = applyCommand(doc, { type: 'agenda.add', title: 'A' }, people.chair, 1);
    expect(r).toMatchObject({
      ok: true,
      result: { itemId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    });
  });
});
