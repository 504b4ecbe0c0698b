import type { ResponseOf } from '../../electron/ipc/contract';
import type { VendorMapping } from '../../electron/domain/vendor-import';
import { VENDOR_IMPORT_FIELD_LABELS, type VendorValueField } from '../../electron/domain/vendor-import-words';
import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  DATA_KIND_LABELS,
  STATUS_LABELS,
} from '../../electron/domain/vendor';
import { FilterSelect } from './FilterSelect';

type Preview = ResponseOf<'vendorImport.preview'>;

const VALUE_LABELS: Record<VendorValueField, Record<string, string>> = {
  category: CATEGORY_LABELS,
  criticality: CRITICALITY_LABELS,
  status: STATUS_LABELS,
  dataTouched: DATA_KIND_LABELS,
};

/** The file's category, criticality, status and data values, each placed on our word (or not). */
export function VendorImportValues({
  preview,
  mapping,
  place,
}: {
  preview: Preview;
  mapping: VendorMapping;
  place(field: VendorValueField, value: string, word: string): void;
}) {
  if (preview.values.length === 0) return null;
  return (
    <>
      <h3>Values</h3>
      <table className="explanation-table mapping-table">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Value in the file</th>
            <th scope="col">Rows</th>
            <th scope="col">Read as</th>
          </tr>
        </thead>
        <tbody>
          {preview.values.slice(0, 200).map((v) => {
            const chosen = (mapping.values[v.field] as Record<string, string>)[v.value] ?? '';
            const byWords = v.by === 'words' ? v.placed : null;
            return (
              <tr
                key={`${v.field}:${v.value}`}
                className={v.placed === null && !chosen ? 'unplaced' : undefined}
              >
                <td>{VENDOR_IMPORT_FIELD_LABELS[v.field]}</td>
                <td>{v.value}</td>
                <td className="cell-number">{v.count}</td>
                <td>
                  <FilterSelect
                    label={`${VENDOR_IMPORT_FIELD_LABELS[v.field]} ${v.value}`}
                    choices={[
                      {
                        value: '',
                        label: byWords
                          ? `${VALUE_LABELS[v.field][byWords]} (by its words)`
                          : v.field === 'dataTouched'
                            ? 'Not placed: left out'
                            : 'Not placed: the default',
                      },
                      ...Object.entries(VALUE_LABELS[v.field]).map(([value, label]) => ({ value, label })),
                    ]}
                    value={chosen}
                    onChange={(word) => place(v.field, v.value, word)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
