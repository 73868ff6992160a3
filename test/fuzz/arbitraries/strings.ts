/** Strings an attacker would put in a CloudTrail field or a query literal. */
import fc from 'fast-check';

/** Pieces that exercise escaping, terminals, Unicode edge cases and regex/JSON/CSV syntax. */
const PIECES = [
  '\u001b[2J\u001b[31mFAKE ALERT',
  '\u0007',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u009b31m',
  '\u202e',
  '\u2066',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  'e\u0301',
  'İ',
  'ß',
  '"',
  "'",
  '\\',
  '\\u0000',
  '\\ud800',
  ',',
  '{"a":[1,{"b":null}]}',
  '[[[[[[[[[[',
  ']]]]',
  '(a+)+$',
  '.*.*.*=.*',
  'AKIA0000000000000000',
  'arn:aws:iam::123456789012:user/x',
  '0x7fffffff',
  '9223372036854775808',
  '-0',
  'NaN',
  '1e309',
  '2023-07-10T12:00:00Z',
  ' ',
  '',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((xs) => xs.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.constantFrom('a', '[', '{"a":', '\\', ' '), fc.integer({ min: 1, max: 5000 })).map(([s, n]) => s.repeat(n)),
);
