// Comments on feedback items: append-only entities in `comments` (so offline comments from
// several people all survive), threaded by parentId, with @mentions resolved against the
// member list. Only the author edits or deletes a comment; a deleted one stays as a tombstone
// so replies under it keep their place.
import * as Y from 'yjs';
import { z } from 'zod';
import { entityOrThrow, replaceText, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { changeMark } from '../field-writes';
import { liveItemOrThrow, mergeView } from './columns';
import { FEEDBACK_LIMITS, feedbackCommentsOf, memberId, setAll } from './schema';
import { newId } from '../ids';
import { entityId, LIMITS, parseInput, requiredText } from '../validate';

/** A member as a mention candidate: the workspace's member list, passed in by the caller. */
export interface MentionCandidate {
  readonly id: string;
  readonly name: string;
}

const membersInput = z
  .array(z.object({ id: memberId, name: z.string({ error: 'errors.invalid' }).max(LIMITS.name * 4, { error: `errors.tooLong|${LIMITS.name}` }) }), { error: 'errors.invalid' })
  .max(FEEDBACK_LIMITS.members, { error: `errors.tooMany|${FEEDBACK_LIMITS.members}` });
const body = requiredText(LIMITS.text);
const addInput = z.object({ itemId: entityId, parentId: entityId.nullable().optional(), authorId: memberId, body, members: membersInput });
const editInput = z.object({ id: entityId, authorId: memberId, body, members: membersInput });
const deleteInput = z.object({ id: entityId, authorId: memberId });

const NOT_BEFORE_MENTION = /[A-Za-z0-9_.]/; // so `bob@example.com` mentions nobody
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Member ids mentioned as `@Name` in `text`, in order of first mention. Names may hold spaces
 * (`@Li Wei`) and match without regard to case; the longest name wins (`@Ann Lee` over `@Ann`).
 * A name must end at a word boundary, except next to Chinese or Japanese text, which has no
 * spaces (`@张伟请看`). Members sharing a name are all mentioned.
 */
export function parseMentions(text: string, members: readonly MentionCandidate[]): string[] {
  const byName = new Map<string, string[]>();
  for (const m of members) {
    const name = m.name.normalize('NFC').trim().toLowerCase();
    if (name) byName.set(name, [...(byName.get(name) ?? []), m.id]);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const source = text.normalize('NFC');
  const found: string[] = [];
  for (let at = source.indexOf('@'); at !== -1; at = source.indexOf('@', at + 1)) {
    if (at > 0 && NOT_BEFORE_MENTION.test(source.charAt(at - 1))) continue;
    const start = at + 1;
    const name = names.find((n) => source.slice(start, start + n.length).toLowerCase() === n && endsAtBoundary(n, source.charAt(start + n.length)));
    if (name === undefined) continue;
    for (const id of byName.get(name) ?? []) if (!found.includes(id)) found.push(id);
    at += name.length;
  }
  return found;
}

function endsAtBoundary(name: string, next: string): boolean {
  if (next === '' || !WORD_CHAR.test(next)) return true;
  return CJK.test(next) || CJK.test(name.charAt(name.length - 1));
}

/** Adds a comment (or a reply, with `parentId`) to an item and returns its id. */
export function addComment(doc: Y.Doc, args: z.input<typeof addInput>, now = Date.now()): string {
  const input = parseInput(addInput, args);
  return transactLocal(doc, () => {
    const merges = mergeView(doc);
    liveItemOrThrow(merges, input.itemId, 'itemId');
    if (input.parentId) {
      const parent = entityOrThrow(feedbackCommentsOf(doc), input.parentId, 'parentId');
      const parentItem = parent.get('itemId');
      if (typeof parentItem !== 'string' || merges.rootOf(parentItem) !== input.itemId) throw new ModelError('invalid-input', 'errors.parentComment', 'parentId');
    }
    const id = newId('cm');
    const comment = new Y.Map<unknown>();
    setAll(comment, {
      id, itemId: input.itemId, parentId: input.parentId ?? null, authorId: input.authorId, body: new Y.Text(input.body),
      mentions: parseMentions(input.body, input.members), createdAt: now, editedAt: null, deleted: false, ...changeMark(doc),
    });
    feedbackCommentsOf(doc).set(id, comment);
    return id;
  });
}

/** Changes the text of one's own comment; the mentions are parsed again. */
export function editComment(doc: Y.Doc, args: z.input<typeof editInput>, now = Date.now()): void {
  const input = parseInput(editInput, args);
  transactLocal(doc, () => {
    const comment = ownComment(doc, input.id, input.authorId);
    if (comment.get('deleted') === true) throw new ModelError('invalid-input', 'errors.commentDeleted', 'id');
    const text = comment.get('body');
    if (text instanceof Y.Text && text.toString() === input.body) return;
    if (text instanceof Y.Text) replaceText(text, input.body);
    else comment.set('body', new Y.Text(input.body));
    comment.set('mentions', parseMentions(input.body, input.members));
    comment.set('editedAt', now);
  });
}

/** Deletes one's own comment: its text goes, a tombstone stays so replies keep their thread. */
export function deleteComment(doc: Y.Doc, args: z.input<typeof deleteInput>, now = Date.now()): void {
  const input = parseInput(deleteInput, args);
  transactLocal(doc, () => {
    const comment = ownComment(doc, input.id, input.authorId);
    if (comment.get('deleted') === true) return;
    const text = comment.get('body');
    if (text instanceof Y.Text) replaceText(text, '');
    else comment.set('body', new Y.Text(''));
    comment.set('mentions', []);
    comment.set('deleted', true);
    comment.set('deletedAt', now);
  });
}

function ownComment(doc: Y.Doc, id: string, authorId: string): Y.Map<unknown> {
  const comment = entityOrThrow(feedbackCommentsOf(doc), id);
  if (comment.get('authorId') !== authorId) throw new ModelError('invalid-input', 'errors.notAuthor', 'authorId');
  return comment;
}
