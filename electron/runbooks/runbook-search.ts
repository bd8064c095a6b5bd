import MiniSearch, { type SearchOptions } from 'minisearch';
import type { RunbookDocument } from '../../shared/runbook';

/**
 * Full-text search over the runbooks, for results as you type: every word of the query may be a
 * prefix ("roll" finds "rollback") and, from four letters on, may carry a typo ("certifcate").
 * Titles and tags weigh most, then services and the alert matchers, then the body (intro and
 * every step's title and text). Runbooks that contain all the words come first; when none does,
 * those with any of them are shown rather than nothing.
 */

export interface RunbookSearchResult {
  id: string;
  score: number;
}

export interface RunbookIndex {
  search(query: string, limit?: number): RunbookSearchResult[];
}

const FIELDS = ['title', 'tags', 'services', 'alerts', 'body'] as const;
type Field = (typeof FIELDS)[number];

/** At most this many characters of a query are used; no one types more into a search box. */
const MAX_QUERY = 500;

const SEARCH: SearchOptions = {
  boost: { title: 4, tags: 3, services: 2, alerts: 1.5, body: 1 },
  prefix: (term) => term.length >= 2,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  maxFuzzy: 2,
};

export function createRunbookIndex(documents: RunbookDocument[]): RunbookIndex {
  const index = new MiniSearch<RunbookDocument>({
    fields: [...FIELDS],
    idField: 'id',
    storeFields: [],
    extractField: (document, field) => extract(document, field as Field | 'id'),
  });
  const seen = new Set<string>();
  // Ids are unique in a catalog; a repeated one is indexed once rather than throwing.
  index.addAll(documents.filter((document) => !seen.has(document.id) && seen.add(document.id)));

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

function extract(document: RunbookDocument, field: Field | 'id'): string {
  switch (field) {
    case 'id':
      return document.id;
    case 'title':
      return document.title;
    case 'tags':
      return document.tags.join(' ');
    case 'services':
      return document.services.join(' ');
    case 'alerts':
      // The label values people search for (`HighErrorRate`, `checkout`), also split at case changes.
      return (document.alerts ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2') + ' ' + (document.alerts ?? '');
    case 'body':
      return [document.intro, ...document.steps.map((step) => `${step.title}\n${step.markdown}`)].join('\n');
  }
}
