// One sticky note on the canvas: a focusable button-like card in list order. Dragging uses
// d3-drag (the same gesture library as the canvas's d3-zoom). Keyboard: Enter edits, V votes
// (Shift+V takes a vote back), M opens "Move to cluster", arrows move it, Space selects, Delete removes.
import { drag } from 'd3-drag';
import { select } from 'd3-selection';
import { memo, useEffect, useRef, useState } from 'react';
import type { NoteSnapshot } from '../../../../../shared/model/workshops/read';
import type { RepeatedWords } from '../../../i18n/repeated-words';
import { NOTE_HEIGHT, NOTE_WIDTH } from '../geometry';

export interface NoteHandlers {
  onSelect(id: string, additive: boolean): void;
  onDragStart(id: string): void;
  /** Screen pixels since the last drag event. */
  onDrag(dx: number, dy: number): void;
  onDragEnd(): void;
  onEdit(id: string | null): void;
  onSaveText(id: string, text: string): boolean;
  onKeyCommand(id: string, command: 'vote' | 'unvote' | 'move-menu' | 'delete' | 'nudge', dx?: number, dy?: number): void;
  onFocusNote(id: string): void;
}

interface Props {
  note: NoteSnapshot;
  x: number;
  y: number;
  selected: boolean;
  editing: boolean;
  authorName: string | null;
  myVotes: number;
  /** Counted votes of everyone, once results are revealed; else null. */
  total: number | null;
  handlers: NoteHandlers;
  /** The canvas' words in the language on screen: no translation hook per note. */
  words: RepeatedWords;
}

/**
 * Whether a note's text may not fit its four lines (about 18 Latin or 10 CJK characters each):
 * only such text is clipped. Generous on purpose: a short text clipped costs a little paint, a
 * long one unclipped would spill over the note below.
 */
function mayOverflow(text: string): boolean {
  if (text.length > 36) return true;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 && ++lines > 3) return true;
  return false;
}

export const StickyNote = memo(function StickyNote({ note, x, y, selected, editing, authorName, myVotes, total, handlers, words }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState(note.text);
  /** Escape leaves the edit without saving, though moving focus away blurs the text area. */
  const cancelled = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const behaviour = drag<HTMLDivElement, unknown>()
      .filter((e: MouseEvent) => !e.button && !(e.target as Element).closest('textarea, button'))
      .on('start', () => handlers.onDragStart(note.id))
      .on('drag', (e: { dx: number; dy: number }) => handlers.onDrag(e.dx, e.dy))
      .on('end', () => handlers.onDragEnd());
    select(el).call(behaviour);
    return () => void select(el).on('.drag', null);
  }, [note.id, handlers]);

  function startEditing() {
    cancelled.current = false;
    setDraft(note.text);
    handlers.onEdit(note.id);
  }
  function save() {
    if (cancelled.current) return;
    if (handlers.onSaveText(note.id, draft)) {
      handlers.onEdit(null);
      ref.current?.focus({ preventScroll: true });
    }
  }
  function onKeyDown(e: React.KeyboardEvent) {
    if (editing || e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const step = e.shiftKey ? 120 : 24;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const arrow = arrows[e.key];
    if (arrow) handlers.onKeyCommand(note.id, 'nudge', arrow[0], arrow[1]);
    else if (e.key === 'Enter') startEditing();
    else if (e.key === ' ') handlers.onSelect(note.id, true);
    else if (e.key.toLowerCase() === 'v') handlers.onKeyCommand(note.id, e.shiftKey ? 'unvote' : 'vote');
    else if (e.key.toLowerCase() === 'm') handlers.onKeyCommand(note.id, 'move-menu');
    else if (e.key === 'Delete' || e.key === 'Backspace') handlers.onKeyCommand(note.id, 'delete');
    else return;
    e.preventDefault();
  }
  const label = [note.text || words.say('workshops.emptyNote'), authorName ? words.say('workshops.by', { name: authorName }) : null, myVotes > 0 ? words.say('workshops.myVotes', { count: myVotes }) : null, total !== null ? words.say('workshops.totalVotes', { count: total }) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <div
      ref={ref}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={label}
      data-note-id={note.id}
      className={`sticky-note colour-${note.colour}${selected ? ' selected' : ''}`}
      style={{ left: x, top: y, width: NOTE_WIDTH, height: NOTE_HEIGHT }}
      onClick={(e) => handlers.onSelect(note.id, e.shiftKey || e.metaKey || e.ctrlKey)}
      onDoubleClick={(e) => {
        e.stopPropagation();
        startEditing();
      }}
      onFocus={(e) => e.target === e.currentTarget && handlers.onFocusNote(note.id)}
      onKeyDown={onKeyDown}
    >
      {editing ? (
        <textarea
          autoFocus
          aria-label={words.say('workshops.noteText')}
          value={draft}
          maxLength={500}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Escape') {
              cancelled.current = true;
              handlers.onEdit(null);
              ref.current?.focus({ preventScroll: true });
            } else if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              save();
            }
          }}
        />
      ) : (
        <span className={mayOverflow(note.text) ? 'note-text long' : 'note-text'}>{note.text || <span className="muted">{words.say('workshops.emptyNote')}</span>}</span>
      )}
      <span className="note-footer" aria-hidden="true">
        {authorName && <span className="note-author">{authorName}</span>}
        {myVotes > 0 && <span className="note-dots">{'●'.repeat(Math.min(myVotes, 10))}</span>}
        {total !== null && <span className="note-total">{total}</span>}
      </span>
    </div>
  );
});
