import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One entry of a {@link FilterMenu}. */
export interface MenuEntry {
  key: string;
  label: ReactNode;
  /** A radio entry's state (the view in use); undefined: a plain command. */
  checked?: boolean;
  danger?: boolean;
  onPick(): void;
}

/**
 * A small menu under a button (ARIA menu): the first entry takes focus, ↑ ↓ Home End move,
 * Enter or a click picks, Escape or Tab closes and focus goes back to the button.
 */
export function FilterMenu({
  label,
  entries,
  empty,
  onClose,
}: {
  label: string;
  entries: readonly MenuEntry[];
  /** Said when there is nothing to pick. */
  empty?: string;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
  }, []);
  useClickOutside(ref, onClose);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const to: Record<string, number> = {
      ArrowDown: (at + 1) % items.length,
      ArrowUp: (at - 1 + items.length) % items.length,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key in to && items.length) {
      e.preventDefault();
      items[to[e.key]!]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div
      ref={ref}
      className="filter-popover filter-menu"
      role="menu"
      aria-label={label}
      onKeyDown={onKeyDown}
    >
      {entries.length === 0 && empty && <p className="filter-menu-empty">{empty}</p>}
      {entries.map((entry) => (
        <button
          key={entry.key}
          type="button"
          role={entry.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={entry.checked}
          tabIndex={-1}
          className={entry.danger ? 'filter-menu-item filter-menu-danger' : 'filter-menu-item'}
          onClick={entry.onPick}
        >
          {entry.checked !== undefined && (
            <span className="filter-menu-check" aria-hidden="true">
              {entry.checked ? '✓' : ''}
            </span>
          )}
          {entry.label}
        </button>
      ))}
    </div>
  );
}

/** Calls `onOutside` on a pointer press outside the element (a popover closes). */
export function useClickOutside(ref: { current: HTMLElement | null }, onOutside: () => void): void {
  const latest = useRef(onOutside);
  useEffect(() => {
    latest.current = onOutside;
  });
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) latest.current();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [ref]);
}
