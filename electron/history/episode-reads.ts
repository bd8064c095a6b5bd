import type { AlertEpisode, AlertHistory, HistorySearchInput, HistorySearchResult } from '../../shared/history';
import type { Severity } from '../../shared/severity';
import { ftsQuery } from './fts-query';
import type { SqliteDatabase } from './sqlite';

const EPISODES_SHOWN = 50;
const WEEK_MS = 7 * 24 * 3_600_000;

type Row = Record<string, unknown>;

/** The alert's last 50 episodes and its figures for the 7 days before `nowMs`. */
export function readHistory(db: SqliteDatabase, fingerprint: string, nowMs: number): AlertHistory {
  const rows = db.all('SELECT * FROM episodes WHERE fingerprint = ? ORDER BY starts_at_ms DESC, id DESC LIMIT ?', [fingerprint, EPISODES_SHOWN]);
  const week = db.all(
    `SELECT resolved_at_ms - starts_at_ms AS duration FROM episodes
     WHERE fingerprint = ? AND starts_at_ms >= ? AND starts_at_ms <= ?`,
    [fingerprint, nowMs - WEEK_MS, nowMs],
  );
  const durations = week.map((row) => row['duration']).filter((d): d is number => typeof d === 'number');
  return { fingerprint, episodes: rows.map(episodeOf), firedLast7Days: week.length, medianDurationMs: median(durations) };
}

/**
 * Episodes whose alert name, label values or acknowledgement and silence comments contain every
 * word of the query (as word prefixes); an empty query matches all. Resolved-only lists are
 * ordered by when the episodes ended, others by when they started, most recent first.
 */
export function searchHistory(db: SqliteDatabase, input: HistorySearchInput): HistorySearchResult {
  const match = ftsQuery(input.query);
  const from = match === undefined ? 'episodes e' : 'episodes_text JOIN episodes e ON e.id = episodes_text.rowid';
  const conditions = [match === undefined ? '' : 'episodes_text MATCH :match', input.resolvedOnly ? 'e.resolved_at_ms IS NOT NULL' : ''].filter(Boolean);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const order = input.resolvedOnly ? 'e.resolved_at_ms DESC, e.id DESC' : 'e.starts_at_ms DESC, e.id DESC';
  const params: Record<string, string> = match === undefined ? {} : { ':match': match };
  const total = Number(db.get(`SELECT count(*) AS n FROM ${from} ${where}`, params)?.['n'] ?? 0);
  const rows = db.all(`SELECT e.* FROM ${from} ${where} ORDER BY ${order} LIMIT :limit`, { ...params, ':limit': input.limit });
  return { episodes: rows.map(episodeOf), total };
}

/** Episodes firing at some point in [fromMs, toMs] (started before its end, not ended before its start), oldest first. */
export function episodesBetween(db: SqliteDatabase, fromMs: number, toMs: number, limit: number): AlertEpisode[] {
  const rows = db.all(
    `SELECT * FROM episodes WHERE starts_at_ms <= ? AND (resolved_at_ms IS NULL OR resolved_at_ms >= ?)
     ORDER BY starts_at_ms DESC, id DESC LIMIT ?`,
    [toMs, fromMs, limit],
  );
  return rows.map(episodeOf).reverse();
}

function episodeOf(row: Row): AlertEpisode {
  return {
    fingerprint: String(row['fingerprint']),
    name: String(row['name']),
    labels: JSON.parse(String(row['labels'])) as Record<string, string>,
    severity: String(row['severity']) as Severity,
    sources: JSON.parse(String(row['sources'])) as string[],
    startsAt: String(row['starts_at']),
    resolvedAt: textOrNull(row['resolved_at']),
    acknowledgedBy: textOrNull(row['acknowledged_by']),
    acknowledgedAt: textOrNull(row['acknowledged_at']),
    acknowledgeComment: textOrNull(row['acknowledge_comment']),
    silencedBy: textOrNull(row['silenced_by']),
    silenceComment: textOrNull(row['silence_comment']),
  };
}

const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
