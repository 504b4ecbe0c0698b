import { useRef, useState, type DragEvent } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import {
  MAX_VENDOR_FILE_BYTES,
  nothingToImportVendors,
  type VendorMapping,
} from '../../electron/domain/vendor-import';
import {
  VENDOR_IMPORT_FIELDS,
  VENDOR_IMPORT_FIELD_LABELS,
  type VendorImportField,
  type VendorValueField,
} from '../../electron/domain/vendor-import-words';
import { assignField } from '../../electron/domain/column-match';
import { download, toBase64 } from '../files';
import { Dialog } from './Dialog';
import { VendorImportRows } from './VendorImportRows';
import { VendorImportValues } from './VendorImportValues';
import { FilterSelect, type Choice } from './FilterSelect';
import { JobProgress } from './ProgressBar';
import { useToast } from './Toasts';
import { useJob } from '../hooks/useJob';
import './DeviceImportWizard.css';
import './VendorImportWizard.css';

type Preview = ResponseOf<'vendorImport.preview'>;

interface Chosen {
  name: string;
  send: { fileName: string; contentBase64: string } | { fileId: string };
}

const FIELD_CHOICES: Choice[] = [
  { value: '', label: 'Not imported' },
  ...VENDOR_IMPORT_FIELDS.map((f) => ({ value: f, label: VENDOR_IMPORT_FIELD_LABELS[f] })),
];
/**
 * Vendor list import: a file (the app's dialog, the browser's, or dropped) → its columns
 * and values as read, with refused rows, warnings and duplicates, and what each row does
 * (added / updated / unchanged) → confirm. Nothing is written until confirmed.
 */
