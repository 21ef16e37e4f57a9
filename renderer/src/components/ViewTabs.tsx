// A row of view tabs (Board, Table, Impact × effort, …) as a real ARIA tab list: one tab in the
// Tab order (roving tabindex), Left/Right move and choose, Home/End go to the ends. Any board
// kind's view switch can use it; the view shown is the tab panel with `panelId`.
import { useRef, type KeyboardEvent } from 'react';

export interface ViewTab<T extends string> {
  value: T;
  label: string;
}

/** The id of a tab, for the tab panel's aria-labelledby. */
export function viewTabId(idPrefix: string, value: string): string {
  return `${idPrefix}-tab-${value}`;
}

export function ViewTabs<T extends string>({ label, tabs, value, onChange, idPrefix, panelId }: { label: string; tabs: readonly ViewTab<T>[]; value: T; onChange(value: T): void; idPrefix: string; panelId: string }) {
  const listRef = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next = e.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    e.preventDefault();
    onChange(tab.value);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(viewTabId(idPrefix, tab.value))}`)?.focus();
  };
  return (
    <div ref={listRef} className="segmented" role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <button
          key={tab.value}
          type="button"
          role="tab"
          id={viewTabId(idPrefix, tab.value)}
          aria-selected={tab.value === value}
          aria-controls={panelId}
          tabIndex={tab.value === value ? 0 : -1}
          className={tab.value === value ? 'active' : ''}
          onClick={() => onChange(tab.value)}
          onKeyDown={(e) => move(e, index)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
