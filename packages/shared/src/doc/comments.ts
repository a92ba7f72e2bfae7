import * as Y from 'yjs';
import { parseRelativePosition } from '../presence.js';
import { meetingRoots, type RecordMap } from './roots.js';
import {
  COMMENT_STATUSES,
  CommentLimits,
  ORG_TYPES,
  type CommentPost,
  type CommentThread,
  type OrgType,
} from './shapes.js';

/**
 * Comment threads, written by the server alone in the `comments` root
 * (thread id → Y.Map of a {@link CommentThread}; its replies a plain array).
 * Readers validate every field and skip what they cannot trust, so a client
 * survives any value the server relays.
 */

const MAX_FIELD = 400;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function boundedString(v: unknown, max: number): string | null {
  return typeof v === 'string' && v.length <= max ? v : null;
}

/** Reads a post's common fields from any record; null when one is missing or ill-typed. */
function readPostFields(r: Record<string, unknown> | RecordMap): CommentPost | null {
  const get = (k: string): unknown => (r instanceof Y.Map ? r.get(k) : r[k]);
  const id = boundedString(get('id'), MAX_FIELD);
  const authorId = boundedString(get('authorId'), MAX_FIELD);
  const authorName = boundedString(get('authorName'), MAX_FIELD);
  const organisation = boundedString(get('organisation'), MAX_FIELD);
  const orgType = get('orgType');
  const text = boundedString(get('text'), CommentLimits.text);
  const at = get('at');
  const hidden = get('hidden');
  if (!id || authorId === null || authorName === null || organisation === null || text === null)
    return null;
  if (typeof orgType !== 'string' || !(ORG_TYPES as readonly string[]).includes(orgType))
    return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  return {
    id,
    authorId,
    authorName,
    organisation,
    orgType: orgType as OrgType,
    text: hidden === true ? '' : text,
    at,
    hidden: hidden === true,
  };
}

/** Reads one thread map; null when it is not a well-formed thread. */
export function readThread(m: unknown): CommentThread | null {
  if (!(m instanceof Y.Map)) return null;
  const post = readPostFields(m as RecordMap);
  if (!post) return null;
  const recId = boundedString(m.get('recId'), MAX_FIELD);
  const quote = boundedString(m.get('quote'), CommentLimits.quote);
  const status = m.get('status');
  const anchor: unknown = m.get('anchor');
  if (!recId || quote === null) return null;
  if (typeof status !== 'string' || !(COMMENT_STATUSES as readonly string[]).includes(status))
    return null;
  if (!isRecord(anchor)) return null;
  const start = parseRelativePosition(anchor.start);
  const end = parseRelativePosition(anchor.end);
  if (!start || !end) return null;
  const rawReplies: unknown = m.get('replies');
  const replies = Array.isArray(rawReplies)
    ? rawReplies
        .slice(0, CommentLimits.repliesPerThread)
        .flatMap((r) => (isRecord(r) ? (readPostFields(r) ?? []) : []))
    : [];
  return {
    ...post,
    recId,
    anchor: { start, end },
    quote,
    status: status as CommentThread['status'],
    replies,
  };
}

/** Every well-formed thread (of one recommendation when `recId` is given), oldest first. */
export function readThreads(doc: Y.Doc, recId?: string): CommentThread[] {
  const out: CommentThread[] = [];
  for (const [key, m] of meetingRoots(doc).comments.entries()) {
    const t = readThread(m);
    if (t && t.id === key && (recId === undefined || t.recId === recId)) out.push(t);
  }
  return out.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** The map of one thread, or undefined. */
export function threadMap(doc: Y.Doc, threadId: string): RecordMap | undefined {
  const m = meetingRoots(doc).comments.get(threadId);
  return m instanceof Y.Map ? m : undefined;
}

/** Adds a thread (server only, inside a command's transaction). */
export function insertThread(doc: Y.Doc, thread: CommentThread): void {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(thread)) m.set(k, v);
  meetingRoots(doc).comments.set(thread.id, m);
}

/** Writes fields of a thread (server only). */
export function patchThread(
  m: RecordMap,
  patch: Partial<Pick<CommentThread, 'status' | 'replies' | 'text' | 'hidden'>>,
): void {
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
}
