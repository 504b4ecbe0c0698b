import { useRef, useState, type ReactNode, type RefObject } from 'react';
import type { FilterChip, FilterField, FilterValues } from './filter-bar-model';
import { FilterMenu } from './FilterMenu';
import { FilterPopover } from './FilterPopover';
import { SaveViewDialog } from './SaveViewDialog';
import { ConfirmDialog } from './ConfirmDialog';
import './FilterBar.css';

/** Saved views offered by the bar: their names, the one in use, and how to apply, save and delete one. */
export interface FilterViews {
  names: readonly string[];
  /** The view the list shows as it is now, if any. */
  active: string | null;
  onApply(name: string): void;
  /** Resolves to an error to show, or null when saved. */
  onSave(name: string): Promise<string | null>;
  onDelete(name: string): void;
  /** What a view keeps, said in the save dialog. */
  hint: string;
}

interface FilterBarProps {
  /** The bar's accessible name ("Vendor filters"). */
  label: string;
  search: string;
  onSearch(text: string): void;
  searchLabel: string;
  searchPlaceholder?: string;
  searchRef?: RefObject<HTMLInputElement | null>;
  fields: readonly FilterField[];
  values: FilterValues;
  onSetField(key: string, values: readonly string[]): void;
  /** What is filtered, one chip each (the caller may add its own, e.g. a dashboard figure). */
  chips: readonly FilterChip[];
  onRemoveChip(key: string): void;
  /** Clears every chip and the search. */
  onClearAll(): void;
  views?: FilterViews;
  /** Shown at the bar's end (the count). */
  children?: ReactNode;
}

type Open = { kind: 'add' } | { kind: 'views' } | { kind: 'field'; key: string } | null;

/**
 * One filter bar for a list: a search box, "+ Filter" (a menu of fields, then a popover to
 * choose values), a chip per filter that says it in words and clears on its own, Clear all,
 * and saved views. Every part works from the keyboard; Escape closes what is open and
 * returns focus where it was.
 */
export function FilterBar({
  label,
  search,
  onSearch,
  searchLabel,
  searchPlaceholder,
  searchRef,
  fields,
  values,
  onSetField,
  chips,
  onRemoveChip,
  onClearAll,
  views,
  children,
}: FilterBarProps) {
  const [open, setOpen] = useState<Open>(null);
  const [naming, setNaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const viewsRef = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const close = () => {
    setOpen(null);
    // Back to the control that opened it, unless the chip it was is gone.
    const target = returnTo.current?.isConnected ? returnTo.current : addRef.current;
    requestAnimationFrame(() => target?.focus());
  };
  const openField = (key: string, from: HTMLElement | null) => {
    returnTo.current = from ?? addRef.current;
    setOpen({ kind: 'field', key });
  };
  const field = open?.kind === 'field' ? fields.find((f) => f.key === open.key) : undefined;

  return (
    <div className="filter-bar" role="toolbar" aria-label={label}>
      <input
        ref={searchRef}
        type="search"
        maxLength={200}
        className="search"
        placeholder={searchPlaceholder}
        aria-label={searchLabel}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
      />
      <span className="filter-anchor">
        <button
          ref={addRef}
          type="button"
          className="button"
          aria-haspopup="menu"
          aria-expanded={open?.kind === 'add'}
          onClick={() => {
            returnTo.current = addRef.current;
            setOpen(open?.kind === 'add' ? null : { kind: 'add' });
          }}
        >
          + Filter
        </button>
        {open?.kind === 'add' && (
          <FilterMenu
            label="Filter by"
            entries={fields.map((f) => ({
              key: f.key,
              label: f.label,
              onPick: () => openField(f.key, addRef.current),
            }))}
            onClose={close}
          />
        )}
        {field && (
          <FilterPopover
            key={field.key}
            field={field}
            values={values[field.key] ?? []}
            onChange={(v) => onSetField(field.key, v)}
            onClose={close}
          />
        )}
      </span>
      <ul className="filter-chips" aria-label="Filters in use">
        {chips.map((chip) => {
          const editable = fields.some((f) => f.key === chip.key);
          return (
            <li key={chip.key} className="filter-chip">
              {editable ? (
                <button
                  type="button"
                  className="filter-chip-label"
                  title="Change this filter"
                  onClick={(e) => openField(chip.key, e.currentTarget)}
                >
                  {chip.label}
                </button>
              ) : (
                <span className="filter-chip-label">{chip.label}</span>
              )}
              <button
                type="button"
                className="filter-chip-remove"
                aria-label={`Remove filter ${chip.label}`}
                title="Remove this filter"
                onClick={() => {
                  onRemoveChip(chip.key);
                  addRef.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {(chips.length > 0 || search !== '') && (
        <button type="button" className="button button-quiet" onClick={onClearAll}>
          Clear all
        </button>
      )}
      <span className="toolbar-spacer" />
      {children}
      {views && (
        <span className="filter-anchor">
          <button
            ref={viewsRef}
            type="button"
            className="button"
            aria-haspopup="menu"
            aria-expanded={open?.kind === 'views'}
            onClick={() => {
              returnTo.current = viewsRef.current;
              setOpen(open?.kind === 'views' ? null : { kind: 'views' });
            }}
          >
            {views.active ? `View: ${views.active}` : 'Views'} ▾
          </button>
          {open?.kind === 'views' && (
            <FilterMenu
              label="Saved views"
              empty="No saved views yet: filter the list, then Save view…"
              entries={[
                ...views.names.map((name) => ({
                  key: `view:${name}`,
                  label: name,
                  checked: name === views.active,
                  onPick: () => {
                    views.onApply(name);
                    close();
                  },
                })),
                ...(views.active
                  ? [
                      {
                        key: 'delete',
                        label: `Delete view “${views.active}”…`,
                        danger: true,
                        onPick: () => {
                          setDeleting(views.active);
                          setOpen(null);
                        },
                      },
                    ]
                  : []),
              ]}
              onClose={close}
            />
          )}
        </span>
      )}
      {views && (
        <button type="button" className="button" onClick={() => setNaming(views.active ?? '')}>
          Save view…
        </button>
      )}
      {views && (
        <>
          <SaveViewDialog
            initialName={naming}
            existing={views.names}
            hint={views.hint}
            onSave={async (name) => {
              const error = await views.onSave(name);
              if (!error) setNaming(null);
              return error;
            }}
            onClose={() => setNaming(null)}
          />
          <ConfirmDialog
            open={deleting !== null}
            title="Delete view?"
            message={`“${deleting ?? ''}” will no longer be offered. The vendors are not changed.`}
            confirmLabel="Delete view"
            danger
            onConfirm={() => {
              if (deleting) views.onDelete(deleting);
              setDeleting(null);
            }}
            onCancel={() => setDeleting(null)}
          />
        </>
      )}
    </div>
  );
}
