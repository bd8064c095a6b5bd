/** PromQL scanning for histogram checks: which `*_bucket` selectors a query uses, and their `le`. */

export interface BucketSelector {
  metric: string;
  /** The value of an `le="…"` matcher, or null when there is none. */
  le: string | null;
}

/** Every selector of a `*_bucket` series in a PromQL expression, with its `le` equality matcher. Strings and comments are skipped. */
export function bucketSelectors(query: string): BucketSelector[] {
  const found: BucketSelector[] = [];
  let index = 0;
  const skipSpace = (): void => {
    while (index < query.length && /\s/.test(query[index] as string)) index++;
  };
  while (index < query.length) {
    const char = query[index] as string;
    if (char === '"' || char === "'" || char === '`') {
      index = readString(query, index).end;
    } else if (char === '#') {
      while (index < query.length && query[index] !== '\n') index++;
    } else if (char === '{') {
      const { matchers, end } = readMatchers(query, index);
      index = end;
      const name = matchers.find((matcher) => matcher.name === '__name__' && matcher.op === '=');
      if (name?.value.endsWith('_bucket')) found.push({ metric: name.value, le: leOf(matchers) });
    } else if (/[0-9.]/.test(char)) {
      while (index < query.length && /[0-9A-Za-z_.]/.test(query[index] as string)) index++;
    } else if (/[A-Za-z_:]/.test(char)) {
      const start = index;
      while (index < query.length && /[A-Za-z0-9_:]/.test(query[index] as string)) index++;
      const identifier = query.slice(start, index);
      if (!identifier.endsWith('_bucket')) continue;
      skipSpace();
      if (query[index] === '(') continue; // a function, not a series
      if (query[index] === '{') {
        const { matchers, end } = readMatchers(query, index);
        index = end;
        found.push({ metric: identifier, le: leOf(matchers) });
      } else {
        found.push({ metric: identifier, le: null });
      }
    } else {
      index++;
    }
  }
  return found;
}

function leOf(matchers: Array<{ name: string; op: string; value: string }>): string | null {
  return matchers.find((matcher) => matcher.name === 'le' && matcher.op === '=')?.value ?? null;
}

/** `{name op "value", …}` from the `{` at `start`; stops at the closing `}` (or what it can read). */
function readMatchers(query: string, start: number): { matchers: Array<{ name: string; op: string; value: string }>; end: number } {
  const matchers: Array<{ name: string; op: string; value: string }> = [];
  let index = start + 1;
  const skip = (): void => {
    while (index < query.length && /[\s,]/.test(query[index] as string)) index++;
  };
  for (;;) {
    skip();
    if (index >= query.length) return { matchers, end: index };
    if (query[index] === '}') return { matchers, end: index + 1 };
    let name: string;
    if (query[index] === '"' || query[index] === "'" || query[index] === '`') {
      const string = readString(query, index);
      name = string.value;
      index = string.end;
    } else {
      const nameStart = index;
      while (index < query.length && /[A-Za-z0-9_:]/.test(query[index] as string)) index++;
      name = query.slice(nameStart, index);
    }
    skip();
    const op = /^(=~|!~|!=|=)/.exec(query.slice(index))?.[0];
    const quote = op ? query[index + op.length] : undefined;
    if (!name || !op || (quote !== '"' && quote !== "'" && quote !== '`')) {
      // Not a matcher list we understand: skip to the closing brace.
      while (index < query.length && query[index] !== '}') index = query[index] === '"' || query[index] === "'" || query[index] === '`' ? readString(query, index).end : index + 1;
      return { matchers, end: index + 1 };
    }
    index += op.length;
    const value = readString(query, index);
    index = value.end;
    matchers.push({ name, op, value: value.value });
  }
}

/** A PromQL string literal starting at `start` (", ' or `), with backslash escapes except in backticks. */
function readString(query: string, start: number): { value: string; end: number } {
  const quote = query[start];
  let value = '';
  let index = start + 1;
  while (index < query.length && query[index] !== quote) {
    if (query[index] === '\\' && quote !== '`' && index + 1 < query.length) {
      index++;
      const escaped = query[index] as string;
      value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
    } else {
      value += query[index];
    }
    index++;
  }
  return { value, end: index + 1 };
}
