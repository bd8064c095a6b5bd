/**
 * Alertmanager-style label matchers (`severity="critical"`, `service=~"api.*"`, `env!="dev"`),
 * with free words mixed in for a plain text search. Regexes are fully anchored, as in Alertmanager.
 */
export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  operator: MatchOperator;
  value: string;
}

export interface ParsedFilter {
  matchers: LabelMatcher[];
  /** Lower-cased words that must each appear somewhere in the alert's name, labels or annotations. */
  words: string[];
  /** Set when the text could not be parsed; the message names the part that is wrong. */
  error: string | null;
}

export interface Matchable {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s,"'{}]*))\s*,?/;

export function parseFilter(text: string): ParsedFilter {
  const matchers: LabelMatcher[] = [];
  const words: string[] = [];
  // `{a="1", b=~"x"}` as Alertmanager writes it: only the braces around the whole set go, not those inside values.
  let rest = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  while (rest.trim().length > 0) {
    const match = MATCHER.exec(rest);
    if (match) {
      const [whole, name, operator, doubleQuoted, singleQuoted, bare] = match;
      const value = unescape(doubleQuoted ?? singleQuoted ?? bare ?? '');
      matchers.push({ name: name!, operator: operator as MatchOperator, value });
      rest = rest.slice(whole.length);
      continue;
    }
    const word = /^\s*([^\s,]+)\s*,?/.exec(rest);
    if (!word) break;
    if (/[=~]/.test(word[1]!) && /^[A-Za-z_]/.test(word[1]!)) {
      return { matchers, words, error: `cannot read matcher "${word[1]}": expected name="value", name!="value", name=~"regex" or name!~"regex"` };
    }
    words.push(word[1]!.toLowerCase());
    rest = rest.slice(word[0].length);
  }
  for (const matcher of matchers) {
    if (matcher.operator === '=~' || matcher.operator === '!~') {
      try {
        new RegExp(matcher.value);
      } catch (error) {
        return { matchers, words, error: `invalid regular expression in ${matcher.name}${matcher.operator}"${matcher.value}": ${(error as Error).message}` };
      }
    }
  }
  return { matchers, words, error: null };
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

const regexCache = new Map<string, RegExp>();
function anchored(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`);
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  return regex;
}

export function matchesMatcher(labels: Record<string, string>, matcher: LabelMatcher): boolean {
  const actual = labels[matcher.name] ?? '';
  switch (matcher.operator) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      return anchored(matcher.value).test(actual);
    case '!~':
      return !anchored(matcher.value).test(actual);
  }
}

/** True when the item satisfies every matcher and contains every word. A filter with an error matches nothing. */
export function matchesFilter(item: Matchable, filter: ParsedFilter): boolean {
  if (filter.error) return false;
  const labels = item.labels.alertname ? item.labels : { ...item.labels, alertname: item.name };
  for (const matcher of filter.matchers) {
    if (!matchesMatcher(labels, matcher)) return false;
  }
  if (filter.words.length === 0) return true;
  const haystack = searchText(item);
  return filter.words.every((word) => haystack.includes(word));
}

const haystacks = new WeakMap<object, string>();
function searchText(item: Matchable): string {
  let text = haystacks.get(item);
  if (text === undefined) {
    text = [item.name, ...Object.entries(item.labels).map(([k, v]) => `${k}=${v}`), ...Object.values(item.annotations)]
      .join('\n')
      .toLowerCase();
    haystacks.set(item, text);
  }
  return text;
}
