/**
 * Each row's dictionary key of a column chunk (its dictionary index + 1, 0 for a null), added
 * into a mixed-radix key of several leaves straight from the pages' runs (parquet-hybrid.ts):
 * a run of present values with a run of one index fills its rows' keys in one loop, and no
 * level, index or value array is made. The first pass of a filtered lake read (parquet-ocsf.ts,
 * rowsPassing) needs no more: rows of one key get one verdict, decided on one row of each key.
 *
 * Only for a chunk whose data pages are all dictionary-encoded (a writer falls back to PLAIN when
 * a dictionary grows too large): null otherwise, before anything is added. Malformed data is a
 * ParquetLimitError naming the column and page, as in the decoders.
 */
import { HybridCursor } from './parquet-hybrid.ts';
import { bitWidth, chunkPages, pageData, PLAIN_DICTIONARY, RLE_DICTIONARY, type LeafType, type PageLimits, type PageScratch } from './parquet-pages.ts';
import { count, ParquetLimitError, type ThriftStruct } from './parquet-thrift.ts';

/**
 * Adds key(row) * `radix` into out[row] for every row of a chunk of a leaf under no repeated
 * field; returns the radix for the next leaf (radix * (dictionary size + 1)), or null when the
 * chunk has a page that is not dictionary-encoded or the radix would pass 2^52 (keys stop being
 * exact): then `out` is untouched.
 */
export function addChunkKeys(
  bytes: Uint8Array,
  name: string,
  codec: string,
  leaf: LeafType,
  rows: number,
  limits: PageLimits,
  out: Float64Array,
  radix: number,
  budget: { left: number } | undefined,
  scratch: PageScratch,
): number | null {
  const { maxDef, maxRep } = leaf;
  if (maxRep !== 0) return null;
  const { pages } = chunkPages(bytes, name, leaf, rows, limits, undefined, budget);
  let size = -1;
  for (const page of pages) {
    const type = page.h[1];
    if (type === 2) {
      // the size alone (the values are not needed), bounded as readDictionary bounds it
      size = count(page.h[7] as ThriftStruct | undefined, 1, `${page.where}: dictionary size`, Math.min(page.size * 8, limits.chunkValues));
    } else if (type === 0 || type === 3) {
      const enc = (page.h[type === 3 ? 8 : 5] as ThriftStruct)[type === 3 ? 4 : 2];
      if ((enc !== PLAIN_DICTIONARY && enc !== RLE_DICTIONARY) || size < 0) return null;
    }
  }
  if (size < 0 || radix * (size + 1) > 2 ** 52) return null;
  let row = 0;
  let scratchLevels = new Uint8Array(0);
  for (const page of pages) {
    const type = page.h[1];
    if (type !== 0 && type !== 3) continue;
    const { where, n } = page;
    const d = pageData(page, codec, leaf, limits, scratch);
    const defC = d.def ? new HybridCursor(d.def.bytes, d.def.at, d.def.end, bitWidth(maxDef), n, maxDef, `${where}: definition levels`, (v) => `definition level ${v} is over the column's maximum ${maxDef}`) : null;
    let idx: HybridCursor | null = null;
    const indices = (): HybridCursor => {
      if (idx) return idx;
      if (d.at >= d.values.length) throw new ParquetLimitError(`${where}: dictionary indices missing`);
      return (idx = new HybridCursor(d.values, d.at + 1, d.values.length, d.values[d.at]!, n, size - 1, `${where}: dictionary indices`, (v) => `dictionary index ${v} is out of range (the dictionary holds ${size} values)`));
    };
    const end = row + n;
    if (!defC) {
      if (n > 0) indices().addTo(out, row, n, radix);
      row = end;
      continue;
    }
    while (row < end) {
      const t = Math.min(defC.runLeft(), end - row);
      const level = defC.runConstant();
      if (level >= 0) {
        // a run of one level: all present, or all null (key part 0: nothing to add)
        defC.skip(t);
        if (level === maxDef) indices().addTo(out, row, t, radix);
        row += t;
      } else {
        // bit-packed levels: each stretch of present rows gets its indices in one call
        const levels = (scratchLevels = scratchLevels.length >= t ? scratchLevels : new Uint8Array(t));
        defC.levelsInto(levels, t);
        let stretch = -1;
        for (let i = 0; i < t; i++) {
          if (levels[i] === maxDef) {
            if (stretch < 0) stretch = i;
          } else if (stretch >= 0) {
            indices().addTo(out, row + stretch, i - stretch, radix);
            stretch = -1;
          }
        }
        if (stretch >= 0) indices().addTo(out, row + stretch, t - stretch, radix);
        row += t;
      }
    }
  }
  return radix * (size + 1);
}
