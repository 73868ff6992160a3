/**
 * The live data files of an Apache Iceberg table's current snapshot. Security Lake (source
 * version 2) keeps each source as an Iceberg table: `<table>/metadata/NNNNN-<uuid>.metadata.json`
 * beside the Parquet data files. A data file that a later snapshot removed (compaction rewrites
 * small files into larger ones) is still in the bucket, and reading it would count its events
 * twice, so only the files the current snapshot lists are read.
 *
 * Iceberg table spec (iceberg.apache.org/spec): the newest metadata file names the
 * `current-snapshot-id`; that snapshot's `manifest-list` (an Avro file) lists manifests (Avro),
 * each listing data files with a `status` (0 existing, 1 added, 2 deleted). Live files are the
 * entries with status 0 or 1 and content 0 (data, not delete files). Avro is read with `avsc`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

type Obj = Record<string, unknown>;

export interface IcebergFiles {
  /** Local paths of the current snapshot's data files. */
  readonly live: ReadonlySet<string>;
  /** Delete files (row-level deletes) the snapshot has: not applied, so worth a warning. */
  readonly deleteFiles: number;
  readonly metadataFile: string;
}

/** `00012-<uuid>.metadata.json` (catalog tables) or `v12.metadata.json` (Hadoop tables): the version number. */
function metadataVersion(name: string): number {
  const m = /^(?:v)?(\d+)[-.]/.exec(name);
  return m ? Number(m[1]) : -1;
}

export function isMetadataFolderFile(path: string): boolean {
  return /(^|[\\/])metadata[\\/][^\\/]*$/.test(path);
}

/** The newest `*.metadata.json` in `<table>/metadata`, or `version-hint.text`'s, or null. */
export function currentMetadataFile(table: string): string | null {
  const dir = join(table, 'metadata');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const hint = names.includes('version-hint.text') ? readFileSync(join(dir, 'version-hint.text'), 'utf8') : undefined;
  const name = currentMetadataName(names, hint);
  return name === null ? null : join(dir, name);
}

/** Of the names in a `metadata/` folder, the current metadata file's (`hint`: version-hint.text's content). */
export function currentMetadataName(names: readonly string[], hint?: string): string | null {
  if (hint !== undefined && names.includes(`v${hint.trim()}.metadata.json`)) return `v${hint.trim()}.metadata.json`;
  const metas = names.filter((n) => n.endsWith('.metadata.json')).sort((a, b) => metadataVersion(a) - metadataVersion(b) || (a < b ? -1 : 1));
  return metas.length ? metas[metas.length - 1]! : null;
}

/** An s3:// (or file) location inside the table, as a path under the local table folder. */
function localPath(location: string, table: string, where: string): string {
  const norm = (s: string) => s.replace(/\/+$/, '');
  const loc = norm(location);
  if (where.startsWith(loc + '/')) return join(table, where.slice(loc.length + 1));
  // a table copied from elsewhere: keep what follows the table's last folder name
  const last = loc.slice(loc.lastIndexOf('/') + 1);
  const i = where.indexOf(`/${last}/`);
  return i >= 0 ? join(table, where.slice(i + last.length + 2)) : where;
}

/** Avro container file records (avsc; Iceberg writes them with the deflate or snappy codec). */
async function avroRecords(path: string): Promise<Obj[]> {
  const avro = (await import('avsc')).default; // a CommonJS module
  const { snappyUncompress } = await import('hyparquet');
  // given codecs replace avsc's defaults, so `null` is listed too
  const codecs = {
    null: (buf: Buffer, cb: (e: Error | null, b?: Buffer) => void) => cb(null, buf),
    deflate: (buf: Buffer, cb: (e: Error | null, b?: Buffer) => void) => {
      try {
        cb(null, inflateRawSync(buf));
      } catch (e) {
        cb(e as Error);
      }
    },
    // Avro's snappy blocks end with a 4-byte CRC-32 of the uncompressed data
    snappy: (buf: Buffer, cb: (e: Error | null, b?: Buffer) => void) => {
      try {
        const data = buf.subarray(0, buf.length - 4);
        let len = 0;
        for (let i = 0, shift = 0; i < 5; i++, shift += 7) {
          len |= (data[i]! & 0x7f) << shift;
          if (!(data[i]! & 0x80)) break;
        }
        const out = new Uint8Array(len);
        snappyUncompress(data, out);
        cb(null, Buffer.from(out));
      } catch (e) {
        cb(e as Error);
      }
    },
  };
  return new Promise((resolve, reject) => {
    const out: Obj[] = [];
    const decoder = avro.createFileDecoder(path, { codecs } as never);
    decoder.on('data', (r: Obj) => out.push(r));
    decoder.on('error', reject);
    decoder.on('end', () => resolve(out));
  });
}

/**
 * Throws with a message naming the file when the metadata cannot be read. `fetch` makes a file of
 * the table readable at its local path before it is read (a table in a bucket: s3-lake.ts copies
 * the metadata it needs into its cache, nothing else).
 */
export async function icebergLiveFiles(table: string, fetch?: (local: string) => Promise<void>): Promise<IcebergFiles | null> {
  const metadataFile = currentMetadataFile(table);
  if (metadataFile === null) return null;
  const meta = JSON.parse(readFileSync(metadataFile, 'utf8')) as Obj;
  const location = String(meta['location'] ?? '');
  const current = meta['current-snapshot-id'];
  const live = new Set<string>();
  if (current === undefined || current === null || current === -1) return { live, deleteFiles: 0, metadataFile }; // an empty table
  const snapshots = (meta['snapshots'] ?? []) as Obj[];
  const snap = snapshots.find((s) => String(s['snapshot-id']) === String(current));
  if (!snap) throw new Error(`${metadataFile}: current snapshot ${String(current)} is not among its snapshots`);
  let manifests: string[];
  if (typeof snap['manifest-list'] === 'string') {
    const listFile = localPath(location, table, snap['manifest-list']);
    await fetch?.(listFile);
    const list = await avroRecords(listFile);
    manifests = list.map((m) => String(m['manifest_path']));
  } else {
    manifests = ((snap['manifests'] ?? []) as string[]).map(String); // format v1
  }
  let deleteFiles = 0;
  for (const m of manifests) {
    const manifest = localPath(location, table, m);
    await fetch?.(manifest);
    for (const entry of await avroRecords(manifest)) {
      const status = Number(entry['status']);
      const file = entry['data_file'] as Obj | undefined;
      if (!file || status === 2) continue;
      if (Number(file['content'] ?? 0) !== 0) {
        deleteFiles++;
        continue;
      }
      live.add(localPath(location, table, String(file['file_path'])));
    }
  }
  return { live, deleteFiles, metadataFile };
}
