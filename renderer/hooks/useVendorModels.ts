import { useEffect, useState } from 'react';
import { call } from '../api';

const NONE = new Map<string, string[]>();

/**
 * The models among a vendor's devices, each with the firmware versions they run, sorted: the
 * suggestions for attaching an SBOM (its model and firmware must be spelled as the inventory
 * spells them to match). The same model + firmware pairs the exchange offers to ask the vendor
 * for (`exchange.sbomModels`, read from all of its devices); empty without a vendor.
 */
export function useVendorModels(vendorId: string | null): Map<string, string[]> {
  const [read, setRead] = useState<{ vendorId: string; models: Map<string, string[]> } | null>(null);
  useEffect(() => {
    let current = true;
    if (!vendorId) return;
    void call('exchange.sbomModels', { vendorId }).then((r) => {
      if (!current || !r.ok) return;
      const found = new Map<string, Set<string>>();
      for (const { model, firmware } of r.value) {
        const versions = found.get(model) ?? new Set<string>();
        if (firmware) versions.add(firmware);
        found.set(model, versions);
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
