import { useEffect, useRef, useState, type DragEvent } from 'react';
import { call } from '../api';
import type { ResponseOf } from '../../electron/ipc/contract';
import {
  DATE_ORDERS,
  DEVICE_FIELDS,
  DEVICE_FIELD_LABELS,
  type DateOrder,
  type DeviceField,
  type DeviceMapping,
} from '../../electron/domain/devices';
import {
  DEVICE_CATEGORIES,
  DEVICE_CATEGORY_LABELS,
  DEVICE_STATUSES,
  DEVICE_STATUS_LABELS,
} from '../../electron/domain/device-vocabulary';
import { nothingToImport } from '../../electron/domain/device-rows';
import { assignColumn, mappingPatch } from '../../electron/domain/device-mapping';
import { DEVICE_CHECKS, DEVICE_CHECK_INFO } from '../../electron/domain/device-checks';
import { MAX_IMPORT_BYTES } from '../../electron/domain/device-file';
import { MAX_SENT_BYTES } from '../../electron/domain/device-api';
import { download, toBase64 } from '../files';
import { Dialog } from './Dialog';
import { JobProgress } from './ProgressBar';
import { useToast } from './Toasts';
import { useJob } from '../hooks/useJob';
import { staleSaveMessage } from '../hooks/useTeam';
import './DeviceImportWizard.css';

type Preview = ResponseOf<'devices.preview'>;
const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  auto: 'Detect from the file',
  dmy: 'dd/mm/yyyy',
  mdy: 'mm/dd/yyyy',
};

interface Chosen {
  name: string;
  send: { fileName: string; contentBase64: string } | { fileId: string };
}

