import type { ProgressEvent } from '../ipc/contract';
import { printable, truncateToWidth } from './format';
import type { CliIo } from './io';

/** A progress line on stderr, redrawn in place; silent when stderr is not a terminal. */
export interface ProgressLine {
  update(event: ProgressEvent): void;
  /** Erases the line, so what follows starts on a clean line. */
  clear(): void;
}

/** Creates the progress line for long operations (demo load). */
export function createProgressLine(io: CliIo): ProgressLine {
  let shown = false;
  return {
    update(event) {
      if (!io.stderrIsTTY) return;
      const percent = event.total > 0 ? Math.round((event.done / event.total) * 100) : 0;
      const text = truncateToWidth(
        `[${event.done}/${event.total}] ${percent}% ${printable(event.message)}`,
        79,
      );
      io.stderr(`\r\x1b[2K${text}`);
      shown = true;
    },
    clear() {
      if (shown) io.stderr('\r\x1b[2K');
      shown = false;
    },
  };
}
