import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CommentLimits, can, type CommentPost, type Recommendation } from '@kenes/shared';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';
import { useFragment } from '../recommendations/useFragment.js';
import type { SelectedRange } from './selectionAnchor.js';
import { useThreadList, useThreads, type PlacedThread } from './useThreads.js';

type Filter = 'open' | 'resolved' | 'all';

/**
 * The comment threads of one recommendation: a count in the card's margin
 * that opens the list (open / resolved / all), each thread with the text it
 * is about (marked detached once that text is gone), its replies, and — for
 * members who may post — reply, resolve / reopen (author or chair) and the
 * chair's hide. "Comment on selection" starts a thread on the text selected
 * in the editor. Everything is React text: no HTML from the document.
 */
export function CommentsPanel({ rec }: { rec: Recommendation }) {
  const { t } = useTranslation();
  const { doc, perms } = useRoom();
  const fragment = useFragment(doc, rec.id);
  // Closed, the panel only counts; the threads' places are worked out once it is opened.
  const threads = useThreadList(doc, rec.id);
  const [expanded, setExpanded] = useState(false);
  const [filter, setFilter] = useState<Filter>('open');
  const [draft, setDraft] = useState<SelectedRange | null>(null);
  const [text, setText] = useState('');
  const [hint, setHint] = useState(false);
  const create = useCommand();
  const panel = useRef<HTMLDetailsElement>(null);
  const newText = useRef<HTMLTextAreaElement>(null);
  // A new thread's form takes the focus, so a keyboard user goes on typing there.
  useEffect(() => {
    if (draft) newText.current?.focus();
  }, [draft]);
  const mayPost = !perms.readOnly && !perms.closed && can(perms.role, 'comment.create');
  const open = threads.filter((thread) => thread.status === 'open').length;
  const resolved = threads.length - open;

  const startFromSelection = async () => {
    const card = panel.current?.closest('article');
    // Through the editor's Yjs binding: loaded with the editor, so in by the time anything is selected.
    const { selectionAnchor } = await import('./selectionAnchor.js');
    const range = card && fragment ? selectionAnchor(card, fragment) : null;
    setHint(range === null);
    setDraft(range);
    setText('');
    create.clear();
    if (panel.current) panel.current.open = true;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const ok = await create.send({
      type: 'comment.create',
      recId: rec.id,
      anchor: draft.anchor,
      quote: draft.quote,
      text: text.trim(),
    });
    if (ok) {
      setDraft(null);
      setText('');
      setFilter('open');
    }
  };

  return (
    <div className="comments-block">
      {mayPost && (
        <button
          type="button"
          className="comment-on-selection"
          // Keep the editor's selection: the button must not take it away before it is read.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void startFromSelection()}
        >
          {t('comments.onSelection')}
        </button>
      )}
      {hint && <p className="note small">{t('comments.selectFirst')}</p>}
      <details
        className="comments"
        ref={panel}
        data-testid="comments-panel"
        onToggle={(e) => setExpanded(e.currentTarget.open)}
      >
        <summary>
          <span className="label">{t('comments.heading')}</span>{' '}
          <span className="badge comment-count" data-testid="comment-badge">
            {t('comments.openCount', { count: open })}
          </span>
          {resolved > 0 && (
            <span className="muted small"> {t('comments.resolvedCount', { count: resolved })}</span>
          )}
        </summary>
        {draft && (
          <form className="comment-form" onSubmit={(e) => void submit(e)}>
            <blockquote className="comment-quote">{draft.quote}</blockquote>
            <label>
              <span>{t('comments.newLabel')}</span>
              <textarea
                ref={newText}
                required
                rows={2}
                maxLength={CommentLimits.text}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            </label>
            <div className="row-actions">
              <button type="submit" className="primary" aria-disabled={create.pending}>
                {t('comments.post')}
              </button>
              <button type="button" onClick={() => setDraft(null)}>
                {t('recs.cancel')}
              </button>
            </div>
            <ErrorText error={create.error} />
          </form>
        )}
        <fieldset className="comment-filter">
          <legend className="visually-hidden">{t('comments.filter')}</legend>
          {(['open', 'resolved', 'all'] as const).map((f) => (
            <label key={f} className="inline">
              <input
                type="radio"
                name={`comment-filter-${rec.id}`}
                checked={filter === f}
                onChange={() => setFilter(f)}
              />
              {t(`comments.show.${f}`)}
            </label>
          ))}
        </fieldset>
        {expanded && <ThreadList recId={rec.id} filter={filter} mayPost={mayPost} />}
      </details>
    </div>
  );
}

