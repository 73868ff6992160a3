/**
 * fast-check arbitraries for record fuzz inputs (../harness/record-case.ts): which real records go
 * into the delivery file, how they are mutated, and how the file's bytes are damaged.
 */
import fc from 'fast-check';
import type { ByteMutation, JsonValue, RecordCase, RecordMutation } from '../harness/record-case.ts';
import { hostileString } from './strings.ts';

const path = fc.array(fc.nat(40), { minLength: 1, maxLength: 5 });

/** Values of other types than a field has (a number where CloudTrail has a string, ...). */
const swapValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, 0, -1, 1e308, -1e-308, 9007199254740993, 1.5, '', [], {}, 'true', 'null', '1e400', '2023-13-45T99:99:99Z', 'NaN'),
  hostileString,
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>,
);

const mutation: fc.Arbitrary<RecordMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path, value: swapValue }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('nest' as const),
      path,
      // Mostly shallow; sometimes past any recursion a JavaScript stack survives.
      depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1000, max: 120_000 })),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('hugeString' as const),
      path,
      size: fc.oneof(fc.integer({ min: 1_000, max: 100_000 }), fc.integer({ min: 1_000_000, max: 8_000_000 })),
      unit: fc.constantFrom('a', 'é', '\u001b[2J', '\\', '"', '\ud83d\ude00', 'a ', '%00'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), path }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wideObject' as const), path, keys: fc.integer({ min: 100, max: 50_000 }) }) },
);

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const bytes: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at: fc.array(fraction, { minLength: 1, maxLength: 8 }),
      // Bytes that are not UTF-8 on their own, a NUL, quotes and brackets that break the JSON.
      values: fc.array(fc.constantFrom(0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0, 0x00, 0x22, 0x5d, 0x7d, 0x5c, 0x1b), { minLength: 1, maxLength: 8 }),
    }),
  },
);

export const recordCase: fc.Arbitrary<RecordCase> = fc.record({
  records: fc.array(fc.nat(2000), { minLength: 1, maxLength: 12 }),
  mutations: fc.array(fc.record({ record: fc.nat(20), mutation }), { minLength: 0, maxLength: 4 }),
  bytes,
  afterGzip: fc.boolean(),
  container: fc.constantFrom('json' as const, 'json.gz' as const, 'jsonl' as const, 'array' as const),
});
