import { z } from 'zod';

/**
 * Settings that exist only in the desktop app (in browser mode `available` is false and
 * changing them is refused). They live in the main process, not in the config file.
 */
export const DesktopSettingsSchema = z.object({
  /** True in the desktop app; false in browser mode, where none of this applies. */
  available: z.boolean(),
  /** Start the app when the user logs in (login item on macOS and Windows, an XDG autostart entry on Linux). */
  startAtLogin: z.boolean(),
  /** Serve the dashboard to a browser on this machine through the loopback bridge (off unless turned on). */
  browserAccess: z.boolean(),
  /** While browser access is on: the address to open, with the per-launch token in its fragment. */
  browserUrl: z.string().nullable(),
  /** Why the last change could not be applied (e.g. the autostart folder is not writable), or null. */
  problem: z.string().nullable(),
});
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

export const DesktopSettingsInputSchema = z
  .object({
    startAtLogin: z.boolean().optional(),
    browserAccess: z.boolean().optional(),
  })
  .strict();
export type DesktopSettingsInput = z.infer<typeof DesktopSettingsInputSchema>;
