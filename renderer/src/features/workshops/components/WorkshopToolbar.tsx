// The workshop board's one-row toolbar: add a note, its colour (also recolours the selection),
// group the selection, zoom and reset the view. Memoised on what it shows, so the notes, typing
// and votes streaming in from the room do not render it again.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_COLOURS, type NoteColour } from '../../../../../shared/model/workshops/schema';

interface Props {
  selectedCount: number;
  colour: NoteColour;
  onAddNote(): void;
  onColour(colour: NoteColour): void;
  onGroup(): void;
  onZoom(factor: number): void;
  onResetView(): void;
}

export const WorkshopToolbar = memo(function WorkshopToolbar({ selectedCount, colour, onAddNote, onColour, onGroup, onZoom, onResetView }: Props) {
  const { t } = useTranslation();
  return (
    <div className="workshop-toolbar">
      <button type="button" className="primary" onClick={onAddNote} aria-keyshortcuts="N">
        + {t('workshops.addNote')}
      </button>
      <label className="colour-picker">
        {t('workshops.colour')}
        <select value={colour} onChange={(e) => onColour(e.target.value as NoteColour)}>
          {NOTE_COLOURS.map((c) => (
            <option key={c} value={c}>
              {t(`workshops.colours.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={selectedCount === 0} onClick={onGroup}>
        {t('workshops.group', { count: selectedCount })}
      </button>
      <span className="toolbar-spacer" />
      <button type="button" aria-label={t('workshops.zoomOut')} onClick={() => onZoom(1 / 1.25)}>
        −
      </button>
      <button type="button" aria-label={t('workshops.zoomIn')} onClick={() => onZoom(1.25)}>
        +
      </button>
      <button type="button" onClick={onResetView}>
        {t('workshops.resetView')}
      </button>
    </div>
  );
});
