/**
 * A column chunk decoded for a few rows only: the rows a pushed-down check kept (the seed rule
 * keeps ~1% of a lake file, spread over every page). The full decoder (parquet-pages.ts,
 * decodeChunk) expands every definition and repetition level and every dictionary index of a page
 * into arrays before one value is read; here the page's level and index streams are walked run by
 * run (parquet-hybrid.ts): a run of present values or of one row's entries is passed in O(1),
 * a bit-packed run is counted without writing anything, and an index is decoded only for a kept
 * row's value. What is held is the kept rows' entries alone, numbered from 0 in row order, with
 * their levels (for the LIST and MAP builder, parquet-rows.ts) and their values.
 *
 * The values are the full decoder's: the same page sections (pageData), the same dictionary and
 * conversions, the same rows (row numbers come from the page headers of skipped pages and from
 * the repetition levels of the pages read, checked against the row group's count). A value in a
 * row not kept is not looked at: its page's framing is checked (every run header up to the last
 * kept row, every level to the page's end), not its dictionary index.
 */
import { HybridCursor } from './parquet-hybrid.ts';
import {
  bitWidth,
  booleanRuns,
  chunkPages,
  converterFor,
  encodingName,
  pageData,
  plainValues,
  readDictionary,
  wantedOf,
  ParquetUnsupportedError,
  PLAIN,
  PLAIN_DICTIONARY,
  RLE,
  RLE_DICTIONARY,
  type DecodedLeaf,
  PageScratch,
  type LeafType,
  type PageLimits,
} from './parquet-pages.ts';
import { ParquetLimitError } from './parquet-thrift.ts';

/**
 * Whether `kept` rows of `rows` are read by the sparse decoder: run by run, a value at a time for
 * the rows kept. Past an eighth of the rows the full decoder's tight loops over whole pages win.
 */
export function sparseFor(kept: number, rows: number): boolean {
  return kept * SPARSE_SHARE <= rows;
}
const SPARSE_SHARE = 8;

/** The kept rows' entries: levels and where each value is (grown as rows of a repeated leaf come). */
class Entries {
  length = 0;
  def: Uint8Array;
  rep: Uint8Array;
  /** a dictionary index (>= 0), -1 for null, or -2 - i for plain[i] */
  refs: Int32Array;
  readonly plain: unknown[] = [];

  constructor(capacity: number) {
    this.def = new Uint8Array(capacity);
    this.rep = new Uint8Array(capacity);
    this.refs = new Int32Array(capacity);
  }

  push(rep: number, def: number, ref: number): void {
    if (this.length === this.refs.length) {
      const grown = Math.max(16, this.length * 2);
      const d = new Uint8Array(grown);
      d.set(this.def);
      this.def = d;
      const r = new Uint8Array(grown);
      r.set(this.rep);
      this.rep = r;
      const f = new Int32Array(grown);
      f.set(this.refs);
      this.refs = f;
    }
    this.def[this.length] = def;
    this.rep[this.length] = rep;
    this.refs[this.length++] = ref;
  }
}

/**
 * Chunk `bytes` decoded for rows `keep` (ascending, each below `rows`) alone. Errors are those of
 * decodeChunk: a ParquetLimitError for malformed data (naming the column and page), a
 * ParquetUnsupportedError for an encoding, codec or type this decoder does not read.
 */
