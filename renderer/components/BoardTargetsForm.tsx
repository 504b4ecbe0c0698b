import type { BoardTargets } from '../../electron/domain/board-targets';
import { KEY_FIGURE_INFO, KEY_FIGURES } from '../../electron/domain/board-targets';

/**
 * The targets the board pack prints beside its key figures: a section of the Settings form.
 * An empty field means no target for that figure.
 */
export function BoardTargetsForm({
  targets,
  setTargets,
  error,
}: {
  targets: BoardTargets;
  setTargets(targets: BoardTargets): void;
  /** Why the last save of the targets was refused. */
  error?: string | null;
}) {
  return (
    <section className="settings-section" aria-label="Board pack targets">
      <h2>Board pack targets</h2>
      <p className="muted">
        Printed beside each key figure on the board pack’s first page, with the last report’s value. Leave a
        field empty for no target.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <table className="settings-table">
        <tbody>
          {KEY_FIGURES.map((id) => {
            const info = KEY_FIGURE_INFO[id];
            const value = targets[id];
            return (
              <tr key={id}>
                <th scope="row">{info.label}</th>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={
                      info.unit === '%' || id === 'averageScore' || id === 'averageResidual' ? 100 : undefined
                    }
                    aria-label={`Target: ${info.label}`}
                    value={value === null || Number.isNaN(value) ? '' : value}
                    onChange={(e) =>
                      setTargets({ ...targets, [id]: e.target.value === '' ? null : Number(e.target.value) })
                    }
                  />{' '}
                  {info.unit ?? ''} <span className="muted">({info.meaning})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
