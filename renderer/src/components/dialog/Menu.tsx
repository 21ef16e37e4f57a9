// The app's drop-down menu (a board's "⋯"), on Radix UI's DropdownMenu: a real ARIA menu in a
// portal, arrow keys move, Enter chooses, Escape closes, focus goes back to its button. An item
// that opens a dialog runs once the menu has handed focus back, so that dialog's opener is the
// menu button and closing the dialog returns there too.
import { useRef, type ReactNode } from 'react';
import * as RadixMenu from '@radix-ui/react-dropdown-menu';

export type MenuEntry =
  | { kind: 'item'; label: string; onSelect(): void; danger?: boolean; testId?: string }
  | { kind: 'separator' }
  | { kind: 'sub'; label: string; entries: readonly MenuEntry[] }
  | { kind: 'check'; label: string; checked: boolean; onSelect(): void }
  | { kind: 'note'; label: string };

export interface MenuProps {
  /** The button's accessible name (its visible content is `buttonContent`). */
  label: string;
  buttonContent: ReactNode;
  entries: readonly MenuEntry[];
  buttonClassName?: string;
  testId?: string;
}

function Entries({ entries, choose }: { entries: readonly MenuEntry[]; choose(run: () => void): void }) {
  return entries.map((entry, index) => {
    switch (entry.kind) {
      case 'separator':
        return <RadixMenu.Separator key={`sep-${index}`} className="menu-separator" />;
      case 'note':
        return (
          <RadixMenu.Label key={`note-${index}`} className="menu-note">
            {entry.label}
          </RadixMenu.Label>
        );
      case 'sub':
        return (
          <RadixMenu.Sub key={entry.label}>
            <RadixMenu.SubTrigger className="menu-item">
              {entry.label} <span aria-hidden="true">›</span>
            </RadixMenu.SubTrigger>
            <RadixMenu.Portal>
              <RadixMenu.SubContent className="menu card" sideOffset={4} collisionPadding={8}>
                <Entries entries={entry.entries} choose={choose} />
              </RadixMenu.SubContent>
            </RadixMenu.Portal>
          </RadixMenu.Sub>
        );
      case 'check':
        return (
          <RadixMenu.CheckboxItem key={`check-${index}`} className="menu-item" checked={entry.checked} onSelect={() => choose(entry.onSelect)}>
            <span className="menu-check" aria-hidden="true">
              {entry.checked ? '✓' : ''}
            </span>
            {entry.label}
          </RadixMenu.CheckboxItem>
        );
      default:
        return (
          <RadixMenu.Item key={entry.label} className={`menu-item${entry.danger ? ' danger' : ''}`} data-testid={entry.testId} onSelect={() => choose(entry.onSelect)}>
            {entry.label}
          </RadixMenu.Item>
        );
    }
  });
}

export function Menu({ label, buttonContent, entries, buttonClassName, testId }: MenuProps) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const pending = useRef<(() => void) | null>(null);
  return (
    // Not modal: the page is not hidden from assistive technology behind an open menu (axe flags
    // aria-hidden content that stays focusable); Tab, Escape and a click outside still close it.
    <RadixMenu.Root modal={false}>
      <RadixMenu.Trigger ref={triggerRef} className={buttonClassName} aria-label={label} data-testid={testId}>
        {buttonContent}
      </RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content
          className="menu card"
          align="end"
          sideOffset={6}
          collisionPadding={8}
          onCloseAutoFocus={(e) => {
            // Focus the button first, then run the chosen item: a dialog it opens takes the button as its opener.
            e.preventDefault();
            triggerRef.current?.focus();
            const run = pending.current;
            pending.current = null;
            run?.();
          }}
        >
          <Entries entries={entries} choose={(run) => (pending.current = run)} />
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}
