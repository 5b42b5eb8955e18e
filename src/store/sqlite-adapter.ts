import KeyvSqlite from '@keyv/sqlite';
import type { SortedIndex } from './sorted-index';

/** Rows per statement: bounds the size of one JSON parameter and of one result set. */
const BATCH_ROWS = 5_000;

interface Row {
  key: string;
  value: string;
}

/**
 * @keyv/sqlite with the two batch operations a poll cycle leans on, made to scale (measured in BENCHMARKS.md):
 * - `getMany` pairs rows with keys through a Map; the stock one calls `rows.find` per key, which is
 *   quadratic and took seconds for the ~26,000 seen keys a 500-feed cycle asks about.
 * - `setMany` writes a batch as one statement, so one transaction and one commit, where Keyv's fallback
 *   issues one autocommitted INSERT per key (a first poll writes ~47,000 seen keys).
 */
export class BatchingSqlite extends KeyvSqlite {
  override async getMany<Value>(keys: string[]): Promise<Value[]> {
    const found = new Map<string, string>();
    for (const chunk of chunks(keys)) {
      const rows = (await this.query(`SELECT key, value FROM ${this.table} WHERE key IN (SELECT value FROM json_each(?))`, JSON.stringify(chunk))) as Row[];
      for (const row of rows) found.set(row.key, row.value);
    }
    return keys.map((key) => found.get(key)) as Value[];
  }

  async setMany(entries: { key: string; value: unknown }[]): Promise<void> {
    for (const chunk of chunks(entries)) {
      // `WHERE true` lets SQLite tell the upsert's ON CONFLICT from a join clause of the SELECT.
      await this.query(
        `INSERT INTO ${this.table} (key, value)
         SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        JSON.stringify(chunk.map(({ key, value }) => [key, value])),
      );
    }
  }

  /**
   * Write-ahead logging with `synchronous=NORMAL`: a commit appends to the log without an fsync, instead of
   * creating, syncing and deleting a journal file. A killed process loses nothing committed; a power cut
   * can lose the last commits (never corrupt the file), which replays as a crash a moment earlier.
   */
  async tune(): Promise<void> {
    await this.query('PRAGMA journal_mode = WAL');
    await this.query('PRAGMA synchronous = NORMAL');
    await this.query(`CREATE TABLE IF NOT EXISTS ${this.indexTable} (name TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (name, member))`);
    await this.query(`CREATE INDEX IF NOT EXISTS ${this.indexTable}_order ON ${this.indexTable} (name, score, member)`);
  }

  /** The sorted index (see sorted-index.ts) as rows of one table beside Keyv's, ordered by an SQL index. */
  sortedIndex(): SortedIndex {
    const table = this.indexTable;
    return {
      add: async (name, entries) => {
        for (const chunk of chunks(entries)) {
          await this.query(
            `INSERT INTO ${table} (name, member, score)
             SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE true
             ON CONFLICT(name, member) DO UPDATE SET score = excluded.score`,
            name,
            JSON.stringify(chunk.map(({ member, score }) => [member, score])),
          );
        }
      },
      remove: async (name, members) => {
        for (const chunk of chunks(members)) {
          await this.query(`DELETE FROM ${table} WHERE name = ? AND member IN (SELECT value FROM json_each(?))`, name, JSON.stringify(chunk));
        }
      },
      members: async (name) => ((await this.query(`SELECT member FROM ${table} WHERE name = ? ORDER BY score, member`, name)) as { member: string }[]).map((row) => row.member),
      size: async (name) => Number(((await this.query(`SELECT count(*) AS n FROM ${table} WHERE name = ?`, name)) as { n: number }[])[0]?.n ?? 0),
      range: async (name, min, max) =>
        ((await this.query(`SELECT member FROM ${table} WHERE name = ? AND score BETWEEN ? AND ? ORDER BY score, member`, name, min, max)) as { member: string }[]).map((row) => row.member),
      count: async (name, min, max) =>
        Number(((await this.query(`SELECT count(*) AS n FROM ${table} WHERE name = ? AND score BETWEEN ? AND ?`, name, min, max)) as { n: number }[])[0]?.n ?? 0),
      removeBelow: async (name, score) => {
        await this.query(`DELETE FROM ${table} WHERE name = ? AND score < ?`, name, score);
      },
    };
  }

  private get indexTable(): string {
    return `${this.table}_index`;
  }

  private get table(): string {
    return this.opts.table ?? 'keyv';
  }
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += BATCH_ROWS) yield items.slice(start, start + BATCH_ROWS);
}
