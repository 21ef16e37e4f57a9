// One search box over every board of every kind (each kind says what of it matches, through
// the registry), with results as you type. Arrow keys move through the results, Enter opens
// one, Escape closes the list.
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { BoardKind } from '../../../shared/model/kinds';
import { useApp, useRuntime } from '../context';
import { BOARD_FEATURES, boardFeatures } from '../features/kinds';
import { queryWords } from './search-words';
import { boardName } from '../boards/board-name';

interface Result {
  readonly key: string;
  readonly kind: BoardKind;
  readonly boardId: string;
  readonly id: string;
  readonly title: string;
  readonly boardName: string;
}

const MAX_RESULTS = 12;
const NOTHING: readonly never[] = [];

export function SearchBox() {
  const runtime = useRuntime();
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // Every board's snapshots only while there is something to search: an edit does not re-render an empty box.
  const searching = queryWords(query).length > 0;
  const snapshots = useApp(useShallow((s) => (searching ? boardFeatures().map(([, feature]) => s[feature.slice]) : NOTHING)));
  const boards = useApp((s) => s.workspace?.boards);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();

  const results = useMemo<Result[]>(() => {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const name = (id: string) => {
      const board = boards?.find((b) => b.id === id);
      return board ? boardName(board, t) : '';
    };
    const found: Result[] = [];
    for (const [i, [kind, feature]] of boardFeatures().entries()) {
      for (const [boardId, board] of Object.entries(snapshots[i] ?? {})) {
        for (const hit of feature.search.hits(board, words)) {
          found.push({ key: `${kind}:${hit.id}`, kind, boardId, id: hit.id, title: hit.title, boardName: name(boardId) });
          if (found.length >= MAX_RESULTS) return found;
        }
      }
    }
    return found;
  }, [query, snapshots, boards, t]);

  const choose = (result: Result) => {
    setOpen(false);
    setQuery('');
    void runtime.openBoard(result.boardId).then(() => runtime.store.setState(BOARD_FEATURES[result.kind].search.select(result.id)));
  };
  const current = results[Math.min(active, results.length - 1)];
  return (
    <div className="search-box">
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={open && query.trim() !== '' && results.length > 0}
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
      {open && query.trim() !== '' && results.length === 0 && (
        // Not a listbox: a listbox may hold options only, and "no matches" is not one.
        <p id={listId} role="status" className="search-results search-none muted small">{t('search.none', { query })}</p>
      )}
      {open && results.length > 0 && query.trim() !== '' && (
        <ul id={listId} role="listbox" className="search-results" aria-label={t('search.results', { count: results.length })}>
          {results.map((r) => (
            <li key={r.key} id={`${listId}-${r.key}`} role="option" aria-selected={r === current} className={r === current ? 'active' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(r)} data-testid="search-result">
              <span className={`result-kind ${BOARD_FEATURES[r.kind].search.className}`}>{t(BOARD_FEATURES[r.kind].search.labelKey)}</span> {r.title} <span className="muted small">{r.boardName}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
