/** Where the key was pressed: typing targets keep their keys, buttons and links keep Enter. */
export type KeyTarget = 'editable' | 'activatable' | 'other';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: KeyTarget;
}

export type ShortcutAction = 'focus-filter' | 'leave-input' | 'close-detail' | 'next' | 'previous' | 'open-detail';

export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return press.target === 'editable' ? 'leave-input' : 'close-detail';
  if (press.target === 'editable') return null;
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
    default:
      return null;
  }
}
