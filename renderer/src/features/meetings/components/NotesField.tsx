// The meeting's notes, typed by several people at once: every change is written at once as a
// minimal edit of the notes' Y.Text (through an action), and a teammate's text arriving while
// I type is shown without moving my caret past it.
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, type ShownError } from '../../../components/FieldError';
import { useMeetingActions } from '../actions';

/** Where a caret at `caret` in `before` lands in `after` (text changed in one place). */
function mapCaret(before: string, after: string, caret: number): number {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  return caret <= start ? caret : Math.max(start, caret + after.length - before.length);
}

export function NotesField({ meetingId, notes, readOnly }: { meetingId: string; notes: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const actions = useMeetingActions();
  const [text, setText] = useState(notes);
  const [error, setError] = useState<ShownError | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const shown = useRef(notes);
  useLayoutEffect(() => {
    const area = ref.current;
    if (notes === shown.current || !area) return;
    const focused = document.activeElement === area;
    const [start, end] = [area.selectionStart, area.selectionEnd];
    const previous = shown.current;
    shown.current = notes;
    setText(notes);
    if (focused) requestAnimationFrame(() => area.setSelectionRange(mapCaret(previous, notes, start), mapCaret(previous, notes, end)));
  }, [notes]);
  return (
    <section className="detail-section" aria-labelledby="notes-heading">
      <h3 id="notes-heading">{t('meetings.notes')}</h3>
      <textarea
        ref={ref}
        className="meeting-notes"
        rows={8}
        value={text}
        readOnly={readOnly}
        aria-labelledby="notes-heading"
        aria-describedby="notes-hint"
        data-testid="meeting-notes"
        onChange={(e) => {
          shown.current = e.target.value;
          setText(e.target.value);
          const result = actions.editNotes(meetingId, e.target.value);
          setError(result.ok ? null : result.error);
        }}
      />
      <p id="notes-hint" className="muted small">{t('meetings.notesHint')}</p>
      <FieldError error={error} />
    </section>
  );
}
