// Which field of which item has the keyboard focus, for presence: a control inside an element
// marked `data-presence-item` edits that item; its field is the nearest `data-presence-field`,
// or else the control's `name`. Read after every focus move, so blur clears it.
import type { EditingField } from './presence';

const CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The field `element` edits, or null when it is not a control of a marked item. */
export function editingFieldOf(element: Element | null): EditingField | null {
  if (!(element instanceof HTMLElement) || !(CONTROLS.has(element.tagName) || element.isContentEditable)) return null;
  const itemHost = element.closest<HTMLElement>('[data-presence-item]');
  const itemId = itemHost?.dataset.presenceItem;
  if (!itemHost || !itemId) return null;
  const fieldHost = element.closest<HTMLElement>('[data-presence-field]');
  const field = (fieldHost && itemHost.contains(fieldHost) ? fieldHost.dataset.presenceField : undefined) ?? element.getAttribute('name');
  return field ? { itemId, field } : null;
}

/** Calls `onChange` with the focused field after each focus move in `doc`; returns a stop function. */
export function trackEditingField(doc: Document, onChange: (editing: EditingField | null) => void): () => void {
  let queued = false;
  const check = () => {
    if (queued) return;
    queued = true;
    // After focusout the new element is not focused yet: read once the move is over.
    setTimeout(() => {
      queued = false;
      onChange(editingFieldOf(doc.activeElement));
    }, 0);
  };
  doc.addEventListener('focusin', check);
  doc.addEventListener('focusout', check);
  return () => {
    doc.removeEventListener('focusin', check);
    doc.removeEventListener('focusout', check);
  };
}
