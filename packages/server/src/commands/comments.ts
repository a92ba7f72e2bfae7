import {
  CommentLimits,
  ErrorCode,
  anchorInRecommendation,
  anchoredText,
  insertThread,
  normaliseQuote,
  patchThread,
  readThread,
  readThreads,
  threadMap,
  type CommentPost,
  type CommentThread,
  type RecordMap,
} from '@kenes/shared';
import { refuse, type CommandContext, type Handlers } from './context.js';
import { findRec } from './recommendations.js';

/**
 * Comments: threads anchored to a range of a recommendation's text, written
 * by the server (identity, order and time are the server's). The anchor the
 * client made must resolve into that recommendation's text. The thread's
 * author or a chair resolves and reopens it; a chair hides an abusive post
 * (its text leaves the document; the audit keeps the command that posted it
 * and the hide names what it hid).
 */

interface LocatedThread {
  map: RecordMap;
  thread: CommentThread;
}

function findThread(ctx: CommandContext, threadId: string): LocatedThread {
  const map = threadMap(ctx.doc, threadId);
  const thread = map ? readThread(map) : null;
  if (!map || !thread) refuse(404, ErrorCode.notFound, `No comment thread ${threadId}`);
  // Its recommendation must still be in the room.
  findRec(ctx.doc, thread.recId);
  return { map, thread };
}

function post(ctx: CommandContext, text: string): CommentPost {
  const { actor } = ctx;
  return {
    id: ctx.ids(),
    authorId: actor.userId,
    authorName: actor.name,
    organisation: actor.organisation,
    orgType: actor.orgType,
    text,
    at: ctx.now,
    hidden: false,
  };
}

function mayResolve(ctx: CommandContext, thread: CommentThread): void {
  if (ctx.actor.role !== 'chair' && ctx.actor.userId !== thread.authorId)
    refuse(403, ErrorCode.forbidden, 'Only the chair or its author may resolve or reopen a thread');
}

/** Handlers of the `comment.*` commands. */
export const commentHandlers: Pick<
  Handlers,
  'comment.create' | 'comment.reply' | 'comment.resolve' | 'comment.reopen' | 'comment.hide'
> = {
  'comment.create'(ctx, { recId, anchor, quote, text }) {
    findRec(ctx.doc, recId);
    if (!anchorInRecommendation(ctx.doc, recId, anchor))
      refuse(409, ErrorCode.invalidState, 'The anchor is not in that recommendation’s text');
    // The quote is what the thread shows once the text is gone: it must be the text anchored,
    // so nobody can put words in the recommendation's mouth.
    const anchored = anchoredText(ctx.doc, recId, anchor);
    if (
      anchored === null ||
      normaliseQuote(anchored).slice(0, CommentLimits.quote) !== normaliseQuote(quote)
    )
      refuse(409, ErrorCode.invalidState, 'The quote is not the text anchored');
    if (readThreads(ctx.doc, recId).length >= CommentLimits.threadsPerRecommendation)
      refuse(409, ErrorCode.invalidState, 'This recommendation has too many threads');
    const thread: CommentThread = {
      ...post(ctx, text),
      recId,
      anchor,
      quote,
      status: 'open',
      replies: [],
    };
    insertThread(ctx.doc, thread);
    return { threadId: thread.id, recId };
  },

  'comment.reply'(ctx, { threadId, text }) {
    const { map, thread } = findThread(ctx, threadId);
    if (thread.replies.length >= CommentLimits.repliesPerThread)
      refuse(409, ErrorCode.invalidState, 'This thread has too many replies');
    const reply = post(ctx, text);
    patchThread(map, { replies: [...thread.replies, reply] });
    return { threadId, replyId: reply.id };
  },

  'comment.resolve'(ctx, { threadId }) {
    const { map, thread } = findThread(ctx, threadId);
    mayResolve(ctx, thread);
    if (thread.status !== 'resolved') patchThread(map, { status: 'resolved' });
    return { threadId };
  },

  'comment.reopen'(ctx, { threadId }) {
    const { map, thread } = findThread(ctx, threadId);
    mayResolve(ctx, thread);
    if (thread.status !== 'open') patchThread(map, { status: 'open' });
    return { threadId };
  },

  'comment.hide'(ctx, { threadId, replyId }) {
    const { map, thread } = findThread(ctx, threadId);
    if (replyId === undefined) {
      if (thread.hidden) return { threadId };
      patchThread(map, { text: '', hidden: true });
      return { threadId, title: thread.text };
    }
    const reply = thread.replies.find((r) => r.id === replyId);
    if (!reply) refuse(404, ErrorCode.notFound, `No reply ${replyId}`);
    if (reply.hidden) return { threadId };
    patchThread(map, {
      replies: thread.replies.map((r) => (r.id === replyId ? { ...r, text: '', hidden: true } : r)),
    });
    return { threadId, title: reply.text };
  },
};
