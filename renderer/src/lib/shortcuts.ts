/** Where the key was pressed: typing targets keep their keys, buttons and links keep Enter. */
export type KeyTarget = 'editable' | 'activatable' | 'other';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: KeyTarget;
}

export type ShortcutAction =
  | 'focus-filter'
  | 'leave-input'
  | 'close-detail'
  | 'next'
  | 'previous'
  | 'open-detail'
  | 'show-alerts'
  | 'show-slos'
  | 'show-runbooks'
  | 'show-incidents'
  | 'show-silences'
  | 'show-history'
  | 'show-shift'
  | 'show-settings'
  /** `a`: acknowledge the selected alert (opens its detail with the comment field focused). */
  | 'acknowledge'
  /** The first key of `g a` / `g s` / `g r` / `g i` / `g m` / `g h` / `g o` / `g ,`: waits for the second. */
  | 'prefix-g';

/** How long `g` waits for its second key. */
export const PREFIX_TIMEOUT_MS = 1500;

/**
 * The action for a key press. `pending` is a `g` pressed just before (see `PREFIX_TIMEOUT_MS`):
 * then `a`, `s`, `r`, `i`, `m` (silences: muting), `h`, `o` (on call: my shift) and `,` (settings) switch views; any other key acts as if
 * `g` had not been pressed.
 */
export function shortcutFor(press: KeyPress, pending: 'g' | null = null): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return press.target === 'editable' ? 'leave-input' : 'close-detail';
  if (press.target === 'editable') return null;
  if (pending === 'g') {
    if (press.key === 'a') return 'show-alerts';
    if (press.key === 's') return 'show-slos';
    if (press.key === 'r') return 'show-runbooks';
    if (press.key === 'i') return 'show-incidents';
    if (press.key === 'm') return 'show-silences';
    if (press.key === 'h') return 'show-history';
    if (press.key === 'o') return 'show-shift';
    if (press.key === ',') return 'show-settings';
  }
  switch (press.key) {
    case '/':
      return 'focus-filter';
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Enter':
      return press.target === 'other' ? 'open-detail' : null;
    case '1':
      return 'show-alerts';
    case '2':
      return 'show-slos';
    case '3':
      return 'show-runbooks';
    case '4':
      return 'show-incidents';
    case '5':
      return 'show-silences';
    case '6':
      return 'show-history';
    case '7':
      return 'show-shift';
    case '8':
      return 'show-settings';
    case 'a':
      return 'acknowledge';
    case 'g':
      return 'prefix-g';
    default:
      return null;
  }
}
