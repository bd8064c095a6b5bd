/** The keys that work in both views; hidden from screen readers, which have their own navigation. */
export function KeyHints() {
  return (
    <p className="key-hints" aria-hidden="true" data-testid="key-hints">
      <kbd>/</kbd> filter <kbd>j</kbd>
      <kbd>k</kbd> move <kbd>Enter</kbd> open <kbd>Esc</kbd> close <kbd>1</kbd>
      <kbd>2</kbd> or <kbd>g</kbd> <kbd>a</kbd>/<kbd>s</kbd> alerts/SLOs
    </p>
  );
}
