import { useState, type FormEvent } from 'react';
import {
  CATEGORY_LABELS,
  CRITICALITIES,
  CRITICALITY_LABELS,
  DATA_KINDS,
  DATA_KIND_LABELS,
  STATUS_LABELS,
  VENDOR_CATEGORIES,
  VENDOR_STATUSES,
  VendorInputSchema,
  type DataKind,
  type Vendor,
  type VendorInput,
} from '../../electron/domain/vendor';
import { issuesFromZod, type AppErrorShape } from '../../electron/domain/errors';
import { SaveError } from './SaveError';
import { FormField } from './FormField';
import './VendorForm.css';

interface Draft {
  name: string;
  category: string;
  services: string;
  dataTouched: DataKind[];
  criticality: string;
  owner: string;
  status: string;
  tags: string;
  notes: string;
}

type Errors = Partial<Record<keyof Draft | 'form', string>>;

const emptyDraft: Draft = {
  name: '',
  category: '',
  services: '',
  dataTouched: [],
  criticality: 'medium',
  owner: '',
  status: 'prospect',
  tags: '',
  notes: '',
};

function draftOf(vendor?: Vendor): Draft {
  if (!vendor) return emptyDraft;
  const { name, category, services, dataTouched, criticality, owner, status, tags, notes } = vendor;
  return { name, category, services, dataTouched, criticality, owner, status, tags: tags.join(', '), notes };
}

/** Turns the form's strings into the input the schema checks. */
function inputOf(draft: Draft): unknown {
  return {
    ...draft,
    tags: draft.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
}

/** Maps issue paths ("tags.2", "name") to the form field they belong to. */
export function errorsFromIssues(issues: readonly { path: string; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const field = (issue.path.split('.')[0] || 'form') as keyof Errors;
    const key = field in emptyDraft ? field : 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

interface VendorFormProps {
  vendor?: Vendor;
  onSubmit(input: VendorInput): Promise<AppErrorShape | null>;
  onCancel(): void;
  /**
   * Reads the vendor again (a colleague saved it meanwhile, team database): offered with the
   * refusal, so the user sees the colleague's save before changing it again.
   */
  onReload?(): void;
}

/** Create or edit a vendor; errors come from the same zod schema the main process uses. */
export function VendorForm({ vendor, onSubmit, onCancel, onReload }: VendorFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(vendor));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = VendorInputSchema.safeParse(inputOf(draft));
    if (!parsed.success) {
      setErrors(errorsFromIssues(issuesFromZod(parsed.error)));
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    const error = await onSubmit(parsed.data);
    setBusy(false);
    setStale(error?.code === 'CONFLICT' && error.message.startsWith('Not saved:'));
    if (error) {
      setErrors(error.details?.length ? errorsFromIssues(error.details) : { form: error.message });
      focusFirstInvalid();
    }
  };

  const toggleData = (kind: DataKind, checked: boolean) =>
    set('dataTouched', checked ? [...draft.dataTouched, kind] : draft.dataTouched.filter((k) => k !== kind));

  return (
    <form
      className="vendor-form"
      onSubmit={submit}
      noValidate
      aria-label={vendor ? 'Edit vendor' : 'New vendor'}
    >
      {errors.form && <SaveError message={errors.form} onReload={stale ? onReload : undefined} />}
      <div className="form-grid">
        <FormField id="vendor-name" label="Name" required error={errors.name}>
          {(a) => (
            <input {...a} value={draft.name} onChange={(e) => set('name', e.target.value)} data-autofocus />
          )}
        </FormField>
        <FormField id="vendor-category" label="Category" required error={errors.category}>
          {(a) => (
            <select {...a} value={draft.category} onChange={(e) => set('category', e.target.value)}>
              <option value="">Choose a category…</option>
              {VENDOR_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="vendor-criticality" label="Operational criticality" error={errors.criticality}>
          {(a) => (
            <select {...a} value={draft.criticality} onChange={(e) => set('criticality', e.target.value)}>
              {CRITICALITIES.map((c) => (
                <option key={c} value={c}>
                  {CRITICALITY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="vendor-status" label="Status" error={errors.status}>
          {(a) => (
            <select {...a} value={draft.status} onChange={(e) => set('status', e.target.value)}>
              {VENDOR_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="vendor-owner" label="Internal owner" error={errors.owner}>
          {(a) => <input {...a} value={draft.owner} onChange={(e) => set('owner', e.target.value)} />}
        </FormField>
        <FormField id="vendor-tags" label="Tags" hint="Separate tags with commas" error={errors.tags}>
          {(a) => <input {...a} value={draft.tags} onChange={(e) => set('tags', e.target.value)} />}
        </FormField>
      </div>
      <FormField id="vendor-services" label="Services provided" error={errors.services}>
        {(a) => (
          <textarea
            {...a}
            rows={2}
            value={draft.services}
            onChange={(e) => set('services', e.target.value)}
          />
        )}
      </FormField>
      <fieldset
        className={errors.dataTouched ? 'field field-invalid' : 'field'}
        aria-describedby={errors.dataTouched ? 'vendor-data-error' : undefined}
      >
        <legend>Data it touches</legend>
        <div className="checkbox-row">
          {DATA_KINDS.map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                checked={draft.dataTouched.includes(kind)}
                onChange={(e) => toggleData(kind, e.target.checked)}
              />
              {DATA_KIND_LABELS[kind]}
            </label>
          ))}
        </div>
        {errors.dataTouched && (
          <p className="field-error" id="vendor-data-error" role="alert">
            {errors.dataTouched}
          </p>
        )}
      </fieldset>
      <FormField id="vendor-notes" label="Notes" error={errors.notes}>
        {(a) => (
          <textarea {...a} rows={3} value={draft.notes} onChange={(e) => set('notes', e.target.value)} />
        )}
      </FormField>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save vendor
        </button>
      </div>
    </form>
  );
}

function focusFirstInvalid() {
  requestAnimationFrame(() => {
    const first = document.querySelector<HTMLElement>(
      '.vendor-form [aria-invalid="true"], .vendor-form .field-invalid input',
    );
    first?.focus();
  });
}