/** Import wizard: file (dialog or drop) → mapping and preview with errors → what changes → confirm. */
export function DeviceImportWizard({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose(): void;
  onImported(): void;
}) {
  const [source, setSource] = useState('');
  /** The chosen file: opened from disk by the app (read there), or read here and sent whole. */
  const [file, setFile] = useState<Chosen | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<DeviceMapping | null>(null);
  /** A workbook's sheet to read (null: the first). */
  const [sheet, setSheet] = useState<string | null>(null);
  /** The mapping the file (or sheet) was first read with, before the user changed anything. */
  const [base, setBase] = useState<DeviceMapping | null>(null);
  const [step, setStep] = useState<'file' | 'mapping' | 'diff'>('file');
  /** The read or write in progress; a result for an older one (the dialog was closed or reset) is dropped. */
  const job = useJob({ toast: false });
  const [error, setError] = useState<string | null>(null);
  const [sources, setSources] = useState<string[]>([]);
  const toast = useToast();

  useEffect(() => {
    if (!open) return;
    void call('devices.history', { limit: 50 }).then(
      (r) => r.ok && setSources([...new Set(r.value.map((h) => h.source))]),
    );
  }, [open]);

  const reset = () => {
    // A read still running is cancelled, and its result is dropped when it comes.
    job.abandon();
    if (preview) void call('devices.discard', { token: preview.token });
    setFile(null);
    setPreview(null);
    setMapping(null);
    setSheet(null);
    setBase(null);
    setStep('file');
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  /**
   * Reads the file (again). The user's changes go as what differs from the mapping the file
   * was first read with (recognition and the source's saved choices), so nothing the user
   * chose is lost between reads and nothing recognised is repeated.
   */
  const read = async (withMapping: DeviceMapping | null, picked = file, inSheet = sheet) => {
    if (!picked) return;
    const patch = withMapping && base ? mappingPatch(base, withMapping) : null;
    setError(null);
    const r = await job.start(
      'devices.preview',
      {
        source: source.trim() || picked.name,
        ...picked.send,
        ...(patch ? { mapping: patch } : {}),
        ...(inSheet !== null ? { sheet: inSheet } : {}),
      },
      {
        label: 'Reading the inventory',
        total: 1,
        message: 'Reading the file',
        onStale: (stale) => stale.ok && void call('devices.discard', { token: stale.value.token }),
      },
    );
    if (!r) return;
    if (!r.ok) return setError(r.error.details?.[0]?.message ?? r.error.message);
    setPreview(r.value);
    setSheet(r.value.sheet);
    setMapping(r.value.mapping);
    if (!patch) setBase(r.value.mapping);
    setStep('mapping');
  };

  const pick = async (picked: File) => {
    if (picked.size > MAX_IMPORT_BYTES)
      return setError(
        `${picked.name} is ${(picked.size / 1024 / 1024).toFixed(0)} MB; an import reads at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
      );
    if (picked.size > MAX_SENT_BYTES)
      return setError(
        `${picked.name} is ${(picked.size / 1024 / 1024).toFixed(0)} MB: open it with “Choose file…”, so the app reads it from disk a piece at a time.`,
      );
    const chosen: Chosen = {
      name: picked.name,
      send: { fileName: picked.name, contentBase64: await toBase64(picked) },
    };
    setFile(chosen);
    await read(null, chosen);
  };
  /** The app's own open dialog (the file is read from disk, any size); where there is none, the browser's. */
  const choose = async () => {
    const r = await call('devices.chooseFile', {});
    if (!r.ok) return input.current?.click();
    if (!r.value.file) return;
    const chosen: Chosen = { name: r.value.file.fileName, send: { fileId: r.value.file.fileId } };
    setFile(chosen);
    await read(null, chosen);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const dropped = e.dataTransfer.files[0];
    if (dropped) void pick(dropped);
  };

  const apply = async () => {
    if (!preview) return;
    setError(null);
    const imported = (v: ResponseOf<'devices.apply'>) => {
      toast(
        'success',
        `Imported ${v.devices} devices: ${v.added} added, ${v.changed} changed, ${v.removed} removed`,
      );
      onImported();
    };
    const r = await job.start(
      'devices.apply',
      { token: preview.token },
      {
        label: 'Importing the inventory',
        total: 1,
        message: 'Writing devices',
        // Said even if the dialog was closed meanwhile (closing cancels, but the write may have committed first).
        onStale: (stale) => stale.ok && imported(stale.value),
      },
    );
    if (!r) return;
    // A cancelled write rolled back: the preview is still there to import.
    if (!r.ok) return setError(r.error.message);
    imported(r.value);
    setPreview(null);
    reset();
    onClose();
  };

  const mappingChanged = preview && mapping && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);
  /** Places a type or status label on our word (or back on what its words say, with ''). */
  const place = (field: 'type' | 'status', label: string, word: string) => {
    if (!mapping) return;
    const values = { status: { ...mapping.values.status }, type: { ...mapping.values.type } };
    const placed = values[field] as Record<string, string>;
    if (word) placed[label] = word;
    else delete placed[label];
    setMapping({ ...mapping, values });
  };

  return (
    <Dialog title="Import device inventory" open={open} onClose={close} wide>
      <JobProgress job={job} focusCancel={job.running?.operation === 'devices.apply'} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {step === 'file' && (
        <div className="import-step">
          <label className="field">
            Source system
            <input
              list="device-sources"
              value={source}
              maxLength={100}
              placeholder="e.g. WMS asset export (its column mapping is remembered)"
              onChange={(e) => setSource(e.target.value)}
              data-autofocus
            />
            <datalist id="device-sources">
              {sources.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </label>
          <div
            className="drop-zone"
            onDragOver={(e) => e.preventDefault()}
            onDrop={onDrop}
            data-testid="device-drop"
          >
            <p>Drop a CSV, JSON or Excel file here, or</p>
            <button type="button" className="button" onClick={() => void choose()}>
              Choose file…
            </button>
            <input
              ref={input}
              type="file"
              accept=".csv,.txt,.tsv,.json,.jsonl,.ndjson,.xlsx"
              className="visually-hidden"
              aria-label="Inventory file"
              tabIndex={-1}
              onChange={(e) => {
                const picked = e.target.files?.[0];
                if (picked) void pick(picked);
                e.target.value = '';
              }}
            />
            <p className="cell-muted">
              CSV (comma, semicolon, tab or pipe; UTF-8, UTF-16 or Windows-1252), JSON (an array, one object
              per line, or an API export) or an Excel workbook (.xlsx), from a spreadsheet, NetBox, Snipe-IT
              or another system, up to {MAX_IMPORT_BYTES / 1024 / 1024} MB; a file over{' '}
              {MAX_SENT_BYTES / 1024 / 1024} MB is opened with “Choose file…” rather than dropped. Nothing is
              written until you confirm.
            </p>
          </div>
        </div>
      )}
      {step === 'mapping' && preview && mapping && (
        <div className="import-step">
          <p>
            <strong>{preview.fileName}</strong>: {preview.recognised.name} · {preview.format.toUpperCase()}
            {preview.format === 'xlsx' ? '' : `, ${preview.encoding}`}
            {preview.delimiter ? `, delimiter ${JSON.stringify(preview.delimiter)}` : ''} ·{' '}
            {preview.counts.read} rows
            {preview.headerRow > 1 ? ` · header on row ${preview.headerRow}` : ''} ·{' '}
            {preview.mappingSaved
              ? 'mapping remembered from the last import of this source'
              : 'columns mapped by their names'}
          </p>
          {preview.sheets.length > 1 && (
            <label className="inline">
              Sheet
              <select
                aria-label="Sheet"
                value={preview.sheet ?? ''}
                onChange={(e) => {
                  setSheet(e.target.value);
                  // Another sheet has its own columns: read it with the automatic (and saved) mapping.
                  void read(null, file, e.target.value);
                }}
              >
                {preview.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {preview.notes.map((w) => (
            <p key={w} className="cell-muted">
              {w}
            </p>
          ))}
          <h3 data-testid="import-counts">
            {preview.counts.valid} {preview.counts.valid === 1 ? 'device' : 'devices'} can be imported
            {preview.counts.warned > 0 && ` (${preview.counts.warned} with warnings)`} ·{' '}
            {preview.counts.rejected} {preview.counts.rejected === 1 ? 'row' : 'rows'} refused ·{' '}
            {preview.counts.duplicates} duplicates
          </h3>
          <PlacedLabels preview={preview} mapping={mapping} place={place} />
          <h3>Columns</h3>
          <table className="explanation-table mapping-table">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Is</th>
                <th scope="col">First value, and how it was read</th>
              </tr>
            </thead>
            <tbody>
              {preview.headers.map((h) => {
                const field = mapping.columns[h] ?? null;
                const sample = preview.sample[0];
                return (
                  <tr key={h}>
                    <td>{h}</td>
                    <td>
                      <select
                        aria-label={`Column ${h}`}
                        value={field ?? ''}
                        onChange={(e) =>
                          setMapping({
                            ...mapping,
                            // One column per field (location may have several): choosing a field here takes it from any other column.
                            columns: assignColumn(
                              mapping.columns,
                              h,
                              (e.target.value || null) as DeviceField | null,
                            ),
                          })
                        }
                      >
                        <option value="">Keep as an attribute</option>
                        {DEVICE_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {DEVICE_FIELD_LABELS[f]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="cell-muted">
                      {sample ? (
                        <>
                          “{sample.raw[h] ?? ''}”{field && ` → ${String(sample.device[field] ?? 'unknown')}`}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label className="inline">
            Dates like 03/04/2026 are
            <select
              aria-label="Date order"
              value={mapping.dateOrder}
              onChange={(e) => setMapping({ ...mapping, dateOrder: e.target.value as DateOrder })}
            >
              {DATE_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {DATE_ORDER_LABELS[o]}
                </option>
              ))}
            </select>
            <span className="cell-muted">
              {preview.dates.detected === 'none'
                ? 'this file has none'
                : `read as ${preview.dates.order === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy'}`}
              {preview.dates.detected === 'ambiguous' && ' — the file does not say; check it'}
              {preview.dates.detected === 'conflict' &&
                ' — the file has both orders; some dates could not be read'}
            </span>
          </label>
          {preview.errorsTotal > 0 && (
            <section aria-label="Refused rows">
              <h4>Refused: nothing in the row names a device</h4>
              <ul className="row-errors" aria-label="Row errors">
                {preview.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>
                    Row {e.row}
                    {e.column && `, ${e.column}`}
                    {e.value && ` “${e.value}”`}: {e.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {preview.warningsTotal > 0 && (
            <section aria-label="Warnings">
              <h4>Warnings: imported, with the value left unknown</h4>
              <ul className="row-errors row-warnings" aria-label="Row warnings">
                {preview.warnings.slice(0, 50).map((w, i) => (
                  <li key={i}>
                    Row {w.row}
                    {w.column && `, ${w.column}`}
                    {w.value && ` “${w.value}”`}: {w.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {preview.errorsTotal + preview.warningsTotal > 0 && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                void call('devices.errorsCsv', { token: preview.token }).then(
                  (r) => r.ok && download(r.value.csv, `${preview.fileName}-problems.csv`),
                )
              }
            >
              Download all {preview.errorsTotal + preview.warningsTotal} problems (CSV)
            </button>
          )}
          {preview.duplicates.slice(0, 20).map((d) => (
            <p key={`${d.kind}${d.key}`} className="cell-muted">
              Duplicate {d.kind === 'id' ? 'device ID' : 'serial'} {d.key}: rows {d.rows[0]} and {d.rows[1]}{' '}
              (the second is skipped)
            </p>
          ))}
          {preview.manufacturers
            .filter((m) => !m.vendorId)
            .map((m) => (
              <p key={m.name} className="inline">
                Manufacturer “{m.name}” ({m.devices} {m.devices === 1 ? 'device' : 'devices'}) is not linked
                to a vendor.
                {m.suggestion && (
                  <button
                    type="button"
                    className="button button-quiet"
                    onClick={() =>
                      // Shown unlinked (version 0): a colleague's link since refuses this one.
                      void call('devices.link', {
                        manufacturer: m.name,
                        vendorId: m.suggestion!.id,
                        version: 0,
                      }).then((r) => {
                        if (!r.ok)
                          toast('error', staleSaveMessage(r.error, 'this manufacturer') ?? r.error.message);
                        // Read again either way: a colleague's link is what the preview shows then.
                        void read(mapping);
                      })
                    }
                  >
                    Link to {m.suggestion.name}
                  </button>
                )}
              </p>
            ))}
          {preview.counts.valid === 0 && (
            <p className="form-error" role="alert">
              {nothingToImport(preview)}. Check which column names the devices.
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={reset}>
              Choose another file
            </button>
            {mappingChanged && (
              <button type="button" className="button" onClick={() => void read(mapping)}>
                Read again with this mapping
              </button>
            )}
            <button
              type="button"
              className="button button-primary"
              disabled={Boolean(mappingChanged) || preview.counts.valid === 0}
              title={mappingChanged ? 'Read the file again with the changed mapping first' : undefined}
              onClick={() => setStep('diff')}
            >
              Next: what changes
            </button>
          </div>
        </div>
      )}
      {step === 'diff' && preview && (
        <div className="import-step">
          <h3>
            {preview.diff.firstTime
              ? `First import from ${preview.source}: ${preview.diff.added} devices`
              : `Since the last import from ${preview.source}`}
          </h3>
          {!preview.diff.firstTime && (
            <ul aria-label="Changes">
              <li>
                {preview.diff.added} added
                {preview.diff.examples.added.length
                  ? `: ${preview.diff.examples.added.slice(0, 10).join(', ')}`
                  : ''}
              </li>
              <li>
                {preview.diff.changed} changed
                {preview.diff.examples.changed.length
                  ? `: ${preview.diff.examples.changed
                      .slice(0, 10)
                      .map((c) => `${c.deviceId} (${c.fields.join(', ')})`)
                      .join('; ')}`
                  : ''}
              </li>
              <li>
                {preview.diff.removed} removed
                {preview.diff.examples.removed.length
                  ? `: ${preview.diff.examples.removed.slice(0, 10).join(', ')}`
                  : ''}
              </li>
              <li>{preview.diff.unchanged} unchanged</li>
            </ul>
          )}
          <h3>Findings in this file</h3>
          <ul>
            {DEVICE_CHECKS.filter((c) => preview.findings[c] > 0).map((c) => (
              <li key={c}>
                {DEVICE_CHECK_INFO[c].label}: {preview.findings[c]}
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => setStep('mapping')}
              disabled={job.running !== null}
            >
              Back
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void apply()}
              disabled={job.running !== null}
            >
              Import {preview.counts.valid} devices
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/**
 * The source's type and status labels and where they were placed: those we could not
 * place first (their devices are "other", or of unknown status), each with a choice of
 * our words; the placement is saved with the source's mapping.
 */
function PlacedLabels({
  preview,
  mapping,
  place,
}: {
  preview: Preview;
  mapping: DeviceMapping;
  place(field: 'type' | 'status', label: string, word: string): void;
}) {
  const types = preview.labels.filter((l) => l.field === 'type');
  const statuses = preview.labels.filter((l) => l.field === 'status');
  const unplacedTypes = types.filter((l) => l.placed === null);
  const other = unplacedTypes.reduce((n, l) => n + l.count - l.byModel, 0);
  if (types.length + statuses.length === 0) return null;
  const chosen = (field: 'type' | 'status', value: string) =>
    (mapping.values[field] as Record<string, string>)[value] ?? '';
  const row = (l: Preview['labels'][number]) => {
    const words =
      l.field === 'type'
        ? DEVICE_CATEGORIES.map((c) => [c, DEVICE_CATEGORY_LABELS[c]] as const)
        : DEVICE_STATUSES.map((c) => [c, DEVICE_STATUS_LABELS[c]] as const);
    const auto =
      l.by === 'mapping'
        ? 'As its words say'
        : l.by === 'words' && l.placed
          ? `${l.field === 'type' ? DEVICE_CATEGORY_LABELS[l.placed as keyof typeof DEVICE_CATEGORY_LABELS] : DEVICE_STATUS_LABELS[l.placed as keyof typeof DEVICE_STATUS_LABELS]} (from its words)`
          : l.field === 'type'
            ? l.byModel
              ? `Other (${l.byModel} placed by their model)`
              : 'Other (not placed)'
            : 'Unknown (not placed)';
    return (
      <tr key={`${l.field}/${l.value}`} className={l.placed === null ? 'unplaced' : undefined}>
        <td>
          “{l.value}” <span className="cell-muted">({l.count})</span>
        </td>
        <td>
          <select
            aria-label={`${l.field === 'type' ? 'Type' : 'Status'} ${l.value}`}
            value={chosen(l.field, l.value)}
            onChange={(e) => place(l.field, l.value, e.target.value)}
          >
            <option value="">{auto}</option>
            {words.map(([w, label]) => (
              <option key={w} value={w}>
                {label}
              </option>
            ))}
          </select>
        </td>
      </tr>
    );
  };
  return (
    <>
      {unplacedTypes.length > 0 && (
        <p className="unplaced" role="status" data-testid="unplaced-types">
          {other} {other === 1 ? 'device' : 'devices'} of {unplacedTypes.length}{' '}
          {unplacedTypes.length === 1 ? 'type' : 'types'} we could not place:{' '}
          {unplacedTypes
            .slice(0, 8)
            .map((l) => `“${l.value}”`)
            .join(', ')}
          {unplacedTypes.length > 8 ? ', …' : ''}. {other === 1 ? 'It is' : 'They are'} imported as “Other”;
          place {unplacedTypes.length === 1 ? 'it' : 'them'} below, and the choice is remembered for this
          source.
        </p>
      )}
      <details open={unplacedTypes.length > 0 || statuses.some((l) => l.placed === null)}>
        <summary>
          Types and statuses: {types.length} {types.length === 1 ? 'type' : 'types'}, {statuses.length}{' '}
          {statuses.length === 1 ? 'status' : 'statuses'}
        </summary>
        <table className="explanation-table" aria-label="Types and statuses">
          <thead>
            <tr>
              <th scope="col">In the file</th>
              <th scope="col">Placed as</th>
            </tr>
          </thead>
          <tbody>
            {[...types, ...statuses]
              .sort((a, b) => Number(a.placed !== null) - Number(b.placed !== null))
              .slice(0, 200)
              .map(row)}
          </tbody>
        </table>
        {preview.labelsOmitted > 0 && (
          <p className="cell-muted">
            {preview.labelsOmitted} more rows carry labels beyond the first thousand kinds.
          </p>
        )}
      </details>
    </>
  );
}
