/**
 * Rows in ClickHouse's RowBinary format (clickhouse.com/docs/interfaces/formats/RowBinary), the
 * form `load` sends them in: no text to format on our side or to parse on ClickHouse's, and every
 * value exact by construction.
 *
 *   String               LEB128 length, then the UTF-8 bytes
 *   Nullable(T)          one byte, 1 for null (then nothing) or 0 (then T)
 *   DateTime64(7, 'UTC') Int64 little-endian: 100 ns ticks since 1970 (ours count from year 1)
 *   Bool                 one byte, 0 or 1
 *   Int64 / Int32        little-endian
 *
 * Strings must be well-formed UTF-16 (values.ts `unstorable` refuses lone surrogates first), so
 * their UTF-8 form is exact.
 */
import { UnsupportedError } from '../kql/errors.ts';
import { UNIX_EPOCH_TICKS, type ScalarType, type Value } from '../kql/types.ts';

/** A growing buffer of RowBinary values; `take` hands the bytes written so far over and starts again. */
export class RowBinaryWriter {
  #buf: Buffer;
  #pos = 0;

  constructor(initialBytes = 1 << 20) {
    this.#buf = Buffer.allocUnsafe(initialBytes);
  }

  get length(): number {
    return this.#pos;
  }

  /** The bytes written, as a Buffer of their own; the writer starts empty on a new buffer. */
  take(): Buffer {
    const out = this.#buf.subarray(0, this.#pos);
    this.#buf = Buffer.allocUnsafe(Math.max(this.#buf.length, 1 << 20));
    this.#pos = 0;
    return out;
  }

  #room(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#pos + n));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** A value of our type in the column's ClickHouse type (values.ts clickHouseType). */
  value(type: ScalarType, nullable: boolean, v: Value): void {
    if (type === 'string') {
      this.string(v as string);
      return;
    }
    if (nullable) {
      this.#room(1);
      this.#buf[this.#pos++] = v === null ? 1 : 0;
      if (v === null) return;
    } else if (v === null) {
      throw new UnsupportedError(`a null ${type} in a ClickHouse column that is not Nullable`);
    }
    switch (type) {
      case 'datetime':
        this.#room(8);
        this.#pos = this.#buf.writeBigInt64LE((v as bigint) - UNIX_EPOCH_TICKS, this.#pos);
        return;
      case 'long':
        this.#room(8);
        this.#pos = this.#buf.writeBigInt64LE(v as bigint, this.#pos);
        return;
      case 'int':
        this.#room(4);
        this.#pos = this.#buf.writeInt32LE(v as number, this.#pos);
        return;
      case 'bool':
        this.#room(1);
        this.#buf[this.#pos++] = v ? 1 : 0;
        return;
      default:
        throw new UnsupportedError(`a ${type} value in a ClickHouse table`);
    }
  }

  string(s: string): void {
    const n = s.length;
    // Most strings are short ASCII: copied byte by byte, with no native call.
    if (n < 128) {
      this.#room(1 + n);
      const buf = this.#buf;
      let p = this.#pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p++] = c;
      }
      if (i === n) {
        buf[this.#pos] = n;
        this.#pos = p;
        return;
      }
    }
    const bytes = Buffer.byteLength(s, 'utf8');
    this.#room(10 + bytes);
    let len = bytes;
    while (len >= 0x80) {
      this.#buf[this.#pos++] = (len & 0x7f) | 0x80;
      len = Math.floor(len / 128);
    }
    this.#buf[this.#pos++] = len;
    this.#pos += this.#buf.write(s, this.#pos, bytes, 'utf8');
  }
}
