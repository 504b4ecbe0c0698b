import { CRITICALITY_LABELS } from '../../electron/domain/vendor';
import { heatOf, SCORE_BAND_LABELS, type HeatMap as Heat } from '../../electron/domain/heat-map';
import type { HeatCellFigure } from '../../electron/domain/vendor-list';
import './HeatMap.css';

/**
 * Vendors by criticality (rows) and control score band (columns), counted per cell and
 * coloured by how urgent the cell is; each cell with vendors opens the vendor list
 * filtered to them. The number is written in the cell: colour is never the only signal.
 */
export function HeatMap({ map, onSelect }: { map: Heat; onSelect(figure: HeatCellFigure): void }) {
  const bands = map.rows[0]?.cells.map((c) => c.band) ?? [];
  return (
    <table className="heat-map" aria-label="Vendors by criticality and control score">
      <thead>
        <tr>
          <th scope="col" className="heat-corner">
            Criticality ↓ · score →
          </th>
          {bands.map((b) => (
            <th key={b} scope="col" className={b === 'none' ? 'heat-none-head' : undefined}>
              {SCORE_BAND_LABELS[b]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {map.rows.map((row) => (
          <tr key={row.criticality}>
            <th scope="row">{CRITICALITY_LABELS[row.criticality]}</th>
            {row.cells.map((cell) => {
              const label = `${CRITICALITY_LABELS[row.criticality]} criticality, ${SCORE_BAND_LABELS[cell.band].toLowerCase()}: ${cell.count} vendor${cell.count === 1 ? '' : 's'}`;
              const heat = cell.band === 'none' ? 'none' : String(heatOf(row.criticality, cell.band));
              return (
                <td key={cell.band}>
                  {cell.count === 0 ? (
                    <span className="heat-cell heat-empty" aria-label={label}>
                      0
                    </span>
                  ) : (
                    <button
                      type="button"
                      className={`heat-cell heat-${heat}`}
                      onClick={() => onSelect(`heat:${row.criticality}:${cell.band}`)}
                      aria-label={`${label}. Show them in the vendor list`}
                      title="Show these vendors in the list"
                    >
                      {cell.count}
                    </button>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
