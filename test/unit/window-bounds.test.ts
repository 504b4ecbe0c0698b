import { describe, it, expect } from 'vitest';
import { restoreBounds } from '../../electron/window-bounds';

const DEFAULT = { width: 1280, height: 820 };
const PRIMARY = { x: 0, y: 0, width: 1920, height: 1080 };
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1440 };
const LEFT = { x: -1920, y: 0, width: 1920, height: 1080 };

describe('restoreBounds', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"width":1000,"height":700}'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [100, 100, 1000, 700]],
    ['an empty object', {}],
    ['missing height', { width: 1000 }],
    ['missing width', { height: 700 }],
    ['NaN width', { width: Number.NaN, height: 700 }],
    ['NaN height', { width: 1000, height: Number.NaN }],
    ['Infinity width', { width: Number.POSITIVE_INFINITY, height: 700 }],
    ['string sizes', { width: '1000', height: '700' }],
    ['null sizes', { width: null, height: null }],
    ['NaN x', { x: Number.NaN, y: 10, width: 1000, height: 700 }],
    ['string y', { x: 10, y: '10', width: 1000, height: 700 }],
    ['null x', { x: null, y: 10, width: 1000, height: 700 }],
  ])('opens at the default size for %s', (_name, saved) => {
    expect(restoreBounds(saved, [PRIMARY])).toEqual(DEFAULT);
  });

  it.each([
    ['the primary display', { x: 100, y: 80, width: 1000, height: 700 }, [PRIMARY]],
    ['a display to the right', { x: 2200, y: 100, width: 1400, height: 900 }, [PRIMARY, RIGHT]],
    ['a display to the left (negative x)', { x: -1700, y: 50, width: 1000, height: 700 }, [LEFT, PRIMARY]],
    ['the top-left corner', { x: 0, y: 0, width: 1920, height: 1080 }, [PRIMARY]],
  ])('keeps bounds that are on %s', (_name, saved, displays) => {
    expect(restoreBounds(saved, displays)).toEqual(saved);
  });

  it('ignores the remembered maximized flag in the returned bounds', () => {
    expect(restoreBounds({ x: 10, y: 10, width: 1000, height: 700, maximized: true }, [PRIMARY])).toEqual({
      x: 10,
      y: 10,
      width: 1000,
      height: 700,
    });
  });

  it('drops the position when the display it was on is unplugged, keeping the size', () => {
    const saved = { x: 2200, y: 100, width: 1400, height: 900 };
    expect(restoreBounds(saved, [PRIMARY, RIGHT])).toEqual(saved);
    expect(restoreBounds(saved, [PRIMARY])).toEqual({ width: 1400, height: 900 });
  });

  it.each([
    ['far to the right', { x: 5000, y: 100, width: 1000, height: 700 }],
    ['far to the left', { x: -5000, y: 100, width: 1000, height: 700 }],
    ['below the display', { x: 100, y: 2000, width: 1000, height: 700 }],
    ['title bar above the display', { x: 100, y: -300, width: 1000, height: 700 }],
    ['only a sliver showing on the right edge', { x: 1900, y: 100, width: 1000, height: 700 }],
    ['only a sliver showing on the left edge', { x: -990, y: 100, width: 1000, height: 700 }],
    ['only a sliver showing at the bottom', { x: 100, y: 1070, width: 1000, height: 700 }],
  ])('drops the position of a window %s', (_name, saved) => {
    expect(restoreBounds(saved, [PRIMARY])).toEqual({ width: saved.width, height: saved.height });
  });

  it('drops the position when no display is known', () => {
    expect(restoreBounds({ x: 100, y: 100, width: 1000, height: 700 }, [])).toEqual({
      width: 1000,
      height: 700,
    });
  });

  it('opens at the remembered size, centred, when only one coordinate is remembered', () => {
    expect(restoreBounds({ x: 100, width: 1000, height: 700 }, [PRIMARY])).toEqual({
      width: 1000,
      height: 700,
    });
    expect(restoreBounds({ y: 100, width: 1000, height: 700 }, [PRIMARY])).toEqual({
      width: 1000,
      height: 700,
    });
  });

  it.each([
    ['tiny', { width: 100, height: 50 }, { width: 640, height: 480 }],
    ['zero', { width: 0, height: 0 }, { width: 640, height: 480 }],
    ['negative', { width: -800, height: -600 }, { width: 640, height: 480 }],
    ['too narrow only', { width: 300, height: 900 }, { width: 640, height: 900 }],
    ['too short only', { width: 900, height: 200 }, { width: 900, height: 480 }],
    ['exactly the minimum', { width: 640, height: 480 }, { width: 640, height: 480 }],
  ])('enforces the minimum size of 640x480 (%s)', (_name, saved, expected) => {
    expect(restoreBounds(saved, [PRIMARY])).toEqual(expected);
  });

  it('enforces the minimum size while keeping a visible position', () => {
    expect(restoreBounds({ x: 50, y: 60, width: 10, height: 10 }, [PRIMARY])).toEqual({
      x: 50,
      y: 60,
      width: 640,
      height: 480,
    });
  });

  it('rounds fractional bounds (HiDPI scaling) to whole pixels', () => {
    expect(restoreBounds({ x: 100.4, y: 80.6, width: 1000.5, height: 700.2 }, [PRIMARY])).toEqual({
      x: 100,
      y: 81,
      width: 1001,
      height: 700,
    });
  });
});
