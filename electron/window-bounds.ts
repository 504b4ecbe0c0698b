/** Where the window was, as remembered in preferences. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_SIZE = { width: 1280, height: 820 };

/**
 * The bounds to open the window with: the remembered ones when they still fit on a
 * display (a monitor may have been unplugged), otherwise a default size, centred.
 */
export function restoreBounds(
  saved: unknown,
  displays: readonly Rect[],
): { x?: number; y?: number; width: number; height: number } {
  if (!isBounds(saved)) return { ...DEFAULT_SIZE };
  const width = Math.max(640, Math.round(saved.width));
  const height = Math.max(480, Math.round(saved.height));
  if (saved.x === undefined || saved.y === undefined) return { width, height };
  const visible = displays.some(
    (d) =>
      saved.x! + 80 <= d.x + d.width &&
      saved.x! + width - 80 >= d.x &&
      saved.y! >= d.y &&
      saved.y! + 40 <= d.y + d.height,
  );
  return visible ? { x: Math.round(saved.x), y: Math.round(saved.y), width, height } : { width, height };
}

function isBounds(value: unknown): value is WindowBounds {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return (
    finite(v.width) &&
    finite(v.height) &&
    (v.x === undefined || finite(v.x)) &&
    (v.y === undefined || finite(v.y))
  );
}
