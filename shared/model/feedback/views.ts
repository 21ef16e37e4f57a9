// Saved views of a feedback board, per person: a name with the view kind, sort and filters.
// They live in the board doc (so they follow a person to their other laptop) keyed by id,
// each owned by one member, who alone sees, renames or deletes it. Saving a view is not an
// edit of the board, so undo never touches views.
import * as Y from 'yjs';
import { z } from 'zod';
import { entities, entityOrThrow, oneOf, str, transactLocal } from '../doc';
import { ModelError } from '../errors';
import { newId } from '../ids';
import { entityId, LIMITS, parseInput, requiredText } from '../validate';

export type SavedViewKind = 'kanban' | 'table' | 'matrix';
export type SavedViewSort = 'manual' | 'priority' | 'votes' | 'newest' | 'active';

export interface SavedViewFilters {
  readonly statusId: string;
  readonly channelId: string;
  readonly tag: string;
  readonly ownerId: string;
  /** A goal link key `${boardId}:${goalId}`, or 'all'. */
  readonly goal: string;
  readonly text: string;
}

export interface SavedViewSnapshot {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly view: SavedViewKind;
  readonly sort: SavedViewSort;
  readonly filters: SavedViewFilters;
  readonly createdAt: number;
}

const filterValue = z.string({ error: 'errors.invalid' }).max(LIMITS.title, { error: `errors.tooLong|${LIMITS.title}` });
const filtersInput = z.object({ statusId: filterValue, channelId: filterValue, tag: filterValue, ownerId: filterValue, goal: filterValue, text: filterValue });
const viewKind = z.enum(['kanban', 'table', 'matrix'], { error: 'errors.invalid' });
const sortKind = z.enum(['manual', 'priority', 'votes', 'newest', 'active'], { error: 'errors.invalid' });
const saveInput = z.object({ ownerId: entityId, name: requiredText(LIMITS.name), view: viewKind, sort: sortKind, filters: filtersInput });
const deleteInput = z.object({ id: entityId, ownerId: entityId });

const viewsOf = (doc: Y.Doc) => doc.getMap<unknown>('views');

/** Saves the current view under a name; saving again under the same name replaces it. */
export function saveView(doc: Y.Doc, args: z.input<typeof saveInput>, now = Date.now()): string {
  const input = parseInput(saveInput, args);
  return transactLocal(doc, () => {
    const existing = readSavedViews(doc, input.ownerId).find((v) => v.name.toLocaleLowerCase() === input.name.toLocaleLowerCase());
    const id = existing?.id ?? newId('v');
    const view = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ id, ownerId: input.ownerId, name: input.name, view: input.view, sort: input.sort, filters: JSON.stringify(input.filters), createdAt: existing?.createdAt ?? now })) view.set(key, value);
    viewsOf(doc).set(id, view);
    return id;
  });
}

export function deleteView(doc: Y.Doc, args: z.input<typeof deleteInput>): void {
  const input = parseInput(deleteInput, args);
  transactLocal(doc, () => {
    const view = entityOrThrow(viewsOf(doc), input.id);
    if (view.get('ownerId') !== input.ownerId) throw new ModelError('invalid-input', 'errors.notViewOwner', 'id');
    viewsOf(doc).delete(input.id);
  });
}

function readFilters(raw: unknown): SavedViewFilters {
  const fallback = { statusId: 'all', channelId: 'all', tag: 'all', ownerId: 'all', goal: 'all', text: '' };
  try {
    const parsed = filtersInput.safeParse(JSON.parse(str(raw, '{}')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** The views `ownerId` saved on this board, by name. */
export function readSavedViews(doc: Y.Doc, ownerId: string): SavedViewSnapshot[] {
  const views: SavedViewSnapshot[] = [];
  for (const [id, v] of entities(viewsOf(doc))) {
    if (v.get('ownerId') !== ownerId) continue;
    views.push({
      id,
      ownerId,
      name: str(v.get('name')),
      view: oneOf(v.get('view'), ['kanban', 'table', 'matrix'] as const, 'kanban'),
      sort: oneOf(v.get('sort'), ['manual', 'priority', 'votes', 'newest', 'active'] as const, 'manual'),
      filters: readFilters(v.get('filters')),
      createdAt: typeof v.get('createdAt') === 'number' ? (v.get('createdAt') as number) : 0,
    });
  }
  return views.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}
