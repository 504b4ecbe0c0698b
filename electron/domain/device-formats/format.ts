/** What a known export format says about its columns (one file per format beside this one). */
import type { DeviceField } from '../devices';

export interface DeviceFormat {
  /** Stable id, saved with a source's mapping. */
  id: string;
  /** As the preview shows it ("NetBox device export"). */
  name: string;
  /** Whether a file's headers (as headerKey gives them) are this format's. */
  recognise(keys: ReadonlySet<string>): boolean;
  /**
   * The format's meaning of its columns, by header key: a field, or null for a column that
   * must stay an attribute even though a generic spelling would take it. Columns not
   * listed are read by the generic spellings.
   */
  columns: Readonly<Record<string, DeviceField | null>>;
}
