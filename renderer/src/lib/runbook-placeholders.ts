/**
 * Alert placeholders in runbooks, as in Prometheus alert templates: `{{ $labels.instance }}` and
 * `{{ $value }}`, spaces inside the braces optional. Values are filled in one pass, so a value
 * that itself contains `{{ … }}` stays as it is; a label the alert does not have shows as
 * `<instance?>`, visibly, rather than as an empty gap in a command someone is about to run.
 */
const PLACEHOLDER = /\{\{[ \t]*\$(?:labels\.([A-Za-z_][A-Za-z0-9_]*)|(value))[ \t]*\}\}/g;

/** What fills the placeholders: the labels and value of the alert a runbook was opened for. */
export interface PlaceholderValues {
  labels: Readonly<Record<string, string>>;
  value: string | null;
}

/** The marker shown for a placeholder the alert cannot fill. */
export function missingPlaceholder(name: string): string {
  return `<${name}?>`;
}

function valueFor(label: string | undefined, values: PlaceholderValues): string {
  if (label !== undefined) return values.labels[label] ?? missingPlaceholder(label);
  return values.value ?? missingPlaceholder('value');
}

/**
 * Fills the placeholders in plain text (a title, a command, a check). `encode` transforms each
 * value, e.g. `encodeURIComponent` inside a URL; the text around them is left alone.
 */
export function substitutePlaceholders(text: string, values: PlaceholderValues, encode: (value: string) => string = (value) => value): string {
  return text.replace(PLACEHOLDER, (_match, label: string | undefined) => encode(valueFor(label, values)));
}

/**
 * Markdown with its placeholders swapped for inert tokens (letters and digits only), so that the
 * Markdown is parsed as written and a value can never become markup: the values go into the
 * parsed tree's text, code and URLs afterwards (`fill`). Tokens also keep links whose URL holds a
 * placeholder with spaces (`(https://grafana/d?var-host={{ $labels.instance }})`) parsing as links.
 */
export interface TokenizedMarkdown {
  markdown: string;
  /** Replaces the tokens in a string from the parsed tree with their values, `encode`d. */
  fill(text: string, encode?: (value: string) => string): string;
}

export function tokenizePlaceholders(markdown: string, values: PlaceholderValues): TokenizedMarkdown {
  // A token stem that cannot occur in the text, so nothing the author wrote is mistaken for one.
  const lower = markdown.toLowerCase();
  let stem = 'ocph';
  while (lower.includes(stem)) stem += 'q';
  const filled: string[] = [];
  const tokenized = markdown.replace(PLACEHOLDER, (_match, label: string | undefined) => {
    filled.push(valueFor(label, values));
    return `${stem}${filled.length - 1}${stem}`;
  });
  if (filled.length === 0) return { markdown, fill: (text) => text };
  const token = new RegExp(`${stem}(\\d+)${stem}`, 'g');
  return {
    markdown: tokenized,
    fill: (text, encode = (value) => value) => text.replace(token, (match, index: string) => {
      const value = filled[Number(index)];
      return value === undefined ? match : encode(value);
    }),
  };
}
