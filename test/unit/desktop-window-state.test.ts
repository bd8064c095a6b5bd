import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWindowStateSaver, placeWindow, readWindowState, WINDOW_STATE_KEY, type Rect, type WindowState } from '../../electron/desktop/window-state';
import { createMemorySettingsStore } from '../../electron/persistence/settings-store';

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const state = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized });

describe('placeWindow', () => {
  it('keeps a window that fits where it was, maximized flag included', () => {
    const saved = state({ x: 1600, y: 100, width: 1280, height: 820 }, true);
    expect(placeWindow(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('centres the window on the primary display when its monitor is gone', () => {
    const saved = state({ x: 1600, y: 100, width: 1280, height: 820 });
    expect(placeWindow(saved, [laptop])).toEqual(state({ x: 80, y: 53, width: 1280, height: 820 }));
  });

  it('shrinks a window bigger than the work area and moves it inside', () => {
    const saved = state({ x: -50, y: 0, width: 3000, height: 2000 });
    expect(placeWindow(saved, [laptop])).toEqual(state({ x: 0, y: 25, width: 1440, height: 875 }));
  });

  it('pulls a window hanging off the edge back fully onto the display it overlaps most', () => {
    const saved = state({ x: 3800, y: 1300, width: 1000, height: 600 });
    expect(placeWindow(saved, [laptop, rightMonitor])).toEqual(state({ x: 3000, y: 800, width: 1000, height: 600 }));
  });

  it('treats a sliver on screen (less than a title bar) as gone', () => {
    const saved = state({ x: 1430, y: 100, width: 1000, height: 600 });
    expect(placeWindow(saved, [laptop])).toEqual(state({ x: 220, y: 163, width: 1000, height: 600 }));
  });

  it('handles a display left of and above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -200, width: 1920, height: 1080 };
    const saved = state({ x: -1800, y: -150, width: 1200, height: 800 });
    expect(placeWindow(saved, [laptop, left])).toEqual(saved);
  });

  it('keeps a minimum size, but never more than the display', () => {
    expect(placeWindow(state({ x: 10, y: 30, width: 100, height: 80 }), [laptop])?.bounds).toEqual({ x: 10, y: 30, width: 720, height: 480 });
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(placeWindow(state({ x: 0, y: 0, width: 1280, height: 820 }), [tiny])?.bounds).toEqual(tiny);
  });

  it('gives null (the defaults) with nothing saved or no display', () => {
    expect(placeWindow(null, [laptop])).toBeNull();
    expect(placeWindow(state({ x: 0, y: 0, width: 800, height: 600 }), [])).toBeNull();
  });
});

describe('stored window state', () => {
  afterEach(() => vi.useRealTimers());

  it('reads back what was saved and ignores a damaged value', () => {
    const saved = state({ x: 1, y: 2, width: 800, height: 600 }, true);
    expect(readWindowState(createMemorySettingsStore({ [WINDOW_STATE_KEY]: saved }))).toEqual(saved);
    expect(readWindowState(createMemorySettingsStore({ [WINDOW_STATE_KEY]: { bounds: { x: 'a' } } }))).toBeNull();
    expect(readWindowState(createMemorySettingsStore({ [WINDOW_STATE_KEY]: state({ x: 0, y: 0, width: -5, height: 600 }) }))).toBeNull();
    expect(readWindowState(createMemorySettingsStore())).toBeNull();
  });

  it('saves once after a burst of moves, and at once on close', () => {
    vi.useFakeTimers();
    const store = createMemorySettingsStore();
    let current = state({ x: 0, y: 0, width: 800, height: 600 });
    let reads = 0;
    const saver = createWindowStateSaver(store, () => (reads++, current), 500);
    for (let x = 0; x < 10; x++) {
      current = state({ x, y: 0, width: 800, height: 600 });
      saver.schedule();
      vi.advanceTimersByTime(100);
    }
    expect(store.get(WINDOW_STATE_KEY)).toBeUndefined();
    vi.advanceTimersByTime(500);
    expect(store.get(WINDOW_STATE_KEY)).toEqual(state({ x: 9, y: 0, width: 800, height: 600 }));
    expect(reads).toBe(1);
    current = state({ x: 50, y: 0, width: 800, height: 600 }, true);
    saver.schedule();
    saver.saveNow();
    expect(store.get(WINDOW_STATE_KEY)).toEqual(current);
    vi.advanceTimersByTime(1000);
    expect(reads).toBe(2);
  });
});
