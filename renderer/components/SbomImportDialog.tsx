import { useEffect, useState } from 'react';
import { call, type ResponseOf } from '../api';
import { useOperation } from '../hooks/useOperation';
import { useVendorModels } from '../hooks/useVendorModels';
import { Dialog } from './Dialog';
import { FormField } from './FormField';
import './SbomImportDialog.css';

type Imported = ResponseOf<'sboms.importFile'>;
type VendorChoice = { id: string; name: string };

/**
 * Attaches a vendor's SBOM (CycloneDX, SPDX 2.3) to its model and firmware, or a VEX file's
 * statements (CycloneDX VEX, OpenVEX) to the vendor: the fields first, then the app's open
 * dialog; the file is recognised by its content. `vendor` presets (and fixes) the vendor.
 */
export function SbomImportDialog({
  open,
  vendor,
  onClose,
  onImported,
}: {
  open: boolean;
  vendor?: VendorChoice;
  onClose(): void;
  onImported(): void;
}) {
  const [vendors, setVendors] = useState<VendorChoice[] | null>(vendor ? [vendor] : null);
  const [vendorId, setVendorId] = useState(vendor?.id ?? '');
  const [model, setModel] = useState('');
  const [firmware, setFirmware] = useState('');
  const [result, setResult] = useState<Imported | null>(null);
  const [error, setError] = useState<string | null>(null);
  const importing = useOperation('sboms.importFile', { toast: false });
  const models = useVendorModels(open && vendorId ? vendorId : null);
  const firmwares = models.get(model.trim()) ?? [...new Set([...models.values()].flat())];

  useEffect(() => {
    if (!open || vendor) return;
    void call('vendors.list', {}).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setVendors(r.value.items.map((v) => ({ id: v.id, name: v.name })));
    });
  }, [open, vendor]);

  const choose = async () => {
    if (importing.busy) return;
    setError(null);
    if (!vendorId) return setError('Choose the vendor whose SBOM or VEX this is.');
    const picked = await call('sboms.chooseFile', {});
    if (!picked.ok) return setError(picked.error.message);
    if (!picked.value.file) return;
    const r = await importing.run({
      vendorId,
      fileId: picked.value.file.fileId,
      model: model.trim() || null,
      firmware: firmware.trim() || null,
    });
    if (!r.ok) return setError(r.error.message);
    setResult(r.value);
    onImported();
  };

  const close = () => {
    setResult(null);
    setError(null);
    setModel('');
    setFirmware('');
    onClose();
  };

  return (
    <Dialog
      title="Import SBOM or VEX"
      open={open}
      onClose={close}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            {result ? 'Done' : 'Cancel'}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={importing.busy}
            onClick={() => void choose()}
          >
            {importing.busy ? 'Importing…' : result ? 'Import another file…' : 'Choose file…'}
          </button>
        </>
      }
    >
      <form
        className="sbom-import"
        onSubmit={(e) => {
          e.preventDefault();
          void choose();
        }}
      >
        <p className="sbom-import-intro">
          An SBOM (CycloneDX 1.4–1.6 or SPDX 2.3 JSON) lists the software in a model’s firmware; a VEX file
          (CycloneDX VEX, OpenVEX) says which vulnerabilities do not affect the vendor’s products. The file is
          recognised by its content.
        </p>
        <FormField id="sbom-vendor" label="Vendor" required>
          {(props) =>
            vendor ? (
              <input {...props} value={vendor.name} readOnly />
            ) : (
              <select
                {...props}
                value={vendorId}
                onChange={(e) => setVendorId(e.target.value)}
                data-autofocus
                aria-busy={!vendors}
              >
                <option value="">{vendors ? 'Choose a vendor…' : 'Loading vendors…'}</option>
                {vendors?.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </select>
            )
          }
        </FormField>
        <div className="sbom-import-target">
          <FormField
            id="sbom-model"
            label="Model"
            hint="As the inventory spells it (its devices' models are offered); empty: every model. Not used for VEX."
          >
            {(props) => (
              <input
                {...props}
                value={model}
                maxLength={200}
                onChange={(e) => setModel(e.target.value)}
                data-autofocus={vendor ? true : undefined}
                list="sbom-models"
              />
            )}
          </FormField>
          <FormField
            id="sbom-firmware"
            label="Firmware"
            hint="The firmware version it describes; empty: any."
          >
            {(props) => (
              <input
                {...props}
                value={firmware}
                maxLength={200}
                onChange={(e) => setFirmware(e.target.value)}
              />
            )}
          </FormField>
        </div>
        {/* Suggestions: the models among the vendor's devices, and the firmware they run. */}
        <datalist id="sbom-models">
          {[...models.keys()].map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <datalist id="sbom-firmwares">
          {firmwares.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        {/* Enter in a field opens the dialog, as the primary button does. */}
        <button type="submit" hidden />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {result && <SbomImportOutcome result={result} />}
      </form>
    </Dialog>
  );
}

/** What an SBOM or VEX import attached, what it replaced, and its warnings. */
function SbomImportOutcome({ result }: { result: Imported }) {
  const { sbom, vex } = result;
  return (
    <div className="sbom-import-outcome" role="status" data-testid="sbom-import-outcome">
      {sbom && (
        <p>
          <strong>{result.fileName}</strong>: {result.format} SBOM “{sbom.name}” attached to{' '}
          {[sbom.model ?? 'every model', sbom.firmware ? `firmware ${sbom.firmware}` : 'any firmware'].join(
            ', ',
          )}{' '}
          — {sbom.entries} component{sbom.entries === 1 ? '' : 's'}
          {result.replacedSbom ? `; it replaces ${result.replacedSbom.fileName}` : ''}.
        </p>
      )}
      {vex && (
        <p>
          <strong>{result.fileName}</strong>: {vex.entries} VEX statement{vex.entries === 1 ? '' : 's'} (
          {vex.format}) attached to {vex.vendorName}
          {result.replacedVex ? `; they replace those of ${result.replacedVex.fileName}` : ''}.
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="sbom-import-warnings" aria-label="Warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
