import type { EpisodeKey } from './episode-writes';
import type { SqliteDatabase } from './sqlite';

/**
 * Ends, at `resolvedAt`, every open episode whose (fingerprint, startsAt) is not in `firing`: its
 * alert went away while nobody was watching (the app was closed, the source was removed or moved).
 * Returns how many it ended.
 */
export function closeEpisodesNotFiring(db: SqliteDatabase, firing: readonly EpisodeKey[], resolvedAt: string): number {
  const stillFiring = new Set(firing.map(keyText));
  db.exec('BEGIN IMMEDIATE');
  try {
    const open = db.all('SELECT id, fingerprint, starts_at FROM episodes WHERE resolved_at IS NULL');
    let closed = 0;
    for (const row of open) {
      if (stillFiring.has(keyText({ fingerprint: String(row['fingerprint']), startsAt: String(row['starts_at']) }))) continue;
      closed += db.run('UPDATE episodes SET resolved_at = ?, resolved_at_ms = ? WHERE id = ?', [resolvedAt, Date.parse(resolvedAt), row['id'] as number]).changes;
    }
    db.exec('COMMIT');
    return closed;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

const keyText = (key: EpisodeKey): string => JSON.stringify([key.fingerprint, key.startsAt]);
