import MiniSearch, { type SearchOptions } from 'minisearch';
import type { RunbookSummary } from '../../shared/runbook';

/**
 * Full-text search over the runbooks, for results as you type: every word of the query may be a
 * prefix ("roll" finds "rollback") and, from four letters on, may carry a typo ("certifcate").
 * Titles and tags weigh most, then services and the alert matchers, then the body (intro and
 * every step's title and text, as written). Runbooks that contain all the words come first; when
 * none does, those with any of them are shown rather than nothing.
 *
 * Words are what lies between white space, punctuation and symbols, so Markdown and template
 * syntax (```` ```sh ````, `{{ $labels.service }}`, `service=~"web"`) leave just the words, and
 * the commonest English words ("the", "and", …) are neither indexed nor searched for: they would
 * find every runbook, and they are a fifth of a runbook's words.
 */

export interface RunbookSearchResult {
  id: string;
  score: number;
}

/** What is indexed of a runbook: its summary, and its Markdown body as written. */
export interface SearchableRunbook {
  summary: RunbookSummary;
  searchText: string;
}

export interface RunbookIndex {
  search(query: string, limit?: number): RunbookSearchResult[];
}

const FIELDS = ['title', 'tags', 'services', 'alerts', 'body'] as const;
type Field = (typeof FIELDS)[number];

/** At most this many characters of a query are used; no one types more into a search box. */
const MAX_QUERY = 500;

/** Too common to tell runbooks apart; lower case. */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'if', 'in', 'is', 'it', 'its', 'of', 'or', 'that', 'the', 'then', 'this', 'to', 'was', 'were', 'with']);

const SEPARATORS = /[\s\p{P}\p{S}]+/u;
/** The same for ASCII-only text (the usual runbook), several times faster. */
const ASCII_SEPARATORS = /[\t-\r !-/:-@[-`{-~]+/;

/** The words of `text`; may include empty strings, which `toTerm` drops. */
export function tokenize(text: string): string[] {
  // eslint-disable-next-line no-control-regex -- any character outside ASCII takes the Unicode way
  return text.split(/^[\x00-\x7f]*$/.test(text) ? ASCII_SEPARATORS : SEPARATORS);
}

function toTerm(word: string): string | null {
  const term = word.toLowerCase();
  return term === '' || STOP_WORDS.has(term) ? null : term;
}

const SEARCH: SearchOptions = {
  boost: { title: 4, tags: 3, services: 2, alerts: 1.5, body: 1 },
  prefix: (term) => term.length >= 2,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
};

export function createRunbookIndex(runbooks: SearchableRunbook[]): RunbookIndex {
  const index = new MiniSearch<SearchableRunbook>({
    fields: [...FIELDS],
    idField: 'id',
    storeFields: [],
    tokenize,
    processTerm: toTerm,
    extractField: (document, field) => extract(document, field as Field | 'id'),
  });
  const seen = new Set<string>();
  // Ids are unique in a catalog; a repeated one is indexed once rather than throwing.
  index.addAll(runbooks.filter(({ summary }) => !seen.has(summary.id) && seen.add(summary.id)));

  return {
    search(query: string, limit = 20): RunbookSearchResult[] {
      const text = query.slice(0, MAX_QUERY).trim();
      if (text === '' || limit <= 0) return [];
      let results = index.search(text, { ...SEARCH, combineWith: 'AND' });
      if (results.length === 0) results = index.search(text, { ...SEARCH, combineWith: 'OR' });
      return results.slice(0, limit).map((result) => ({ id: String(result.id), score: result.score }));
    },
  };
}

function extract({ summary, searchText }: SearchableRunbook, field: Field | 'id'): string {
  switch (field) {
    case 'id':
      return summary.id;
    case 'title':
      return summary.title;
    case 'tags':
      return summary.tags.join(' ');
    case 'services':
      return summary.services.join(' ');
    case 'alerts':
      // The label values people search for (`HighErrorRate`, `checkout`), also split at case changes.
      return (summary.alerts ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2') + ' ' + (summary.alerts ?? '');
    case 'body':
      return searchText;
  }
}
