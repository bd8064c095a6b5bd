/** The keys that work in every view; hidden from screen readers, which have their own navigation. */
export function KeyHints({ filterWord = 'filter' }: { filterWord?: string | null }) {
  return (
    <p
      className="key-hints"
      aria-hidden="true"
      data-testid="key-hints"
      title="Switch views with 1 to 4, or with g a (alerts), g s (SLOs), g r (runbooks) and g i (incidents)"
    >
      {filterWord !== null && (
        <>
          <kbd>/</kbd> {filterWord}{' '}
        </>
      )}
      <kbd>j</kbd>
      <kbd>k</kbd> move <kbd>Enter</kbd> open <kbd>Esc</kbd> close <kbd>1</kbd>–<kbd>4</kbd> views
    </p>
  );
}
