import { useState } from 'react';
import { Dialog } from './Dialog';
import { FormField } from './FormField';

/** Names the list's current filters as a view (a name already used replaces that view). */
export function SaveViewDialog({
  initialName,
  existing,
  hint,
  onSave,
  onClose,
}: {
  /** null: closed. */
  initialName: string | null;
  existing: readonly string[];
  /** What is saved, said under the name. */
  hint: string;
  /** Saves; resolves to an error to show, or null when saved. */
  onSave(name: string): Promise<string | null>;
  onClose(): void;
}) {
  return (
    <Dialog
      title="Save view"
      open={initialName !== null}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="save-view-form" className="button button-primary">
            Save
          </button>
        </>
      }
    >
      {initialName !== null && (
        <SaveViewForm
          key={initialName}
          initialName={initialName}
          existing={existing}
          hint={hint}
          onSave={onSave}
        />
      )}
    </Dialog>
  );
}

function SaveViewForm({
  initialName,
  existing,
  hint,
  onSave,
}: {
  initialName: string;
  existing: readonly string[];
  hint: string;
  onSave(name: string): Promise<string | null>;
}) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const replaces = existing.find((n) => n.toLocaleLowerCase() === name.trim().toLocaleLowerCase());
  const submit = async () => {
    if (!name.trim()) return setError('Give the view a name');
    setError(await onSave(name.trim()));
  };
  return (
    <form
      id="save-view-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <FormField id="save-view-name" label="Name" required error={error ?? undefined}>
        {(props) => (
          <input
            {...props}
            data-autofocus
            maxLength={60}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Critical vendors without a decision"
          />
        )}
      </FormField>
      <p className="cell-muted">{replaces ? `Saving replaces the view “${replaces}”.` : hint}</p>
    </form>
  );
}
