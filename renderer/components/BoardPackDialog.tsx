import { useState } from 'react';
import { Dialog } from './Dialog';
import { useReportExport } from './ReportExport';

/**
 * The board pack's button and its dialog: what the pack holds, and whether to add the
 * appendix (one page per critical or high vendor; on by default), then the save dialog.
 */
export function BoardPackButton() {
  const { running, exportReport } = useReportExport();
  const [open, setOpen] = useState(false);
  const [appendix, setAppendix] = useState(true);
  const start = () => {
    setOpen(false);
    void exportReport({ kind: 'board', appendix }, 'Exporting the board pack');
  };
  return (
    <>
      <button type="button" className="button" disabled={running !== null} onClick={() => setOpen(true)}>
        Board pack (PDF)…
      </button>
      <Dialog
        title="Board pack"
        open={open}
        onClose={() => setOpen(false)}
        footer={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="button" className="button button-primary" onClick={start} data-autofocus>
              Choose where to save…
            </button>
          </>
        }
      >
        <p>
          Four to six pages for the board: the headline, the decisions asked and the key figures against the
          last board pack and the targets (Settings); the heat map, the tier trend and what changed; the top
          risks, knockouts by theme, contract gaps, coverage and device posture.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={appendix} onChange={(e) => setAppendix(e.target.checked)} />
          Add the appendix: one page per critical or high vendor, with the reasons behind its flags
        </label>
      </Dialog>
    </>
  );
}
