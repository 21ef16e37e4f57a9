// One search box over every board, goals and feedback alike, with results as you type.
// Arrow keys move through the results, Enter opens one, Escape closes the list.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp, useRuntime } from '../context';
import { itemMatchesText, queryWords } from '../features/feedback/filtering';

interface Result {
  readonly key: string;
  readonly kind: 'goal' | 'feedback';
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly boardName: string;
}

const MAX_RESULTS = 12;

export function SearchBox() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const goalsBoards = useApp((s) => s.goalsBoards);
  const feedbackBoards = useApp((s) => s.feedbackBoards);
  const boards = useApp((s) => s.workspace?.boards);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();

  const results = useMemo<Result[]>(() => {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const name = (id: string) => boards?.find((b) => b.id === id)?.name ?? '';
    const found: Result[] = [];
    for (const [boardId, board] of Object.entries(goalsBoards)) {
      for (const goal of board.goals) {
        const text = `${goal.title}\n${goal.description}\n${goal.kpis.map((k) => k.name).join(' ')}`.toLocaleLowerCase();
        if (words.every((w) => text.includes(w))) found.push({ key: `g:${goal.id}`, kind: 'goal', boardId, id: goal.id, title: goal.title, boardName: name(boardId) });
        if (found.length >= MAX_RESULTS) return found;
      }
    }
    for (const [boardId, board] of Object.entries(feedbackBoards)) {
      for (const item of board.items.values()) {
        if (item.mergedInto !== null || !itemMatchesText(item, words)) continue;
        found.push({ key: `f:${item.id}`, kind: 'feedback', boardId, id: item.id, title: item.title, boardName: name(boardId) });
        if (found.length >= MAX_RESULTS) return found;
      }
    }
    return found;
  }, [query, goalsBoards, feedbackBoards, boards]);

  const choose = (result: Result) => {
    setOpen(false);
    setQuery('');
    void runtime.openBoard(result.boardId).then(() => runtime.store.setState(result.kind === 'goal' ? { selectedGoalId: result.id } : { selectedItemId: result.id }));
  };
  const current = results[Math.min(active, results.length - 1)];
  return (
    <div className="search-box">
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={open && query.trim() !== ''}
        aria-controls={listId}
        aria-activedescendant={open && current ? `${listId}-${current.key}` : undefined}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && current) choose(current);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && query.trim() !== '' && (
        <ul id={listId} role="listbox" className="search-results" aria-label={t('search.results', { count: results.length })}>
          {results.length === 0 && <li className="muted small">{t('search.none', { query })}</li>}
          {results.map((r) => (
            <li key={r.key} id={`${listId}-${r.key}`} role="option" aria-selected={r === current} className={r === current ? 'active' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(r)} data-testid="search-result">
              <span className={`result-kind ${r.kind}`}>{t(r.kind === 'goal' ? 'search.goal' : 'search.feedback')}</span> {r.title} <span className="muted small">{r.boardName}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
