// Focus handling for the meetings board's own small dialogs until the app's one dialog
// primitive lands: focus moves into the dialog when it opens and back to the opener on close.
import { useEffect, useRef } from 'react';

export function useDialogFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => opener?.focus();
  }, []);
  return ref;
}
