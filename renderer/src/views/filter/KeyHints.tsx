/** The keys that work in both views; hidden from screen readers, which have their own navigation. */
export function KeyHints() {
  return (
    <p className="key-hints" aria-hidden="true" data-testid="key-hints" title="Switch views with 1 and 2, or with g a (alerts) and g s (SLOs)">
      <kbd>/</kbd> filter <kbd>j</kbd>
      <kbd>k</kbd> move <kbd>Enter</kbd> open <kbd>Esc</kbd> close <kbd>1</kbd>
      <kbd>2</kbd> views
    </p>
  );
}
