/**
 * The lazy reader of the RLE/bit-packed hybrid (parquet-hybrid.ts) against the values the stream
 * was built from: streams written here from the specification (parquet-craft.ts,
 * parquet.apache.org/docs/file-format/data-pages/encodings), mixing runs of one value and
 * bit-packed groups at every bit width from 0 to 32, read with every operation the sparse decoder
 * uses (skip, next, peek, count, seek) in random order, so that operations start, stop and cross
 * in the middle of runs and of bit-packed groups. Malformed streams fail with a message naming
 * where; a stream of runs claiming 2^41 values is walked run by run (a value-by-value walk would
 * take hours).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HybridCursor } from '../../src/cloudtrail/parquet-hybrid.ts';
import { ParquetLimitError } from '../../src/cloudtrail/parquet-thrift.ts';
import { rng } from './rng.ts';
import { hybrid, varint, type HybridRun } from './parquet-craft.ts';

/** Random runs holding `values`: runs of one value, and bit-packed runs (whole groups of 8 but the last). */
function randomStream(r: () => number, width: number): { values: number[]; runs: HybridRun[] } {
  const top = width === 0 ? 0 : 2 ** width - 1;
  // few distinct values, so runs and counts of one value are common; the top value too
  const pool = Array.from({ length: 4 }, () => Math.floor(r() * (top + 1)));
  pool.push(top);
  const pick = () => pool[Math.floor(r() * pool.length)]!;
  const values: number[] = [];
  const runs: HybridRun[] = [];
  const count = 1 + Math.floor(r() * 12);
  for (let k = 0; k < count; k++) {
    const last = k === count - 1;
    if (r() < 0.5) {
      const v = pick();
      const n = 1 + Math.floor(r() * (r() < 0.2 ? 200 : 20));
      runs.push({ rle: v, count: n });
      for (let i = 0; i < n; i++) values.push(v);
    } else {
      const n = last ? 1 + Math.floor(r() * 30) : 8 * (1 + Math.floor(r() * 5));
      const packed = Array.from({ length: n }, pick);
      runs.push({ packed });
      values.push(...packed);
    }
  }
  return { values, runs };
}

const cursor = (bytes: number[], width: number, n: number, max = width === 32 ? 2 ** 32 - 1 : 2 ** width - 1) =>
  new HybridCursor(new Uint8Array(bytes), 0, bytes.length, width, n, max, 'column c, page 3: levels', (v) => `value ${v} is over ${max}`);

test('every operation at every bit width gives the values the stream was built from', () => {
  let operations = 0;
  for (const width of [0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 24, 25, 31, 32]) {
    for (let trial = 0; trial < 40; trial++) {
      const r = rng(width * 1000 + trial);
      const { values, runs } = randomStream(r, width);
      const bytes = hybrid(runs, width);
      const c = cursor(bytes, width, values.length);
      let pos = 0;
      const at = `width ${width}, trial ${trial}`;
      while (pos < values.length) {
        const left = values.length - pos;
        assert.equal(c.remaining, left, at);
        const op = Math.floor(r() * 5);
        const k = Math.min(left, 1 + Math.floor(r() * (r() < 0.3 ? 60 : 9)));
        const v = values[pos + Math.floor(r() * left)]!;
        if (op === 0) {
          c.skip(k);
          pos += k;
        } else if (op === 1) {
          assert.equal(c.next(), values[pos], `${at}: next at ${pos}`);
          pos++;
        } else if (op === 2) {
          assert.equal(c.peek(), values[pos], `${at}: peek at ${pos}`);
        } else if (op === 3) {
          const want = values.slice(pos, pos + k).filter((x) => x === v).length;
          assert.equal(c.count(v, k), want, `${at}: count of ${v} in ${pos}..${pos + k}`);
          pos += k;
        } else {
          // the m-th next v: its position, or -1 - (how many there are) when fewer remain
          const m = 1 + Math.floor(r() * 3);
          let seen = 0;
          let found = -1;
          for (let i = pos; i < values.length; i++) {
            if (values[i] === v && ++seen === m) {
              found = i;
              break;
            }
          }
          const got = c.seek(v, m);
          if (found >= 0) {
            assert.equal(got, found - pos, `${at}: seek ${m}-th ${v} from ${pos}`);
            pos = found;
            assert.equal(c.peek(), v, at);
          } else {
            assert.equal(got, -1 - seen, `${at}: seek ${m}-th ${v} from ${pos}, ${seen} there`);
            pos = values.length;
          }
        }
        operations++;
      }
      assert.equal(c.remaining, 0, at);
    }
  }
  assert.ok(operations > 5000, `${operations} operations`);
});

