import { z } from 'zod';
import type { SettingsStore } from '../persistence/settings-store';

/** Where the window was and how big, across restarts: pure placement plus a debounced saver. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** The normal (not maximized) bounds, so un-maximizing after a restart goes back to them. */
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_KEY = 'windowState';
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
/** How much of the window must be on a display to be reachable: its title bar, roughly. */
const MIN_VISIBLE = { width: 160, height: 48 } as const;

const finite = z.number().finite();
const WindowStateSchema = z.object({
  bounds: z.object({ x: finite, y: finite, width: finite.positive(), height: finite.positive() }),
  maximized: z.boolean(),
});

export function readWindowState(store: SettingsStore): WindowState | null {
  const parsed = WindowStateSchema.safeParse(store.get(WINDOW_STATE_KEY));
  return parsed.success ? parsed.data : null;
}

/**
 * The saved state made safe for the displays there are now (`workAreas`, the primary one first):
 * on the display it overlaps most, resized to fit its work area and moved fully inside it. When too
 * little of it is on any display (a monitor that is gone, a resolution that shrank), it is centred on
 * the primary one. Null when nothing was saved or there is no display: the window's defaults apply.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState | null {
  if (!saved || workAreas.length === 0) return null;
  const { bounds } = saved;
  const best = workAreas
    .map((area) => ({ area, overlap: intersection(bounds, area) }))
    .sort((a, b) => b.overlap.width * b.overlap.height - a.overlap.width * a.overlap.height)[0]!;
  const reachable = best.overlap.width >= Math.min(MIN_VISIBLE.width, bounds.width) && best.overlap.height >= Math.min(MIN_VISIBLE.height, bounds.height);
  const area = reachable ? best.area : workAreas[0]!;
  const width = Math.round(clamp(bounds.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width));
  const height = Math.round(clamp(bounds.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height));
  const x = reachable ? bounds.x : area.x + (area.width - width) / 2;
  const y = reachable ? bounds.y : area.y + (area.height - height) / 2;
  return {
    bounds: {
      x: Math.round(clamp(x, area.x, area.x + area.width - width)),
      y: Math.round(clamp(y, area.y, area.y + area.height - height)),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

export interface WindowStateSaver {
  /** Call on every move and resize: saves once things have been still for a moment. */
  schedule(): void;
  /** Call on close: saves now and cancels a pending save. */
  saveNow(): void;
}

/** `read` returns the window's current state, or null once it is gone. */
export function createWindowStateSaver(store: SettingsStore, read: () => WindowState | null, delayMs = 500): WindowStateSaver {
  let timer: NodeJS.Timeout | undefined;
  const saveNow = () => {
    clearTimeout(timer);
    timer = undefined;
    const state = read();
    if (state) store.set(WINDOW_STATE_KEY, state);
  };
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(saveNow, delayMs);
      timer.unref();
    },
    saveNow,
  };
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? { width, height } : { width: 0, height: 0 };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
