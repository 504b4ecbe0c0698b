import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './Tabs.css';

/** One tab: its key, its label, and a count or mark after the label. */
export interface TabItem<K extends string> {
  key: K;
  label: string;
  badge?: ReactNode;
}

/**
 * Tabs (ARIA tablist/tab/tabpanel): ← → Home End move between tabs and show them at once;
 * only the selected tab is in the Tab order. The selected tab's content is the children.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  children,
}: {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly TabItem<K>[];
  selected: K;
  onSelect(key: K): void;
  children: ReactNode;
}) {
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const at = tabs.findIndex((t) => t.key === selected);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to: Record<string, number> = {
      ArrowRight: (at + 1) % tabs.length,
      ArrowLeft: (at - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    if (!(e.key in to)) return;
    e.preventDefault();
    const next = tabs[to[e.key]!]!;
    onSelect(next.key);
    requestAnimationFrame(() =>
      listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(`${id}-tab-${next.key}`)}`)?.focus(),
    );
  };

  return (
    <div className="tab-set">
      <div ref={listRef} role="tablist" aria-label={label} className="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === selected}
            aria-controls={`${id}-panel`}
            tabIndex={t.key === selected ? 0 : -1}
            className={t.key === selected ? 'tab tab-selected' : 'tab'}
            onClick={() => onSelect(t.key)}
          >
            {t.label}
            {t.badge !== undefined && t.badge !== null && <span className="tab-badge">{t.badge}</span>}
          </button>
        ))}
      </div>
      <div
        id={`${id}-panel`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-${selected}`}
        className="tab-panel"
        tabIndex={0}
      >
        {children}
      </div>
    </div>
  );
}
