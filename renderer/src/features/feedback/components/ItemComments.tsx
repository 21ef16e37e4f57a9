// An item's comment thread: comments and one level of replies, @mentions of members (typed
// or picked), and editing or deleting one's own comments.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackCommentSnapshot } from '../../../../../shared/model/feedback/snapshots';
import { useApp, useRuntime } from '../../../context';
import { FieldError, type ShownError } from '../../../components/FieldError';

/** Splits a comment into plain text and `@Name` mentions of members (longest names first). */
export function withMentions(body: string, names: readonly string[]): { text: string; mention: boolean }[] {
  const sorted = [...names].filter(Boolean).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return [{ text: body, mention: false }];
  const pattern = new RegExp(`(@(?:${sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}))`, 'g');
  return body
    .split(pattern)
    .filter((text) => text !== '')
    .map((text) => ({ text, mention: text.startsWith('@') && sorted.includes(text.slice(1)) }));
}

function Composer({ itemId, parentId, onDone, initial = '', commentId }: { itemId: string; parentId: string | null; onDone?(): void; initial?: string; commentId?: string }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const members = useApp((s) => s.workspace?.members ?? []);
  const [body, setBody] = useState(initial);
  const [error, setError] = useState<ShownError | null>(null);
  const mentionQuery = /@([^\s@]*)$/.exec(body)?.[1];
  const suggestions = mentionQuery === undefined ? [] : members.filter((m) => m.name.toLocaleLowerCase().startsWith(mentionQuery.toLocaleLowerCase())).slice(0, 5);
  function submit(e: FormEvent) {
    e.preventDefault();
    const result = commentId ? runtime.feedback.editComment(commentId, body) : runtime.feedback.comment(itemId, body, parentId);
    if (!result.ok) return setError(result.error);
    setError(null);
    setBody('');
    onDone?.();
  }
  return (
    <form className="comment-composer" onSubmit={submit} aria-label={commentId ? t('comments.edit') : parentId ? t('comments.reply') : t('comments.add')}>
      <textarea
        aria-label={t('comments.placeholder')}
        placeholder={t('comments.placeholder')}
        value={body}
        rows={2}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      />
      {suggestions.length > 0 && (
        <div className="mention-list" role="listbox" aria-label={t('comments.mention', { name: '' })}>
          {suggestions.map((m) => (
            <button type="button" key={m.id} role="option" aria-selected="false" onClick={() => setBody(body.replace(/@([^\s@]*)$/, `@${m.name} `))}>
              {t('comments.mention', { name: m.name })}
            </button>
          ))}
        </div>
      )}
      <div className="actions left">
        <button type="submit">{commentId ? t('comments.save') : parentId ? t('comments.reply') : t('comments.add')}</button>
        {onDone && (
          <button type="button" onClick={onDone}>
            {t('item.cancel')}
          </button>
        )}
      </div>
      <FieldError error={error} />
    </form>
  );
}

function Comment({ comment, replies, readOnly }: { comment: FeedbackCommentSnapshot; replies: readonly FeedbackCommentSnapshot[]; readOnly: boolean }) {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const me = useApp((s) => s.identity?.memberId);
  const members = useApp((s) => s.workspace?.members ?? []);
  const locale = useApp((s) => s.locale);
  const [mode, setMode] = useState<'view' | 'edit' | 'reply'>('view');
  const author = members.find((m) => m.id === comment.authorId);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(comment.createdAt));
  return (
    <li className="comment" data-testid="comment">
      <div className="comment-head">
        <span className="avatar small" style={{ background: author?.colour ?? '#888' }} aria-hidden="true">
          {(author?.name ?? '?').slice(0, 1).toUpperCase()}
        </span>
        <strong>{author?.name ?? '?'}</strong> <span className="muted small">{when}</span>
        {comment.editedAt && <span className="muted small"> · {t('comments.edited')}</span>}
      </div>
      {mode === 'edit' ? (
        <Composer itemId={comment.itemId} parentId={comment.parentId} commentId={comment.id} initial={comment.body} onDone={() => setMode('view')} />
      ) : (
        <p className="comment-body">
          {withMentions(comment.body, members.map((m) => m.name)).map((part, i) =>
            part.mention ? (
              <mark key={i} className="mention">
                {part.text}
              </mark>
            ) : (
              part.text
            ),
          )}
        </p>
      )}
      {!readOnly && mode === 'view' && (
        <div className="comment-actions">
          {!comment.parentId && (
            <button className="link-button small" onClick={() => setMode('reply')}>
              {t('comments.reply')}
            </button>
          )}
          {comment.authorId === me && (
            <>
              <button className="link-button small" onClick={() => setMode('edit')}>
                {t('comments.edit')}
              </button>
              <button className="link-button small danger" onClick={() => runtime.feedback.deleteComment(comment.id)}>
                {t('comments.delete')}
              </button>
            </>
          )}
        </div>
      )}
      {mode === 'reply' && <Composer itemId={comment.itemId} parentId={comment.id} onDone={() => setMode('view')} />}
      {replies.length > 0 && (
        <ul className="comment-replies">
          {replies.map((r) => (
            <Comment key={r.id} comment={r} replies={[]} readOnly={readOnly} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ItemComments({ itemId, comments, readOnly }: { itemId: string; comments: readonly FeedbackCommentSnapshot[]; readOnly: boolean }) {
  const { t } = useTranslation();
  const visible = comments.filter((c) => !c.deleted);
  const roots = visible.filter((c) => !c.parentId || !visible.some((p) => p.id === c.parentId));
  return (
    <section className="detail-section" aria-labelledby="comments-heading">
      <h3 id="comments-heading">{t('comments.title')}</h3>
      {visible.length === 0 && <p className="muted small">{t('comments.none')}</p>}
      <ul className="comments">
        {roots.map((c) => (
          <Comment key={c.id} comment={c} replies={visible.filter((r) => r.parentId === c.id)} readOnly={readOnly} />
        ))}
      </ul>
      {!readOnly && <Composer itemId={itemId} parentId={null} />}
    </section>
  );
}
