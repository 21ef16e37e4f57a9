// The "?" sheet of every keyboard shortcut, grouped by where it works, in the dialog primitive;
// and the top-bar button and the "?" key (outside text fields) that open it (AppDialogs shows it).
import { Fragment, useCallback, useEffect } from 'react';
import { useRuntime } from '../context';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog/Dialog';
import { isTextField } from './text-field';

/** One shortcut: its key combinations (any of them works) and the key of what it does. */
interface Shortcut {
  keys: readonly (readonly string[])[];
  action: string;
}

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘' : 'Ctrl';

const GROUPS: readonly { group: string; shortcuts: readonly Shortcut[] }[] = [
  {
    group: 'everywhere',
    shortcuts: [
      { keys: [['?']], action: 'sheet' },
      { keys: [[MOD, 'K']], action: 'palette' },
      { keys: [[MOD, 'Z']], action: 'undo' },
      { keys: [[MOD, 'Shift', 'Z'], [MOD, 'Y']], action: 'redo' },
      { keys: [['Tab'], ['Shift', 'Tab']], action: 'move' },
      { keys: [['Esc']], action: 'close' },
    ],
  },
  {
    group: 'goals',
    shortcuts: [
      { keys: [['Enter']], action: 'openCard' },
      { keys: [['Alt', '↑'], ['Alt', '↓']], action: 'moveGoal' },
    ],
  },
  {
    group: 'feedback',
    shortcuts: [
      { keys: [['←'], ['→'], ['Home'], ['End']], action: 'views' },
      { keys: [['Enter']], action: 'openCard' },
      { keys: [['Alt', '←'], ['Alt', '→']], action: 'moveCard' },
      { keys: [['Alt', '↑'], ['Alt', '↓']], action: 'moveCardInColumn' },
      { keys: [['←'], ['→']], action: 'scrollColumns' },
      { keys: [[MOD, 'Enter']], action: 'comment' },
    ],
  },
  {
    group: 'search',
    shortcuts: [
      { keys: [['↑'], ['↓']], action: 'searchResults' },
      { keys: [['Enter']], action: 'searchOpen' },
    ],
  },
];

function Keys({ keys }: { keys: Shortcut['keys'] }) {
  const { t } = useTranslation();
  return (
    <>
      {keys.map((combo, i) => (
        <Fragment key={combo.join('+')}>
          {i > 0 && <span className="muted small"> {t('shortcuts.or')} </span>}
          <kbd>
            {combo.map((key, j) => (
              <Fragment key={key}>
                {j > 0 && '+'}
                <kbd>{key}</kbd>
              </Fragment>
            ))}
          </kbd>
        </Fragment>
      ))}
    </>
  );
}

export function ShortcutSheet({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={onClose} testId="shortcut-sheet">
      <p className="muted small">{t('shortcuts.intro')}</p>
      {GROUPS.map(({ group, shortcuts }) => (
        <section key={group} className="shortcut-group" aria-labelledby={`shortcuts-${group}`}>
          <h3 id={`shortcuts-${group}`}>{t(`shortcuts.groups.${group}`)}</h3>
          <dl className="shortcut-list">
            {shortcuts.map((s) => (
              <div key={s.action}>
                <dt>
                  <Keys keys={s.keys} />
                </dt>
                <dd>{t(`shortcuts.actions.${s.action}`)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('item.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** The top bar's "?" button; "?" pressed outside a text field (and with no dialog open) opens the sheet too. */
export function ShortcutSheetButton() {
  const { t } = useTranslation();
  const runtime = useRuntime();
  const open = useCallback(() => runtime.store.setState({ appDialog: 'shortcuts' }), [runtime]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTextField(e.target)) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <button type="button" className="shortcut-button" aria-label={t('shortcuts.open')} aria-keyshortcuts="?" title={`${t('shortcuts.open')} (?)`} onClick={open}>
      ?
    </button>
  );
}
