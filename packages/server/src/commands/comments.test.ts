import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { anchorInText, readThreads, recommendationText, type CommentAnchor } from '@kenes/shared';
import { CommandHarness, people } from '../test-support/commandHarness.js';

const { chair, alice, bob, olga } = people;

/** A live meeting with two recommendations; r1's text holds "Fund shelters in every region". */
function withText(): { h: CommandHarness; recId: string; otherId: string; anchor: CommentAnchor } {
  const { h, itemId } = CommandHarness.live();
  const recId = h.ok(alice, { type: 'rec.create', agendaItemId: itemId, title: 'R' }).recId ?? '';
  const otherId = h.ok(alice, { type: 'rec.create', agendaItemId: itemId, title: 'S' }).recId ?? '';
  const words = new Y.XmlText('Fund shelters in every region');
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [words]);
  recommendationText(h.doc, recId)!.insert(0, [p]);
  return { h, recId, otherId, anchor: anchorInText(words, 5, 13) };
}

describe('comment.create', () => {
  it('stores a thread with the server’s identity, time and the quote', () => {
    const { h, recId, anchor } = withText();
    const { threadId } = h.ok(bob, {
      type: 'comment.create',
      recId,
      anchor,
      quote: 'shelters',
      text: 'How many?',
    });
    expect(readThreads(h.doc, recId)).toEqual([
      {
        id: threadId,
        recId,
        anchor,
        quote: 'shelters',
        text: 'How many?',
        status: 'open',
        replies: [],
        authorId: bob.userId,
        authorName: bob.name,
        organisation: bob.organisation,
        orgType: bob.orgType,
        at: h.now,
        hidden: false,
      },
    ]);
  });

  it('refuses an anchor outside that recommendation’s text, observers, and removed recommendations', () => {
    const { h, recId, otherId, anchor } = withText();
    const base = { type: 'comment.create', anchor, quote: 'shelters', text: 'x' } as const;
    expect(h.run(bob, { ...base, recId: otherId })).toMatchObject({ status: 409 });
    const bogus = { ...anchor.start, item: { client: 424242, clock: 1 } };
    expect(h.run(bob, { ...base, recId, anchor: { start: bogus, end: anchor.end } })).toMatchObject(
      { status: 409 },
    );
    expect(h.run(olga, { ...base, recId })).toMatchObject({ status: 403 });
    // A quote the anchored text does not hold.
    expect(h.run(bob, { ...base, recId, quote: 'torture is fine' })).toMatchObject({
      status: 409,
    });
    h.ok(chair, { type: 'rec.remove', recId });
    expect(h.run(bob, { ...base, recId })).toMatchObject({ status: 409 });
    expect(readThreads(h.doc)).toEqual([]);
  });
});

describe('replies, resolving, hiding', () => {
  it('replies in order; the author or the chair resolves and reopens, nobody else', () => {
    const { h, recId, anchor } = withText();
    const { threadId = '' } = h.ok(bob, {
      type: 'comment.create',
      recId,
      anchor,
      quote: 'shelters',
      text: 'How many?',
    });
    h.ok(alice, { type: 'comment.reply', threadId, text: 'One per region.' });
    h.ok(bob, { type: 'comment.reply', threadId, text: 'Thanks.' });
    expect(readThreads(h.doc)[0]?.replies.map((r) => [r.authorId, r.text])).toEqual([
      [alice.userId, 'One per region.'],
      [bob.userId, 'Thanks.'],
    ]);
    expect(h.run(alice, { type: 'comment.resolve', threadId })).toMatchObject({ status: 403 });
    h.ok(chair, { type: 'comment.resolve', threadId });
    expect(readThreads(h.doc)[0]?.status).toBe('resolved');
    h.ok(bob, { type: 'comment.reopen', threadId });
    expect(readThreads(h.doc)[0]?.status).toBe('open');
    expect(h.run(olga, { type: 'comment.reply', threadId, text: 'x' })).toMatchObject({
      status: 403,
    });
    expect(h.run(bob, { type: 'comment.reply', threadId: 'nope', text: 'x' })).toMatchObject({
      status: 404,
    });
  });

  it('a chair hides an abusive comment or reply: the text leaves the document, the answer names it', () => {
    const { h, recId, anchor } = withText();
    const { threadId = '' } = h.ok(bob, {
      type: 'comment.create',
      recId,
      anchor,
      quote: 'shelters',
      text: 'Abuse',
    });
    const { replyId = '' } = h.ok(alice, { type: 'comment.reply', threadId, text: 'More abuse' });
    expect(h.run(bob, { type: 'comment.hide', threadId })).toMatchObject({ status: 403 });
    expect(h.ok(chair, { type: 'comment.hide', threadId })).toMatchObject({ title: 'Abuse' });
    expect(h.ok(chair, { type: 'comment.hide', threadId, replyId })).toMatchObject({
      title: 'More abuse',
    });
    const [t] = readThreads(h.doc);
    expect(t).toMatchObject({ text: '', hidden: true, quote: 'shelters' });
    expect(t?.replies[0]).toMatchObject({ text: '', hidden: true });
    expect(JSON.stringify(h.doc.toJSON())).not.toContain('buse');
  });
});
