import { useState } from 'react';
import { SbomImportDialog } from './SbomImportDialog';
import { SbomList } from './SbomList';
import { roleLimited, useRoleLimit } from '../hooks/useTeam';

/**
 * A vendor's SBOMs and VEX documents on its Devices tab, with the import for this vendor;
 * `onImported` reloads the page (a VEX statement may set matches aside, changing its flags).
 */
export function VendorSboms({
  vendor,
  revision,
  onImported,
}: {
  vendor: { id: string; name: string };
  revision: number;
  onImported(): void;
}) {
  const [importing, setImporting] = useState(false);
  const sbomLimit = useRoleLimit('sboms');
  return (
    <>
      <SbomList
        vendorId={vendor.id}
        revision={revision}
        actions={
          <button
            type="button"
            className="button"
            {...roleLimited(sbomLimit)}
            onClick={() => setImporting(true)}
          >
            Import SBOM or VEX…
          </button>
        }
      />
      <SbomImportDialog
        open={importing}
        vendor={vendor}
        onClose={() => setImporting(false)}
        onImported={onImported}
      />
    </>
  );
}
