/**
 * One Parquet row group read with our page decoder (parquet-pages.ts): each leaf column chunk is
 * read and decoded once, when first asked for (for the rows a check kept alone when they are few:
 * parquet-sparse.ts; or only as the keys of its dictionary entries: parquet-keys.ts); rows are
 * built from the decoded leaves only when the caller asks for them, so a row a check ruled out
 * never has its other values converted.
 *
 * Rows hold what hyparquet's object reader gives for the same columns, as far as the OCSF mapping
 * can tell: a leaf under optional structs is a nested object holding its value (no object for a
 * null leaf), a LIST column is an array of its elements (null elements kept as null, a null list
 * left out, an empty list []), a MAP column an object of its keys (a null value as null). Lists
 * and maps are assembled from the levels of a leaf under one repeated field, iteratively; deeper
 * repetition is a ParquetUnsupportedError (the caller falls back to hyparquet).
 */
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { decodeChunk, PageScratch, ParquetUnsupportedError, type DecodedLeaf, type LeafType, type PageLimits } from './parquet-pages.ts';
import { addChunkKeys } from './parquet-keys.ts';
import { decodeSparse, sparseFor } from './parquet-sparse.ts';
import { ParquetLimitError } from './parquet-thrift.ts';
import type { LeafColumn } from './parquet-guard.ts';
import { setPath } from './parquet-ocsf.ts';

type Obj = Record<string, unknown>;

export class RowGroupReader {
  readonly rows: number;
  private readonly decoded = new Map<string, DecodedLeaf>();
  /** level entries this row group may still decode, over all its chunks */
  private readonly budget: { left: number };
  private readonly chunks = new Map<string, NonNullable<FileMetaData['row_groups'][number]['columns'][number]['meta_data']>>();

  constructor(
    private readonly file: AsyncBuffer,
    metadata: FileMetaData,
    private readonly leaves: ReadonlyMap<string, LeafColumn>,
    g: number,
    private readonly limits: PageLimits,
  ) {
    const rg = metadata.row_groups[g]!;
    const rows = Number(rg.num_rows);
    if (!Number.isSafeInteger(rows) || rows < 0) throw new ParquetLimitError(`row count ${String(rg.num_rows)} is invalid`);
    if (rows > limits.chunkValues) throw new ParquetLimitError(`row count ${rows} is over the limit of ${limits.chunkValues} rows per row group`);
    this.rows = rows;
    this.budget = { left: limits.rowGroupValues };
    for (const c of rg.columns) if (c.meta_data) this.chunks.set(c.meta_data.path_in_schema.join('.'), c.meta_data);
    this.dataEnd = file.byteLength - 8 - metadata.metadata_length;
  }

  private readonly dataEnd: number;
  /** the sparse decoder's page buffer, shared by the group's chunks */
  private readonly scratch = new PageScratch();

  /**
   * The decoded chunk of leaf `path` (read and decoded on first use). With `keep` (ascending rows
   * of the group), only those rows are asked for: pages without one are not decoded, and when they
   * are few only their entries are (parquet-sparse.ts). A chunk decoded whole serves any rows.
   */
  async leaf(path: string, keep?: readonly number[]): Promise<DecodedLeaf> {
    const done = this.decoded.get(path);
    if (done && (done.rowsHeld === null || done.rowsHeld === keep)) return done;
    const { bytes, codec, type } = await this.chunk(path);
    const decoded = keep && sparseFor(keep.length, this.rows)
      ? decodeSparse(bytes, path, codec, type, this.rows, this.limits, keep, this.budgetFor(path), this.scratch)
      : decodeChunk(bytes, path, codec, type, this.rows, this.limits, keep, this.budgetFor(path));
    this.decoded.set(path, decoded);
    return decoded;
  }

  /**
   * Every row's mixed-radix key of the dictionary entries of leaves `paths` (under no repeated
   * field), equal for two rows whose leaves hold the same entries (parquet-keys.ts); null when a
   * leaf is not wholly dictionary-encoded or the keys would not stay exact integers.
   */
  async keys(paths: readonly string[]): Promise<Float64Array | null> {
    const out = new Float64Array(this.rows);
    let radix: number | null = 1;
    for (const path of paths) {
      const { bytes, codec, type } = await this.chunk(path, true);
      radix = addChunkKeys(bytes, path, codec, type, this.rows, this.limits, out, radix, this.budgetFor(path), this.scratch);
      if (radix === null) return null;
    }
    return out;
  }

  /**
   * Leaf `path`'s column chunk: its bytes (checked to lie in the file's data), codec and type.
   * `keepRead`: the chunk is kept for the next asks (the first pass's leaves, read again for the
   * rows it kept); other chunks are read when asked, so a group's chunks are not all held at once.
   */
  private async chunk(path: string, keepRead = false): Promise<{ bytes: Uint8Array; codec: string; type: LeafType }> {
    let read = this.read.get(path);
    if (!read) {
      read = this.readChunk(path);
      if (keepRead) this.read.set(path, read);
    }
    return read;
  }

  private readonly read = new Map<string, Promise<{ bytes: Uint8Array; codec: string; type: LeafType }>>();

  /**
   * The row group's value budget, for the first walk of a chunk only: a checked leaf is walked
   * again (its keys, the rows deciding the verdicts, the rows kept), each walk bounded by the
   * first, and counting it three times would refuse row groups the whole decoder reads.
   */
  private budgetFor(path: string): { left: number } | undefined {
    if (this.charged.has(path)) return undefined;
    this.charged.add(path);
    return this.budget;
  }

  private readonly charged = new Set<string>();

