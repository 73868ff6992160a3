/**
 * Query results in ClickHouse's RowBinary format (clickhouse.com/docs/interfaces/formats/RowBinary),
 * decoded straight into our columns: no JSON text built on ClickHouse's side or parsed on ours.
 * The select list says each column's exact type (values.ts `outputSql`), so the bytes need no
 * header:
 *
 *   string    String             LEB128 length, then the UTF-8 bytes
 *   datetime  Nullable(Int64)    the Int64 behind DateTime64(7): 100 ns ticks since 1970 (ours count from year 1)
 *   long      Nullable(Int64)    little-endian, all 64 bits (beyond 2^53 too: a bigint)
 *   int       Nullable(Int32)
 *   bool      Nullable(Bool)     one byte
 *
 * A Nullable value is one byte first, 1 for null (then nothing) or 0 (then the value). Rows may be
 * cut anywhere between two chunks of the stream: the cut row waits for the next chunk.
 */
import { UnsupportedError } from '../kql/errors.ts';
import { UNIX_EPOCH_TICKS, type ScalarType, type Value } from '../kql/types.ts';

const EMPTY = Buffer.alloc(0);

export class RowBinaryReader {
  #pending: Buffer = EMPTY;

  constructor(readonly types: readonly ScalarType[]) {
    for (const t of types) if (t !== 'string' && t !== 'datetime' && t !== 'long' && t !== 'int' && t !== 'bool') throw new UnsupportedError(`a ${t} result from ClickHouse`);
  }

  /** Appends every complete row of what has arrived so far to `columns` (one array per type); returns how many. */
  push(chunk: Uint8Array, columns: Value[][]): number {
    const buf = this.#pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.#pending, chunk]);
    const types = this.types;
    const n = types.length;
    const row: Value[] = new Array<Value>(n);
    const len = buf.length;
    let pos = 0;
    let rows = 0;
    outer: while (pos < len) {
      let p = pos;
      for (let c = 0; c < n; c++) {
        const t = types[c]!;
        if (t === 'string') {
          // LEB128 length
          let size = 0;
          let shift = 0;
          for (;;) {
            if (p >= len) break outer;
            const b = buf[p++]!;
            size += (b & 0x7f) * 2 ** shift;
            if (b < 0x80) break;
            shift += 7;
            if (shift > 63) throw new Error('ClickHouse RowBinary: a string length longer than 64 bits');
          }
          if (p + size > len) break outer;
          row[c] = buf.toString('utf8', p, p + size);
          p += size;
          continue;
        }
        if (p >= len) break outer;
        if (buf[p++] === 1) {
          row[c] = null;
          continue;
        }
        switch (t) {
          case 'datetime':
            if (p + 8 > len) break outer;
            row[c] = buf.readBigInt64LE(p) + UNIX_EPOCH_TICKS;
            p += 8;
            break;
          case 'long':
            if (p + 8 > len) break outer;
            row[c] = buf.readBigInt64LE(p);
            p += 8;
            break;
          case 'int':
            if (p + 4 > len) break outer;
            row[c] = buf.readInt32LE(p);
            p += 4;
            break;
          default:
            if (p + 1 > len) break outer;
            row[c] = buf[p++] !== 0;
        }
      }
      for (let c = 0; c < n; c++) columns[c]!.push(row[c]!);
      rows++;
      pos = p;
    }
    // A cut row: kept (copied: the chunk's memory may be reused) until the next chunk completes it.
    this.#pending = pos === len ? EMPTY : Buffer.from(buf.subarray(pos));
    return rows;
  }

  /** At the end of the stream: a row left cut means the result was cut. */
  end(): void {
    if (this.#pending.length > 0) throw new Error(`ClickHouse RowBinary: the result ends in the middle of a row (${this.#pending.length} bytes left)`);
  }
}

/** Decodes a RowBinary byte stream into batches of columns (about `batchRows` rows each). */
export async function* rowBinaryBatches(bytes: AsyncIterable<Uint8Array>, types: readonly ScalarType[], batchRows: number): AsyncIterable<{ columns: Value[][]; length: number }> {
  const reader = new RowBinaryReader(types);
  let columns: Value[][] = types.map(() => []);
  let length = 0;
  for await (const chunk of bytes) {
    length += reader.push(chunk, columns);
    if (length >= batchRows) {
      yield { columns, length };
      columns = types.map(() => []);
      length = 0;
    }
  }
  reader.end();
  if (length > 0) yield { columns, length };
}