export function decodeSparse(
  bytes: Uint8Array,
  name: string,
  codec: string,
  leaf: LeafType,
  rows: number,
  limits: PageLimits,
  keep: readonly number[],
  budget?: { left: number },
  scratch: PageScratch = new PageScratch(),
): DecodedLeaf {
  const { element, maxDef, maxRep } = leaf;
  const convert = converterFor(element);
  const kept = keep.length;
  for (let k = 0; k < kept; k++) {
    if (!(keep[k]! >= 0 && keep[k]! < rows && (k === 0 || keep[k]! > keep[k - 1]!))) throw new Error(`column ${name}: the rows to decode are not ascending rows of the row group`);
  }
  const { pages } = chunkPages(bytes, name, leaf, rows, limits, wantedOf(keep), budget);
  const starts = new Int32Array(kept + 1);
  const out = new Entries(maxRep ? kept * 2 : kept);
  let dictionary: unknown[] = [];
  /** the next kept row to find */
  let j = 0;
  /** rows started before the current entry */
  let rowsBefore = 0;
  /** the last row started is kept and its entries may go on (a repeated leaf's row spans entries, and v1 pages) */
  let open = false;
  let first = true;
  const defWidth = bitWidth(maxDef);
  const repWidth = bitWidth(maxRep);
  for (const page of pages) {
    const { where, h, n } = page;
    const type = h[1];
    if (type === 2) {
      dictionary = readDictionary(page, codec, element, convert, limits, scratch);
      continue;
    }
    if (type === 1) continue; // INDEX_PAGE: nothing to read
    if (page.skip) {
      // no kept row in it (its row count is known: a flat leaf or a v2 page, which starts a row)
      rowsBefore += page.rows;
      open = false;
      first = false;
      continue;
    }
    // the page's bytes are not kept: its values read are converted (valuesOf)
    const d = pageData(page, codec, leaf, limits, scratch);
    const defC = d.def ? new HybridCursor(d.def.bytes, d.def.at, d.def.end, defWidth, n, maxDef, `${where}: definition levels`, (v) => `definition level ${v} is over the column's maximum ${maxDef}`) : null;
    const repC = d.rep ? new HybridCursor(d.rep.bytes, d.rep.at, d.rep.end, repWidth, n, maxRep, `${where}: repetition levels`, (v) => `repetition level ${v} is over the column's maximum ${maxRep}`) : null;
    if (repC && first && n > 0 && repC.peek() !== 0) throw new ParquetLimitError(`${where}: the first value does not start a row`);
    if (n > 0) first = false;
    const valueRef = valuesOf(d.values, d.at, d.encoding, n, element.type, dictionary.length, where, () => {
      // the page's values, for a PLAIN or boolean page (their accessors need how many there are)
      if (!d.def) return n;
      return new HybridCursor(d.def.bytes, d.def.at, d.def.end, defWidth, n, maxDef, `${where}: definition levels`, (v) => `definition level ${v} is over the column's maximum ${maxDef}`).count(maxDef, n);
    }, element, convert, out.plain);
    /** entries of the page passed */
    let pos = 0;
    /** values (entries at the maximum definition level) before pos */
    let ord = 0;
    const take = () => {
      const r = repC ? repC.next() : 0;
      const dl = defC ? defC.next() : maxDef;
      out.push(r, dl, dl === maxDef ? valueRef(ord++) : -1);
      pos++;
    };
    const pass = (k: number) => {
      ord += defC ? defC.count(maxDef, k) : k;
      pos += k;
    };
    if (!repC) {
      // a flat leaf: entry e of the page is row rowsBefore + e
      while (j < kept && keep[j]! < rowsBefore + n) {
        pass(keep[j]! - rowsBefore - pos);
        starts[j++] = out.length;
        take();
      }
      if (defC) defC.count(maxDef, n - pos);
      rowsBefore += n;
      continue;
    }
    // a leaf under a repeated field: a row starts at each repetition level 0
    const rowsAtStart = rowsBefore;
    while (pos < n) {
      if (open) {
        while (pos < n && repC.peek() !== 0) take();
        if (pos === n) break;
        open = false;
      }
      if (j === kept) {
        // the rest of the page: its rows counted, its levels checked
        const rest = n - pos;
        rowsBefore += repC.count(0, rest);
        pass(rest);
        break;
      }
      const need = keep[j]! - rowsBefore + 1;
      const s = repC.seek(0, need);
      if (s < 0) {
        // the page ends first: the rows it started are passed
        rowsBefore += -1 - s;
        pass(n - pos);
        break;
      }
      rowsBefore += need - 1;
      pass(s);
      starts[j++] = out.length;
      rowsBefore++;
      take();
      open = true;
    }
    if (h[1] === 3 && rowsBefore - rowsAtStart !== page.rows) {
      throw new ParquetLimitError(`${where}: ${rowsBefore - rowsAtStart} rows where the page header says ${page.rows}`);
    }
  }
  if (rowsBefore !== rows) throw new ParquetLimitError(`column ${name} holds ${rowsBefore} rows where the row group claims ${rows}`);
  if (j < kept) throw new ParquetLimitError(`column ${name} holds no row ${keep[j]}`);
  starts[kept] = out.length;
  const { refs, plain } = out;
  const dict = dictionary;
  let at = 0;
  /** the index of row r among the kept rows (asked in order, mostly) */
  const slot = (r: number): number => {
    if (keep[at] === r) return at;
    if (keep[at + 1] === r) return ++at;
    let lo = 0;
    let hi = kept - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keep[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    if (keep[lo] !== r) throw new Error(`column ${name}: row ${r} was not decoded`);
    at = lo;
    return lo;
  };
  return {
    entries: out.length,
    maxDef,
    maxRep,
    def: maxDef ? out.def.subarray(0, out.length) : null,
    rep: maxRep ? out.rep.subarray(0, out.length) : null,
    dictionary: dict,
    rowsHeld: keep,
    rowStart: (r) => starts[slot(r)]!,
    rowEnd: (r) => starts[slot(r) + 1]!,
    value(e) {
      const ref = refs[e]!;
      if (ref >= 0) return dict[ref];
      return ref === -1 ? undefined : plain[-2 - ref];
    },
    key(e) {
      const ref = refs[e]!;
      return ref >= 0 ? ref + 1 : ref === -1 ? 0 : -1;
    },
  };
}

/**
 * The reference of a page's value `ord` (asked in ascending order): its dictionary index, or -2 - i
 * for the value converted into plain[i].
 */
function valuesOf(
  data: Uint8Array,
  p: number,
  encoding: unknown,
  n: number,
  type: string | undefined,
  dictionarySize: number,
  where: string,
  present: () => number,
  element: LeafType['element'],
  convert: (raw: unknown) => unknown,
  plain: unknown[],
): (ord: number) => number {
  const converted = (v: unknown): number => {
    plain.push(v);
    return -1 - plain.length;
  };
  if (encoding === PLAIN_DICTIONARY || encoding === RLE_DICTIONARY) {
    let idx: HybridCursor | null = null;
    let next = 0;
    return (ord) => {
      if (!idx) {
        if (p >= data.length) throw new ParquetLimitError(`${where}: dictionary indices missing`);
        // at most n values (entries); a run is cut there, and only the indices read must be in the data
        idx = new HybridCursor(data, p + 1, data.length, data[p]!, n, dictionarySize - 1, `${where}: dictionary indices`, (v) => `dictionary index ${v} is out of range (the dictionary holds ${dictionarySize} values)`);
      }
      idx.skip(ord - next);
      next = ord + 1;
      return idx.next();
    };
  }
  if (encoding === PLAIN) {
    let get: ((i: number) => unknown) | null = null;
    return (ord) => converted((get ??= plainValues(data, p, data.length, present(), element, convert, where))(ord));
  }
  if (encoding === RLE && type === 'BOOLEAN') {
    let bits: HybridCursor | null = null;
    let next = 0;
    return (ord) => {
      if (!bits) {
        const { start, stop } = booleanRuns(data, p, where);
        bits = new HybridCursor(data, start, stop, 1, present(), 1, `${where}: boolean values`, (v) => `boolean value ${v}`);
      }
      bits.skip(ord - next);
      next = ord + 1;
      return converted(convert(bits.next() === 1));
    };
  }
  throw new ParquetUnsupportedError(`${where}: encoding ${encodingName(encoding)} is not supported`);
}