  private async readChunk(path: string): Promise<{ bytes: Uint8Array; codec: string; type: LeafType }> {
    const meta = this.chunks.get(path);
    const leaf = this.leaves.get(path);
    if (!meta || !leaf) throw new ParquetLimitError(`column ${path} has no column chunk in this row group`);
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    const length = Number(meta.total_compressed_size);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || start < 4 || length < 0 || start + length > this.dataEnd) {
      throw new ParquetLimitError(`column chunk ${path} claims bytes ${start}..${start + length}, outside the file's data (4..${this.dataEnd})`);
    }
    const bytes = new Uint8Array(await this.file.slice(start, start + length));
    if (bytes.length !== length) throw new ParquetLimitError(`column chunk ${path}: read ${bytes.length} of ${length} bytes`);
    const element = leaf.elements[leaf.elements.length - 1]!;
    return { bytes, codec: meta.codec, type: { element, maxDef: leaf.maxDef, maxRep: leaf.maxRep } };
  }

  /**
   * A builder of top-level column `top` (a LIST or MAP under which the given leaves lie) for one
   * row: its value, or undefined when it is null.
   */
  async nested(top: string, paths: readonly string[], keep?: readonly number[]): Promise<(row: number) => unknown> {
    const infos = paths.map((p) => ({ path: p, info: this.leaves.get(p)! }));
    const first = infos[0]?.info;
    if (!first) return () => undefined;
    const topEl = first.elements[0]!;
    const ctype = topEl.converted_type;
    const repeated = first.elements[1];
    if ((ctype !== 'LIST' && ctype !== 'MAP') || topEl.repetition_type === 'REPEATED' || repeated?.repetition_type !== 'REPEATED') {
      throw new ParquetUnsupportedError(`column ${top} is not a LIST or MAP of one repeated field`);
    }
    for (const { path, info } of infos) {
      if (info.maxRep !== 1) throw new ParquetUnsupportedError(`column ${path} is repeated ${info.maxRep} levels deep`);
    }
    // definition levels: the top present, then an element present (the repeated field defined)
    const defTop = topEl.repetition_type === 'OPTIONAL' ? 1 : 0;
    const defElem = defTop + 1;
    const decoded = await Promise.all(infos.map(async ({ path, info }) => ({ path, info, leaf: await this.leaf(path, keep) })));
    // each leaf numbers its own entries: leaves skip different pages, or hold the kept rows alone
    const structure = decoded[0]!.leaf;
    const levelAt = (leaf: DecodedLeaf, e: number) => (leaf.def ? leaf.def[e]! : leaf.maxDef);
    /** the first entry of `row` in leaf k, checked to hold as many entries as the first leaf */
    const entryOf = (k: number, row: number): number => {
      const leaf = decoded[k]!.leaf;
      const from = leaf.rowStart(row);
      const span = leaf.rowEnd(row) - from;
      const want = structure.rowEnd(row) - structure.rowStart(row);
      if (span !== want) throw new ParquetLimitError(`row ${row}: column ${decoded[k]!.path} holds ${span} values where ${decoded[0]!.path} holds ${want}`);
      return from;
    };
    // every leaf's length of every row asked for is checked here, where a mismatch fails the row
    // group (read-file.ts): the builder runs later, row by row, past that error handling
    for (let k = 1; k < decoded.length; k++) {
      if (keep) for (const row of keep) entryOf(k, row);
      else for (let row = 0; row < this.rows; row++) entryOf(k, row);
    }
    if (ctype === 'MAP') {
      const ki = decoded.findIndex((d) => d.info.elements.length === 3 && d.info.elements[2]!.name === 'key');
      const vi = decoded.findIndex((d) => d.info.elements.length === 3 && d.info.elements[2]!.name === 'value');
      if (ki < 0 || vi < 0 || repeated.num_children !== 2) throw new ParquetUnsupportedError(`MAP column ${top} is not a map of keys to values`);
      const key = decoded[ki]!.leaf;
      const value = decoded[vi]!.leaf;
      return (row) => {
        const from = structure.rowStart(row);
        const to = structure.rowEnd(row);
        if (levelAt(structure, from) < defElem) return levelAt(structure, from) < defTop ? undefined : {};
        const k0 = entryOf(ki, row);
        const v0 = entryOf(vi, row);
        const o: Obj = {};
        for (let j = 0; j < to - from; j++) {
          const v = value.value(v0 + j);
          o[String(key.value(k0 + j))] = v === undefined ? null : v;
        }
        return o;
      };
    }
    // LIST: the repeated field's one child is the element; with several children it is the element
    const elemDepth = repeated.num_children === 1 ? 2 : 1;
    const elemEl = first.elements[elemDepth]!;
    const leafElement = !elemEl.num_children;
    const elemDef = defElem + (elemDepth === 2 && elemEl.repetition_type === 'OPTIONAL' ? 1 : 0);
    const parts = decoded.map((d, k) => ({ k, leaf: d.leaf, keys: d.info.elements.slice(elemDepth + 1).map((x) => x.name) }));
    return (row) => {
      const from = structure.rowStart(row);
      const to = structure.rowEnd(row);
      if (levelAt(structure, from) < defElem) return levelAt(structure, from) < defTop ? undefined : [];
      const firsts = parts.map((p) => entryOf(p.k, row));
      const out: unknown[] = [];
      for (let j = 0; j < to - from; j++) {
        if (leafElement) {
          const v = structure.value(from + j);
          out.push(v === undefined ? null : v);
          continue;
        }
        if (levelAt(structure, from + j) < elemDef) {
          out.push(null);
          continue;
        }
        const o: Obj = {};
        for (const { k, leaf, keys } of parts) {
          const v = leaf.value(firsts[k]! + j);
          if (v !== undefined) setPath(o, keys, v);
        }
        out.push(o);
      }
      return out;
    };
  }
}
