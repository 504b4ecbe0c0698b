import { useEffect, useState } from 'react';
import { call } from '../api';

/** How many of the vendor's devices the suggestions are read from (one page of the devices table). */
const READ = 1000;
const NONE = new Map<string, string[]>();

/**
 * The models among a vendor's devices, each with the firmware versions they run, sorted: the
 * suggestions for attaching an SBOM (its model and firmware must be spelled as the inventory
 * spells them to match). Read from the first thousand of its devices; empty without a vendor.
 */
export function useVendorModels(vendorId: string | null): Map<string, string[]> {
  const [read, setRead] = useState<{ vendorId: string; models: Map<string, string[]> } | null>(null);
  useEffect(() => {
    let current = true;
    if (!vendorId) return;
    void call('devices.list', { vendorId, limit: READ }).then((r) => {
      if (!current || !r.ok) return;
      const found = new Map<string, Set<string>>();
      for (const { device } of r.value.items) {
        if (!device.model) continue;
        const firmware = found.get(device.model) ?? new Set<string>();
        if (device.firmwareVersion) firmware.add(device.firmwareVersion);
        found.set(device.model, firmware);
      }
      const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
      setRead({
        vendorId,
        models: new Map(
          [...found].sort(([a], [b]) => byName(a, b)).map(([m, f]) => [m, [...f].sort(byName)]),
        ),
      });
    });
    return () => {
      current = false;
    };
  }, [vendorId]);
  // What was read for another vendor (or before none was chosen) is not offered.
  return read && read.vendorId === vendorId ? read.models : NONE;
}
