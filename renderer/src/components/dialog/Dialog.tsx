// The one modal dialog of the app, on Radix UI's Dialog: rendered in a portal on <body> (so no
// dark sidebar or enclosing form reaches it), focus moved inside on open and kept there (Tab and
// Shift+Tab cycle), Escape or a click outside closes, focus goes back to the opener on close.
import { useState, type ReactNode } from 'react';
import * as RadixDialog from '@radix-ui/react-dialog';
import { captureOpener, returnFocus } from './focus-return';

export interface DialogProps {
  /** The dialog's heading, which also names it (aria-labelledby). */
  title: ReactNode;
  /** Called on Escape, a click outside, or a close button inside calling it. */
  onClose(): void;
  /** While busy (a restore writing, say) Escape and clicks outside leave the dialog open. */
  busy?: boolean;
  /** `wide` for dialogs with tables (CSV import). */
  size?: 'normal' | 'wide';
  className?: string;
  testId?: string;
  /** Where focus goes on close if the control that opened the dialog is gone. */
  fallbackFocus?: () => HTMLElement | null;
  children: ReactNode;
}

/**
 * A modal dialog, open while rendered: show it by rendering it, close it by not rendering it
 * (`onClose` says when). Initial focus is the first field marked `autoFocus`, else the first
 * focusable control.
 */
export function Dialog({ title, onClose, busy = false, size = 'normal', className, testId, fallbackFocus, children }: DialogProps) {
  // Read during the first render, before anything inside the dialog can take focus.
  const [opener] = useState(captureOpener);
  const classes = ['modal', 'card', size === 'wide' ? 'wide' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && !busy && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="modal-backdrop">
          <RadixDialog.Content
            className={classes}
            aria-modal="true"
            aria-describedby={undefined}
            aria-busy={busy || undefined}
            data-testid={testId}
            onEscapeKeyDown={(e) => busy && e.preventDefault()}
            onInteractOutside={(e) => busy && e.preventDefault()}
            onCloseAutoFocus={(e) => {
              e.preventDefault();
              returnFocus(opener, fallbackFocus);
            }}
          >
            <RadixDialog.Title>{title}</RadixDialog.Title>
            {children}
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