test('runs longer than the page are cut at its values; the padding of a last bit-packed group is not read', () => {
  // a run of 1,000 fives where the page holds 10 values
  const c = cursor(hybrid([{ rle: 5, count: 1000 }], 3), 3, 10);
  assert.equal(c.count(5, 10), 10);
  assert.throws(() => c.next(), (e: Error) => e instanceof ParquetLimitError && e.message === 'column c, page 3: levels: more than the page\'s 10 values asked for');
  // 3 values bit-packed into one group of 8: the 5 padding zeros are not values
  const p = cursor(hybrid([{ packed: [1, 2, 3] }], 2), 2, 3);
  assert.equal(p.seek(0, 1), -1);
  assert.equal(p.remaining, 0);
});

test('malformed streams fail with a message naming where, when a value past the damage is needed', () => {
  const fails = (f: () => unknown, message: string) =>
    assert.throws(f, (e: Error) => e instanceof ParquetLimitError && e.message === `column c, page 3: levels: ${message}`, message);
  // 5 values where the page holds 10: the first 5 are read, the 6th is missing
  const short = cursor(hybrid([{ rle: 1, count: 5 }], 1), 1, 10);
  assert.equal(short.count(1, 5), 5);
  fails(() => short.next(), 'run-length data ends after 5 of 10 values');
  // a value over the column's maximum (levels of a column whose maximum is 2, in 2 bits)
  fails(() => cursor(hybrid([{ rle: 3, count: 4 }], 2), 2, 4, 2).next(), 'value 3 is over 2');
  fails(() => cursor(hybrid([{ packed: [0, 1, 3, 0, 0, 0, 0, 0] }], 2), 2, 8, 2).count(0, 8), 'value 3 is over 2');
  // a bit-packed run of 4 groups with the bytes of one
  const packed = hybrid([{ packed: [1, 1, 1, 1, 1, 1, 1, 1] }], 1);
  packed[0] = 4 * 2 + 1;
  fails(() => cursor(packed, 1, 32).next(), 'a bit-packed run of 4 bytes runs past the data');
  // a run header longer than 32 bits
  fails(() => cursor([0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 1, 8).next(), 'run-length header over 32 bits');
  // an RLE value wider than the bit width
  fails(() => cursor([2, 0x07], 2, 1, 3).next(), "a run's value 7 is wider than 2 bits");
  // more values skipped or counted than the page holds
  fails(() => cursor(hybrid([{ rle: 0, count: 4 }], 1), 1, 4).skip(5), '5 values skipped where 4 remain');
  assert.throws(() => cursor([], 33, 1), (e: Error) => e instanceof ParquetLimitError && e.message === 'column c, page 3: levels: bit width 33 is over 32');
});

test('2^41 values in runs of 2^31 - 1 are counted, sought and skipped run by run', { timeout: 60_000 }, () => {
  const run = 2 ** 31 - 1;
  const bytes: number[] = [];
  for (let k = 0; k < 1024; k++) {
    varint(run * 2, bytes);
    bytes.push(k === 1023 ? 1 : 0);
  }
  const n = 1024 * run;
  assert.equal(cursor(bytes, 1, n).count(0, n), 1023 * run);
  // the first 1 is the first value of the last run
  assert.equal(cursor(bytes, 1, n).seek(1, 1), 1023 * run);
  assert.equal(cursor(bytes, 1, n).seek(1, run + 1), -1 - run);
  const c = cursor(bytes, 1, n);
  c.skip(n - 1);
  assert.equal(c.next(), 1);
});