export function VendorImportWizard({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose(): void;
  onImported(): void;
}) {
  const [file, setFile] = useState<Chosen | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<VendorMapping | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob({ toast: false });
  const toast = useToast();

  const reset = () => {
    job.abandon();
    if (preview) void call('vendorImport.discard', { token: preview.token });
    setFile(null);
    setPreview(null);
    setMapping(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  /** Reads the file (again), with the user's mapping once there is one. */
  const read = async (withMapping: VendorMapping | null, picked = file, sheet = preview?.sheet ?? null) => {
    if (!picked) return;
    setError(null);
    const r = await job.start(
      'vendorImport.preview',
      {
        ...picked.send,
        ...(withMapping ? { mapping: withMapping } : {}),
        ...(sheet !== null ? { sheet } : {}),
      },
      {
        label: 'Reading the vendor list',
        total: 1,
        message: 'Reading the file',
        onStale: (stale) => stale.ok && void call('vendorImport.discard', { token: stale.value.token }),
      },
    );
    if (!r) return;
    if (!r.ok) return setError(r.error.details?.[0]?.message ?? r.error.message);
    setPreview(r.value);
    setMapping(r.value.mapping);
  };

  const pick = async (picked: File) => {
    if (picked.size > MAX_VENDOR_FILE_BYTES)
      return setError(
        `${picked.name} is ${(picked.size / 1024 / 1024).toFixed(0)} MB; a vendor list import reads at most ${MAX_VENDOR_FILE_BYTES / 1024 / 1024} MB.`,
      );
    const chosen: Chosen = {
      name: picked.name,
      send: { fileName: picked.name, contentBase64: await toBase64(picked) },
    };
    setFile(chosen);
    await read(null, chosen, null);
  };
  /** The app's own open dialog (the file is read from disk); where there is none, the browser's. */
  const choose = async () => {
    const r = await call('vendorImport.chooseFile', {});
    if (!r.ok) return input.current?.click();
    if (!r.value.file) return;
    const chosen: Chosen = { name: r.value.file.fileName, send: { fileId: r.value.file.fileId } };
    setFile(chosen);
    await read(null, chosen, null);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const dropped = e.dataTransfer.files[0];
    if (dropped) void pick(dropped);
  };

  const importable = preview ? preview.counts.added + preview.counts.updated : 0;
  const mappingChanged = preview && mapping && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);

  const apply = async () => {
    if (!preview) return;
    setError(null);
    const imported = (v: ResponseOf<'vendorImport.apply'>) => {
      toast(
        'success',
        `Imported ${preview.fileName}: ${v.added} added, ${v.updated} updated, ${v.unchanged} unchanged`,
      );
      onImported();
    };
    const r = await job.start(
      'vendorImport.apply',
      { token: preview.token },
      {
        label: 'Importing vendors',
        total: 1,
        message: 'Writing vendors',
        onStale: (stale) => stale.ok && imported(stale.value),
      },
    );
    if (!r) return;
    if (!r.ok) return setError(r.error.message);
    imported(r.value);
    setPreview(null);
    reset();
    onClose();
  };

  /** Places a value of the file on one of our words ('' gives it back to its words). */
  const place = (field: VendorValueField, value: string, word: string) => {
    if (!mapping) return;
    const placed = { ...(mapping.values[field] as Record<string, string>) };
    if (word) placed[value] = word;
    else delete placed[value];
    setMapping({ ...mapping, values: { ...mapping.values, [field]: placed } });
  };

  const footer = preview && (
    <>
      <button type="button" className="button" onClick={reset}>
        Choose another file
      </button>
      {mappingChanged ? (
        <button type="button" className="button button-primary" onClick={() => void read(mapping)}>
          Read again with these choices
        </button>
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={importable === 0 || job.running !== null}
          title={importable === 0 ? nothingToImportVendors(preview) : undefined}
          onClick={() => void apply()}
        >
          Import {importable} {importable === 1 ? 'vendor' : 'vendors'}
        </button>
      )}
    </>
  );

  return (
    <Dialog title="Import vendors" open={open} onClose={close} wide footer={footer || undefined}>
      <JobProgress job={job} focusCancel={job.running?.operation === 'vendorImport.apply'} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!preview && (
        <div
          className="drop-zone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          data-testid="vendor-drop"
        >
          <p>Drop a CSV or Excel file of your vendors here, or</p>
          <button type="button" className="button" onClick={() => void choose()} data-autofocus>
            Choose file…
          </button>
          <input
            ref={input}
            type="file"
            accept=".csv,.txt,.tsv,.xlsx"
            className="visually-hidden"
            aria-label="Vendor list file"
            tabIndex={-1}
            onChange={(e) => {
              const picked = e.target.files?.[0];
              if (picked) void pick(picked);
              e.target.value = '';
            }}
          />
          <p className="cell-muted">
            One vendor a row, with columns such as name, category, services, data touched, criticality, owner,
            status, tags and notes — in your spreadsheet’s own words (“Supplier”, “Risk Level”, “Business
            Owner”). Vendors already in the portfolio are updated by name. Nothing is written until you
            confirm.
          </p>
        </div>
      )}
      {preview && mapping && (
        <div className="import-step vendor-import">
          <p>
            <strong>{preview.fileName}</strong> · {preview.format.toUpperCase()}
            {preview.sheet !== null && `, sheet ${preview.sheet}`} · {preview.counts.read}{' '}
            {preview.counts.read === 1 ? 'row' : 'rows'}
            {preview.headerRow > 1 && ` · header on row ${preview.headerRow}`}
          </p>
          {preview.notes.map((n) => (
            <p key={n} className="cell-muted">
              {n}
            </p>
          ))}
          <h3 data-testid="vendor-import-counts">
            {preview.counts.added} added · {preview.counts.updated} updated · {preview.counts.unchanged}{' '}
            unchanged · {preview.counts.errors} {preview.counts.errors === 1 ? 'error' : 'errors'}
            {preview.counts.duplicates > 0 &&
              ` · ${preview.counts.duplicates} ${preview.counts.duplicates === 1 ? 'duplicate' : 'duplicates'} skipped`}
          </h3>
          {preview.errors.length > 0 && (
            <section aria-label="Refused rows">
              <h4>Refused: these rows are not imported</h4>
              <ul className="row-errors" aria-label="Row errors">
                {preview.errors.slice(0, 100).map((e, i) => (
                  <li key={i}>
                    Row {e.row}
                    {e.column && `, ${e.column}`}: {e.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {preview.warningsTotal > 0 && (
            <section aria-label="Warnings">
              <h4>Warnings: imported, with the default</h4>
              <ul className="row-errors row-warnings" aria-label="Row warnings">
                {preview.warnings.slice(0, 100).map((w, i) => (
                  <li key={i}>
                    Row {w.row}, {w.column} “{w.value}”: {w.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {preview.duplicates.slice(0, 20).map((d) => (
            <p key={`${d.rows[1]}`} className="cell-muted">
              Duplicate “{d.name}”: rows {d.rows[0]} and {d.rows[1]} (row {d.rows[1]} skipped)
            </p>
          ))}
          {preview.errors.length + preview.warningsTotal + preview.duplicates.length > 0 && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                void call('vendorImport.errorsCsv', { token: preview.token }).then(
                  (r) => r.ok && download(r.value.csv, `${preview.fileName}-problems.csv`),
                )
              }
            >
              Download the problems (CSV)
            </button>
          )}
          {preview.sheets.length > 1 && (
            <FilterSelect
              label="Sheet"
              choices={preview.sheets.map((s) => ({ value: s, label: `Sheet: ${s}` }))}
              value={preview.sheet ?? ''}
              none={preview.sheet ?? ''}
              onChange={(s) => void read(null, file, s)}
            />
          )}
          <h3>Columns</h3>
          <table className="explanation-table mapping-table">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Is</th>
              </tr>
            </thead>
            <tbody>
              {preview.headers.map((h) => (
                <tr key={h}>
                  <td>{h}</td>
                  <td>
                    <FilterSelect
                      label={`Column ${h}`}
                      choices={FIELD_CHOICES}
                      value={mapping.columns[h] ?? ''}
                      onChange={(v) =>
                        setMapping({
                          ...mapping,
                          columns: assignField(mapping.columns, h, (v || null) as VendorImportField | null),
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <VendorImportValues preview={preview} mapping={mapping} place={place} />
          <h3>
            Rows
            {preview.rows.length < preview.counts.added + preview.counts.updated + preview.counts.unchanged
              ? ` (the first ${preview.rows.length})`
              : ''}
          </h3>
          <VendorImportRows rows={preview.rows} />
        </div>
      )}
    </Dialog>
  );
}
