import { useEffect, useRef } from 'react';

/**
 * Scrolls a virtualised list to the selected row when the selection moves, and only then: an
 * update of the rows never yanks the list away from what the user is reading.
 */
export function useScrollToSelection(
  virtualizer: { scrollToIndex(index: number, options: { align: 'auto' }): void },
  selected: string | null,
  selectedIndex: number | undefined,
): void {
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (selected === null || selectedIndex === undefined || scrolledTo.current === selected) return;
    scrolledTo.current = selected;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selected, selectedIndex, virtualizer]);
}
