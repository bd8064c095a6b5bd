import type { EpisodeFacts, EpisodeWrite } from './episode-writes';
import type { SqliteDatabase } from './sqlite';

export interface RetentionLimits {
  maxAgeMs: number;
  maxEpisodes: number;
}

const INSERT = `INSERT OR IGNORE INTO episodes (fingerprint, starts_at, starts_at_ms, resolved_at, resolved_at_ms, name, labels, severity, sources)
  VALUES (:fingerprint, :startsAt, :startsAtMs, :resolvedAt, :resolvedAtMs, :name, :labels, :severity, :sources)`;

/**
 * Applies writes in one transaction (all or nothing) and returns how many episodes it added.
 * `log` hears about writes that found no episode.
 */
export function applyWrites(db: SqliteDatabase, writes: readonly EpisodeWrite[], log: (message: string) => void): number {
  let added = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    for (const write of writes) added += applyWrite(db, write, log);
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return added;
}

function applyWrite(db: SqliteDatabase, write: EpisodeWrite, log: (message: string) => void): number {
  switch (write.kind) {
    case 'firing': {
      if (insert(db, write.episode, null)) return 1;
      db.run(
        `UPDATE episodes SET resolved_at = NULL, resolved_at_ms = NULL, name = :name, labels = :labels, severity = :severity, sources = :sources
         WHERE fingerprint = :fingerprint AND starts_at = :startsAt`,
        {
          ':name': write.episode.name,
          ':labels': JSON.stringify(write.episode.labels),
          ':severity': write.episode.severity,
          ':sources': JSON.stringify(write.episode.sources),
          ':fingerprint': write.episode.fingerprint,
          ':startsAt': write.episode.startsAt,
        },
      );
      return 0;
    }
    case 'resolved': {
      if (insert(db, write.episode, write.resolvedAt)) return 1;
      db.run(
        `UPDATE episodes SET resolved_at = :resolvedAt, resolved_at_ms = :resolvedAtMs
         WHERE fingerprint = :fingerprint AND starts_at = :startsAt AND resolved_at IS NULL`,
        {
          ':resolvedAt': write.resolvedAt,
          ':resolvedAtMs': Date.parse(write.resolvedAt),
          ':fingerprint': write.episode.fingerprint,
          ':startsAt': write.episode.startsAt,
        },
      );
      return 0;
    }
    case 'silenced':
      db.run(
        `UPDATE episodes SET silenced_by = :by, silence_comment = :comment
         WHERE fingerprint = :fingerprint AND starts_at = :startsAt AND silenced_by IS NULL`,
        { ':by': write.by, ':comment': write.comment, ':fingerprint': write.key.fingerprint, ':startsAt': write.key.startsAt },
      );
      return 0;
    case 'acknowledged': {
      const { changes } = db.run(
        `UPDATE episodes SET acknowledged_by = :by, acknowledged_at = :at, acknowledge_comment = :comment
         WHERE fingerprint = :fingerprint AND starts_at = :startsAt AND (:replace OR acknowledged_by IS NULL)`,
        {
          ':by': write.by,
          ':at': write.at,
          ':comment': write.comment,
          ':replace': write.replace ? 1 : 0,
          ':fingerprint': write.key.fingerprint,
          ':startsAt': write.key.startsAt,
        },
      );
      if (changes === 0 && write.replace) {
        log(`alert history: no episode of alert ${write.key.fingerprint} starting at ${write.key.startsAt} to record the acknowledgement by ${write.by} on`);
      }
      return 0;
    }
  }
}

function insert(db: SqliteDatabase, episode: EpisodeFacts, resolvedAt: string | null): boolean {
  const { changes } = db.run(INSERT, {
    ':fingerprint': episode.fingerprint,
    ':startsAt': episode.startsAt,
    ':startsAtMs': episode.startsAtMs,
    ':resolvedAt': resolvedAt,
    ':resolvedAtMs': resolvedAt === null ? null : Date.parse(resolvedAt),
    ':name': episode.name,
    ':labels': JSON.stringify(episode.labels),
    ':severity': episode.severity,
    ':sources': JSON.stringify(episode.sources),
  });
  return changes > 0;
}

export function countEpisodes(db: SqliteDatabase): number {
  return Number(db.get('SELECT count(*) AS n FROM episodes')?.['n'] ?? 0);
}

/**
 * Deletes resolved episodes that ended more than `maxAgeMs` before `nowMs` (when given), then the
 * longest-resolved ones beyond `maxEpisodes` of the `count` there are. Episodes still open are
 * kept however old: the alert still fires. Returns how many it deleted.
 */
export function pruneEpisodes(db: SqliteDatabase, limits: RetentionLimits, nowMs: number | undefined, count: number): number {
  db.exec('BEGIN IMMEDIATE');
  try {
    let deleted = nowMs === undefined ? 0 : db.run('DELETE FROM episodes WHERE resolved_at_ms < ?', nowMs - limits.maxAgeMs).changes;
    const excess = count - deleted - limits.maxEpisodes;
    if (excess > 0) {
      deleted += db.run(
        `DELETE FROM episodes WHERE id IN (
           SELECT id FROM episodes WHERE resolved_at_ms IS NOT NULL ORDER BY resolved_at_ms, id LIMIT ?)`,
        excess,
      ).changes;
    }
    db.exec('COMMIT');
    return deleted;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
