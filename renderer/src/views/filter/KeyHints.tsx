/** The keys that work in every view; hidden from screen readers, which have their own navigation. */
export function KeyHints({ filterWord = 'filter', acknowledge = false, list = true }: { filterWord?: string | null; acknowledge?: boolean; /** False where there is no list to move in. */ list?: boolean }) {
  return (
    <p
      className="key-hints"
      aria-hidden="true"
      data-testid="key-hints"
      title="Switch views with 1 to 8, or with g a (alerts), g s (SLOs), g r (runbooks), g i (incidents), g m (silences), g h (history), g o (my shift) and g , (settings); a acknowledges the selected alert"
    >
      {filterWord !== null && (
        <>
          <kbd>/</kbd> {filterWord}{' '}
        </>
      )}
      {list && (
        <>
          <kbd>j</kbd>
          <kbd>k</kbd> move <kbd>Enter</kbd> open{' '}
        </>
      )}
      {acknowledge && (
        <>
          <kbd>a</kbd> acknowledge{' '}
        </>
      )}
      <kbd>Esc</kbd> close <kbd>1</kbd>–<kbd>8</kbd> views
    </p>
  );
}
