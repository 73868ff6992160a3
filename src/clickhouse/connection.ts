/**
 * A connection to ClickHouse: the embedded engine (chDB, in this process, over a data folder) or a
 * server (`@clickhouse/client` over HTTP). Both run the same SQL; results come back in RowBinary,
 * decoded into our columns (row-binary-reader.ts), or, for counts and the like, as JSON rows.
 *
 * chDB is an optional package (about 540 MB, not installed by `npm ci`): it is loaded when first
 * used, and its absence is a usage error that says how to install it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { UsageErrorKind } from './errors.ts';
import { stringSql } from './values.ts';
import { rowBinaryBatches } from './row-binary-reader.ts';
import type { ScalarType, Value } from '../kql/types.ts';

/** Rows per batch handed to the executor. */
export const BATCH_ROWS = 8192;

export interface ClickHouseConnection {
  /** What it is, for messages: `chdb:/path` or the server URL without credentials. */
  readonly description: string;
  /** Runs a statement that returns nothing (DDL, INSERT ... SELECT, OPTIMIZE). */
  exec(sql: string): Promise<void>;
  /** Runs a query; yields its rows as arrays of JSON values (JSONCompactEachRow): for counts and the like. */
  rows(sql: string): AsyncIterable<unknown[]>;
  /**
   * Runs a query whose select list is of `outputSql` columns of `types` (values.ts); yields its
   * rows in batches of our columns, decoded from RowBinary (row-binary-reader.ts): exact, no text.
   */
  batches(sql: string, types: readonly ScalarType[]): AsyncIterable<{ columns: Value[][]; length: number }>;
  /**
   * Inserts rows in RowBinary (row-binary.ts) into `db.table`; `structure` lists every column of
   * the table in order with its type (table.ts tableStructure).
   */
  insertRowBinary(table: string, structure: string, data: Buffer): Promise<void>;
  close(): Promise<void>;
}

export const CHDB_INSTALL_HINT = 'npm install --no-save chdb@3.4.0';

interface ChdbModule {
  Session: new (path?: string) => {
    query(sql: string, format?: string): string;
    queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
    queryStream(sql: string, opts?: { format?: string }): AsyncIterable<{ text(): string; raw(): Uint8Array }>;
    close(): void;
  };
}

async function loadChdb(): Promise<ChdbModule> {
  try {
    // A variable specifier: TypeScript and bundlers leave the optional package alone. By require()
    // (chDB is a CommonJS package), not import(): the bundle compiled from its code cache has no
    // import() (bin/load-bundle.js).
    const name = 'chdb';
    const mod = createRequire(import.meta.url)(name) as ChdbModule & { default?: ChdbModule };
    return mod.Session ? mod : mod.default!;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new UsageErrorKind(`--engine chdb / --chdb need the embedded ClickHouse engine chDB, which is not installed: run \`${CHDB_INSTALL_HINT}\` in trailhound's folder (about 540 MB), or use --clickhouse URL with a ClickHouse server`);
    }
    throw e;
  }
}

/** Whether chDB can be loaded here (tests skip, saying so, when it cannot). */
export async function chdbAvailable(): Promise<boolean> {
  try {
    await loadChdb();
    return true;
  } catch {
    return false;
  }
}

