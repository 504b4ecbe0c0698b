import type { ProgressEvent } from '../ipc/contract';
import { printable, truncateToWidth } from './format';
import type { CliIo } from './io';

/** A progress line on stderr, redrawn in place; silent when stderr is not a terminal. */
export interface ProgressLine {
  update(event: ProgressEvent): void;
  /** A line of its own in the same place (what the command waits for). */
  note(text: string): void;
  /** Erases the line, so what follows starts on a clean line. */
  clear(): void;
}

/** Creates the progress line for long operations (demo load). */
export function createProgressLine(io: CliIo): ProgressLine {
  let shown = false;
  const show = (text: string) => {
    if (!io.stderrIsTTY) return;
    io.stderr(`\r\x1b[2K${truncateToWidth(text, 79)}`);
    shown = true;
  };
  return {
    update(event) {
      const percent = event.total > 0 ? Math.round((event.done / event.total) * 100) : 0;
      show(`[${event.done}/${event.total}] ${percent}% ${printable(event.message)}`);
    },
    note: (text) => show(printable(text)),
    clear() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
