// Whether a key press belongs to a text field (typing), so that single-key and undo shortcuts
// leave it alone.

export function isTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