/** A session over a data folder (created when missing); tables persist there between runs. */
export async function openChdb(dir: string): Promise<ClickHouseConnection> {
  const { Session } = await loadChdb();
  const session = new Session(dir);
  let active: { drain(): Promise<void> } | undefined;
  const failure = (sql: string, e: unknown) => new UsageErrorKind(`chDB (${dir}): ${firstLine((e as Error).message)} (in: ${sql.slice(0, 200)})`);
  /** A result's bytes as chDB streams them, in `format`. */
  async function* chunks(sql: string, format: string): AsyncIterable<Uint8Array> {
    // A chDB session streams one result at a time, and any other query ends the open stream.
    // A reader that comes while another result is open (both sides of a join pushed down, a
    // union) first reads the rest of that result into memory, where its reader finds it.
    // A loop, not an if: two readers may wait on the same drain, and the first one to resume
    // opens its stream; the second must then wait for that one too (three pushed parts).
    while (active) await active.drain();
    let stream: AsyncIterator<{ raw(): Uint8Array }>;
    try {
      stream = session.queryStream(sql, { format })[Symbol.asyncIterator]();
    } catch (e) {
      throw failure(sql, e);
    }
    const buffered: Uint8Array[] = [];
    let done = false;
    let draining: Promise<void> | undefined;
    const next = async (): Promise<Uint8Array | undefined> => {
      try {
        const r = await stream.next();
        if (r.done) done = true;
        return r.done ? undefined : r.value.raw();
      } catch (e) {
        throw failure(sql, e);
      }
    };
    const me = {
      drain: () =>
        (draining ??= (async () => {
          while (!done) {
            const t = await next();
            if (t !== undefined) buffered.push(t);
          }
        })()),
    };
    active = me;
    try {
      for (;;) {
        let bytes: Uint8Array | undefined;
        if (buffered.length > 0) bytes = buffered.shift();
        else if (draining) {
          await draining;
          if (buffered.length === 0) break;
          continue;
        } else if (done) break;
        else bytes = await next();
        if (bytes === undefined) {
          if (done && buffered.length === 0 && !draining) break;
          continue;
        }
        yield bytes;
      }
    } finally {
      if (active === me) active = undefined;
      if (!done) await stream.return?.();
    }
  }
  return {
    description: `chdb:${dir}`,
    async exec(sql) {
      try {
        await session.queryAsync(sql, { format: 'Null' });
      } catch (e) {
        throw failure(sql, e);
      }
    },
    rows: (sql) => jsonRows(chunks(sql, 'JSONCompactEachRow')),
    batches: (sql, types) => rowBinaryBatches(chunks(sql, 'RowBinary'), types, BATCH_ROWS),
    async insertRowBinary(table, structure, data) {
      // chDB's insert() takes text formats only; its file() table function reads RowBinary from
      // a file, written here to a private temporary folder, removed with it once inserted (a
      // folder per batch: nothing is left behind by a process that never closes the session).
      const spool = await mkdtemp(join(tmpdir(), 'trailhound-load-'));
      const file = join(spool, 'batch.bin');
      // optimize_on_insert=0: a batch is not deduplicated on the way in (the reader already drops
      // repeated eventIDs, and every read says FINAL, which collapses copies: table.ts); measured
      // 1.5-2x faster per INSERT.
      const sql = `INSERT INTO ${table} SELECT * FROM file(${stringSql(file)}, RowBinary, ${stringSql(structure)}) SETTINGS optimize_on_insert = 0`;
      try {
        await writeFile(file, data);
        await session.queryAsync(sql, { format: 'Null' });
      } catch (e) {
        throw failure(`INSERT INTO ${table}`, e);
      } finally {
        await rm(spool, { recursive: true, force: true });
      }
    },
    async close() {
      session.close();
    },
  };
}

/** JSONCompactEachRow bytes as rows (a line, or a character, may be cut between two chunks). */
async function* jsonRows(bytes: AsyncIterable<Uint8Array>): AsyncIterable<unknown[]> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of bytes) {
    const all = rest + decoder.decode(chunk, { stream: true });
    const cut = all.lastIndexOf('\n') + 1;
    rest = all.slice(cut);
    yield* jsonLines(all.slice(0, cut));
  }
  yield* jsonLines(rest + decoder.decode());
}

function* jsonLines(text: string): Iterable<unknown[]> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end > start) yield JSON.parse(text.slice(start, end)) as unknown[];
    start = end + 1;
  }
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim() !== '') ?? s;
  return line.length > 500 ? `${line.slice(0, 500)}...` : line;
}

/** A server (or a cluster's node) at an http(s) URL; user and password may be in the URL. */
export async function openClickHouseUrl(url: string): Promise<ClickHouseConnection> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageErrorKind(`--clickhouse: not a URL: ${url} (e.g. http://localhost:8123)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageErrorKind(`--clickhouse: only http:// and https:// URLs are supported, got ${parsed.protocol}`);
  const { createClient } = await import('@clickhouse/client');
  const username = decodeURIComponent(parsed.username) || undefined;
  const password = decodeURIComponent(parsed.password) || undefined;
  parsed.username = '';
  parsed.password = '';
  const client = createClient({ url: parsed.toString(), ...(username ? { username } : {}), ...(password ? { password } : {}) });
  const description = parsed.toString();
  const failure = (sql: string, e: unknown) => new UsageErrorKind(`ClickHouse (${description}): ${firstLine((e as Error).message)} (in: ${sql.slice(0, 200)})`);
  return {
    description,
    async exec(sql) {
      try {
        await client.command({ query: sql });
      } catch (e) {
        throw failure(sql, e);
      }
    },
    async *rows(sql) {
      let result;
      try {
        result = await client.query({ query: sql, format: 'JSONCompactEachRow' });
      } catch (e) {
        throw failure(sql, e);
      }
      for await (const rows of result.stream()) {
        for (const row of rows as Array<{ json(): unknown }>) yield row.json() as unknown[];
      }
    },
    batches(sql, types) {
      const bytes = async function* (): AsyncIterable<Uint8Array> {
        let result;
        try {
          result = await client.exec({ query: `${sql} FORMAT RowBinary` });
        } catch (e) {
          throw failure(sql, e);
        }
        for await (const chunk of result.stream as AsyncIterable<Buffer>) yield chunk;
      };
      return rowBinaryBatches(bytes(), types, BATCH_ROWS);
    },
    async insertRowBinary(table, _structure, data) {
      // The body of `INSERT ... FORMAT RowBinary` (the client's insert() takes text formats only).
      try {
        const result = await client.exec({ query: `INSERT INTO ${table} FORMAT RowBinary`, values: Readable.from([data]) });
        for await (const _ of result.stream) void _;
      } catch (e) {
        throw failure(`INSERT INTO ${table}`, e);
      }
    },
    async close() {
      await client.close();
    },
  };
}
