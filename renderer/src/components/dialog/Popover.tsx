// The app's popover (a Filter panel, say), on Radix UI's Popover, the sibling of the one Dialog:
// rendered in a portal, focus moved inside on open, Escape or a click outside closes, and focus
// goes back to the button that opened it. Not modal: the page behind stays usable.
import type { ReactElement, ReactNode } from 'react';
import * as RadixPopover from '@radix-ui/react-popover';

export interface PopoverProps {
  /** The button that opens and closes the popover (rendered as is, given the ARIA it needs). */
  trigger: ReactElement;
  /** Names the popover for assistive technology (it is a non-modal dialog). */
  label: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  className?: string;
  testId?: string;
  children: ReactNode;
}

export function Popover({ trigger, label, open, onOpenChange, className, testId, children }: PopoverProps) {
  return (
    <RadixPopover.Root open={open} onOpenChange={onOpenChange}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content className={['popover', 'card', className ?? ''].filter(Boolean).join(' ')} aria-label={label} data-testid={testId} align="start" sideOffset={6} collisionPadding={8}>
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
