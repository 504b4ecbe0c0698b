import { useEffect, useId, useState } from 'react';
import { call } from '../api';
import {
  MAX_SBOM_REQUESTS,
  sbomPairKey,
  sbomPairLabel,
  type SbomModel,
  type SbomRequest,
} from '../../electron/domain/exchange-sbom';
import './SbomRequestPicker.css';

interface SbomRequestPickerProps {
  vendorId: string;
  /** The form carries files; a workbook cannot, so the list is shown only for the form. */
  enabled: boolean;
  chosen: SbomRequest[];
  onChange(chosen: SbomRequest[]): void;
}

/**
 * Which SBOMs the form asks the vendor for: the model + firmware of its devices (most devices
 * first) to tick, and any other model and firmware typed in.
 */
export function SbomRequestPicker({ vendorId, enabled, chosen, onChange }: SbomRequestPickerProps) {
  const [models, setModels] = useState<SbomModel[] | null>(null);
  const [extra, setExtra] = useState<SbomRequest[]>([]);
  const [model, setModel] = useState('');
  const [firmware, setFirmware] = useState('');
  const hint = useId();

  useEffect(() => {
    let live = true;
    void call('exchange.sbomModels', { vendorId }).then((r) => live && setModels(r.ok ? r.value : []));
    return () => {
      live = false;
    };
  }, [vendorId]);

  const keys = new Set(chosen.map((c) => sbomPairKey(c.model, c.firmware)));
  const toggle = (r: SbomRequest, on: boolean) =>
    onChange(
      on
        ? [...chosen, { model: r.model, firmware: r.firmware }]
        : chosen.filter((c) => sbomPairKey(c.model, c.firmware) !== sbomPairKey(r.model, r.firmware)),
    );
  const rows: (SbomRequest & { devices?: number })[] = [...(models ?? []), ...extra];
  const full = chosen.length >= MAX_SBOM_REQUESTS;

  const add = () => {
    const r = { model: model.trim(), firmware: firmware.trim() || null };
    if (!r.model) return;
    const key = sbomPairKey(r.model, r.firmware);
    if (!rows.some((x) => sbomPairKey(x.model, x.firmware) === key)) setExtra((e) => [...e, r]);
    if (!keys.has(key) && !full) onChange([...chosen, r]);
    setModel('');
    setFirmware('');
  };

  return (
    <fieldset className="sbom-picker">
      <legend>Ask for SBOMs (optional)</legend>
      {!enabled ? (
        <p className="cell-muted">The form (.html) can carry SBOM files back; the workbook cannot.</p>
      ) : (
        <>
          <p className="cell-muted" id={hint}>
            The form gets a section “Software bill of materials” where the vendor attaches each file
            (CycloneDX or SPDX JSON, or VEX) or says it is not available. {chosen.length} of at most{' '}
            {MAX_SBOM_REQUESTS} chosen.
          </p>
          {models === null ? (
            <p className="cell-muted">Reading the vendor’s devices…</p>
          ) : rows.length === 0 ? (
            <p className="cell-muted">No device of this vendor has a model recorded: add one below.</p>
          ) : (
            <ul className="sbom-picker-list" aria-label="Models and firmware">
              {rows.map((r) => {
                const key = sbomPairKey(r.model, r.firmware);
                return (
                  <li key={key}>
                    <label className="checkbox">
                      <input
                        type="checkbox"
                        checked={keys.has(key)}
                        disabled={!keys.has(key) && full}
                        onChange={(e) => toggle(r, e.target.checked)}
                      />
                      <span>
                        {sbomPairLabel(r.model, r.firmware)}
                        {r.devices !== undefined && (
                          <span className="cell-muted">
                            {' '}
                            · {r.devices} device{r.devices === 1 ? '' : 's'}
                          </span>
                        )}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="sbom-picker-add">
            <label>
              Model
              <input value={model} maxLength={200} onChange={(e) => setModel(e.target.value)} />
            </label>
            <label>
              Firmware (empty: any)
              <input value={firmware} maxLength={200} onChange={(e) => setFirmware(e.target.value)} />
            </label>
            <button type="button" className="button" disabled={!model.trim() || full} onClick={add}>
              Add
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