function ThreadList({
  recId,
  filter,
  mayPost,
}: {
  recId: string;
  filter: Filter;
  mayPost: boolean;
}) {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const shown = useThreads(doc, recId).filter(
    (p) => filter === 'all' || p.thread.status === filter,
  );
  return shown.length === 0 ? (
    <p className="muted small">{t('comments.none')}</p>
  ) : (
    <ul className="threads">
      {shown.map((p) => (
        <Thread key={p.thread.id} placed={p} mayPost={mayPost} />
      ))}
    </ul>
  );
}

function Post({ post }: { post: CommentPost }) {
  const { t } = useTranslation();
  return (
    <div className="comment-post">
      <p className="comment-author small">
        <strong>{post.authorName}</strong> · <span className="muted">{post.organisation}</span>
      </p>
      {post.hidden ? (
        <p className="muted small">{t('comments.hidden')}</p>
      ) : (
        <p className="comment-text">{post.text}</p>
      )}
    </div>
  );
}

function Thread({ placed, mayPost }: { placed: PlacedThread; mayPost: boolean }) {
  const { t } = useTranslation();
  const { perms, user } = useRoom();
  const { thread, place } = placed;
  const control = useCommand();
  const [reply, setReply] = useState('');
  const chair = perms.role === 'chair';
  const mayResolve = mayPost && (chair || thread.authorId === user.id);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await control.send({
      type: 'comment.reply',
      threadId: thread.id,
      text: reply.trim(),
    });
    if (ok) setReply('');
  };
  return (
    <li
      className="thread"
      data-testid="comment-thread"
      data-status={thread.status}
      data-detached={place.detached}
      data-thread-id={thread.id}
    >
      <blockquote className="comment-quote">
        {thread.quote}
        {place.detached && (
          <span className="badge detached" data-testid="detached">
            {t('comments.detached')}
          </span>
        )}
        {thread.status === 'resolved' && (
          <span className="badge resolved">{t('comments.resolved')}</span>
        )}
      </blockquote>
      <Post post={thread} />
      {thread.replies.length > 0 && (
        <ul className="replies">
          {thread.replies.map((r) => (
            <li key={r.id} data-testid="comment-reply">
              <Post post={r} />
              {chair && mayPost && !r.hidden && (
                <button
                  type="button"
                  className="link small"
                  onClick={() =>
                    void control.send({ type: 'comment.hide', threadId: thread.id, replyId: r.id })
                  }
                >
                  {t('comments.hide')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayPost && (
        <form className="reply-form" onSubmit={(e) => void send(e)}>
          <label>
            <span className="visually-hidden">
              {t('comments.replyLabel', { name: thread.authorName })}
            </span>
            <textarea
              required
              rows={1}
              maxLength={CommentLimits.text}
              placeholder={t('comments.replyPlaceholder')}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
            />
          </label>
          <div className="row-actions">
            <button type="submit" aria-disabled={control.pending}>
              {t('comments.reply')}
            </button>
            {mayResolve &&
              (thread.status === 'open' ? (
                <button
                  type="button"
                  onClick={() =>
                    void control.send({ type: 'comment.resolve', threadId: thread.id })
                  }
                >
                  {t('comments.resolve')}
                </button>
              ) : (
                <button
                  type="button"
                  onClick={() => void control.send({ type: 'comment.reopen', threadId: thread.id })}
                >
                  {t('comments.reopen')}
                </button>
              ))}
            {chair && !thread.hidden && (
              <button
                type="button"
                className="danger"
                onClick={() => void control.send({ type: 'comment.hide', threadId: thread.id })}
              >
                {t('comments.hide')}
              </button>
            )}
          </div>
        </form>
      )}
      <ErrorText error={control.error} />
    </li>
  );
}
