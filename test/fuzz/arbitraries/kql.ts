/**
 * fast-check arbitraries for KQL fuzz inputs: queries over a datatable of every scalar type
 * (nulls, extremes and hostile strings among its rows) that call the functions trailhound supports
 * with arguments of the types the official parser's catalog declares for them, nested, inside the
 * tabular operators rules use. Most queries bind; those that do not (a type the catalog allows but
 * a particular overload refuses) are counted as `rejected`, which is a right answer too.
 */
import fc from 'fast-check';
import { functionSignatures, type FunctionSignature } from '../../../src/kql/syntax/function-signatures.ts';
import { scalarFunctionNames } from '../../../src/kql/functions/index.ts';
import { aggregateNames } from '../../../src/kql/exec/aggregates.ts';
import { hostileString } from './strings.ts';

export type ScalarType = 'string' | 'long' | 'int' | 'real' | 'decimal' | 'bool' | 'datetime' | 'timespan' | 'guid' | 'dynamic';
const TYPES: readonly ScalarType[] = ['string', 'long', 'int', 'real', 'decimal', 'bool', 'datetime', 'timespan', 'guid', 'dynamic'];

/** The table every query reads: one column per type. */
const COLUMNS: Record<ScalarType, string> = { string: 's', long: 'l', int: 'i', real: 'r', decimal: 'm', bool: 'b', datetime: 'd', timespan: 't', guid: 'g', dynamic: 'y' };

export function kqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

const DEEP_JSON = `${'['.repeat(3000)}${']'.repeat(3000)}`;

export const TABLE = `let T = datatable(s:string, l:long, i:int, r:real, m:decimal, b:bool, d:datetime, t:timespan, g:guid, y:dynamic) [
  "alpha beta-gamma.delta", 1, 1, 1.5, decimal(1.5), true, datetime(2024-05-01T10:00:00Z), 1h, guid(6f4ae34b-0cbd-4f29-a5b5-3c0b7a8d8a51), dynamic({"a":[1,2,{"b":"c"}],"k":"v"}),
  "", long(null), int(null), real(null), decimal(null), bool(null), datetime(null), timespan(null), guid(null), dynamic(null),
  ${kqlString('\u001b[2J\u001b[31mFAKE ALERT\u0007\r\u202e')}, -9223372036854775808, -2147483648, real(nan), decimal(-79228162514264337593543950335), false, datetime(0001-01-01), -10675199d, guid(00000000-0000-0000-0000-000000000000), dynamic([[[[[[]]]]]]),
  ${kqlString(`${'a'.repeat(40)}!`)}, 9223372036854775807, 2147483647, real(+inf), decimal(79228162514264337593543950335), true, datetime(9999-12-31T23:59:59.9999999Z), 10675199d, guid(ffffffff-ffff-ffff-ffff-ffffffffffff), dynamic(["x", 1, 1.5, true, null, {"z":[]}]),
  ${kqlString(DEEP_JSON)}, 0, 0, -0.0, decimal(0), false, datetime(2023-07-10T12:13:20Z), 0s, guid(6f4ae34b-0cbd-4f29-a5b5-3c0b7a8d8a52), dynamic({"ConsoleLogin":"Success"})
];
`;

const intLiteral = fc.oneof(
  fc.constantFrom('0', '1', '-1', '2', '7', '64', '1000', '100000', '9223372036854775807', '-9223372036854775808', '2147483647'),
  fc.integer({ min: -1000, max: 1000 }).map(String),
);

function literal(type: ScalarType): fc.Arbitrary<string> {
  switch (type) {
    case 'string':
      return hostileString.map(kqlString);
    case 'long':
      return fc.oneof(intLiteral, fc.constant('long(null)'));
    case 'int':
      return fc.oneof(intLiteral.map((n) => `int(${n})`), fc.constant('int(null)'));
    case 'real':
      return fc.constantFrom('0.0', '1.5', '-2.25', '1e308', '-1e-308', 'real(nan)', 'real(+inf)', 'real(-inf)', 'real(null)', '-0.0', '3.0');
    case 'decimal':
      return fc.constantFrom('decimal(1.5)', 'decimal(null)', 'decimal(0)', 'decimal(79228162514264337593543950335)', 'decimal(-0.0000000000000000000000000001)');
    case 'bool':
      return fc.constantFrom('true', 'false', 'bool(null)');
    case 'datetime':
      return fc.constantFrom('datetime(2023-07-10T12:00:00Z)', 'datetime(null)', 'datetime(0001-01-01)', 'datetime(9999-12-31 23:59:59.9999999)', 'now()', 'ago(1d)', 'datetime(2024-02-29)');
    case 'timespan':
      return fc.constantFrom('1d', '0s', 'timespan(null)', '-1h', '10675199d', '1tick', '5m', '1.5s', 'time(-00:00:01)');
    case 'guid':
      return fc.constantFrom('guid(00000000-0000-0000-0000-000000000000)', 'guid(null)', 'guid(6f4ae34b-0cbd-4f29-a5b5-3c0b7a8d8a51)');
    case 'dynamic':
      return fc.oneof(
        fc.constantFrom('dynamic(null)', 'dynamic([])', 'dynamic({})', 'dynamic([1,"a",{"b":[null]}])', 'dynamic({"a":{"b":{"c":[1,2,3]}}})', 'dynamic(["x","y","x"])', 'dynamic([1,2,3,4,5])'),
        hostileString.map((s) => `parse_json(${kqlString(s)})`),
        fc.integer({ min: 1, max: 20_000 }).map((n) => `parse_json(${kqlString(`${'['.repeat(n)}1${']'.repeat(n)}`)})`),
      );
  }
}

const CONVERT: Record<ScalarType, string> = {
  string: 'tostring',
  long: 'tolong',
  int: 'toint',
  real: 'todouble',
  decimal: 'todecimal',
  bool: 'tobool',
  datetime: 'todatetime',
  timespan: 'totimespan',
  guid: 'toguid',
  dynamic: 'todynamic',
};

export interface KqlArbitraries {
  readonly expr: (type: ScalarType, depth: number) => fc.Arbitrary<string>;
  readonly query: fc.Arbitrary<string>;
}

/** Builds the arbitraries from the parser's catalog (loads the official parser). */
export function kqlArbitraries(): KqlArbitraries {
  const supported = new Set([...scalarFunctionNames(), ...aggregateNames()]);
  const sigs = functionSignatures(supported);
  const scalars = sigs.filter((s) => !s.aggregate);
  const aggregates = sigs.filter((s) => s.aggregate && s.parameters.every((p) => !p.kind.startsWith('Tabular')));

  const typeOf = (types: readonly string[]): fc.Arbitrary<ScalarType> => {
    const ours = types.filter((t): t is ScalarType => (TYPES as readonly string[]).includes(t));
    return fc.constantFrom(...(ours.length > 0 ? ours : TYPES));
  };

  const leaf = (type: ScalarType): fc.Arbitrary<string> => fc.oneof({ weight: 2, arbitrary: literal(type) }, { weight: 3, arbitrary: fc.constant(COLUMNS[type]) });

  const call = (sig: FunctionSignature, depth: number): fc.Arbitrary<string> => {
    const args = sig.parameters.map((p) => {
      const max = Math.min(p.maxOccurring, p.minOccurring + 2);
      const one = typeOf(p.types).chain((t) => (p.constant ? literal(t) : expr(t, depth - 1)));
      return fc.array(one, { minLength: p.minOccurring, maxLength: Math.max(p.minOccurring, max) });
    });
    return fc.tuple(...args).map((lists) => `${sig.name}(${lists.flat().join(', ')})`);
  };

  const anyCall = (depth: number, list: readonly FunctionSignature[]): fc.Arbitrary<string> => fc.constantFrom(...list).chain((sig) => call(sig, depth));

  const binary = (type: ScalarType, depth: number): fc.Arbitrary<string> | undefined => {
    if (type === 'long' || type === 'real' || type === 'int' || type === 'decimal')
      return fc.tuple(expr(type, depth - 1), fc.constantFrom('+', '-', '*', '/', '%'), expr(type, depth - 1)).map(([a, op, b]) => `(${a} ${op} ${b})`);
    if (type === 'bool')
      return fc.oneof(
        fc.tuple(expr('string', depth - 1), fc.constantFrom('has', '!has', 'contains', 'startswith', 'endswith', '=~', '==', 'has_cs', 'hasprefix', 'matches regex'), expr('string', depth - 1)).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(typeOf(TYPES.filter((t) => t !== 'dynamic'))).chain(([t]) => fc.tuple(expr(t, depth - 1), fc.constantFrom('==', '!=', '<', '>=', '<='), expr(t, depth - 1))).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(expr('bool', depth - 1), fc.constantFrom('and', 'or'), expr('bool', depth - 1)).map(([a, op, b]) => `(${a} ${op} ${b})`),
        expr('bool', depth - 1).map((a) => `not(${a})`),
      );
    if (type === 'datetime') return fc.tuple(expr('datetime', depth - 1), fc.constantFrom('+', '-'), expr('timespan', depth - 1)).map(([a, op, b]) => `(${a} ${op} ${b})`);
    return undefined;
  };

  function expr(type: ScalarType, depth: number): fc.Arbitrary<string> {
    if (depth <= 0) return leaf(type);
    const options: fc.WeightedArbitrary<string>[] = [
      { weight: 3, arbitrary: leaf(type) },
      { weight: 4, arbitrary: anyCall(depth, scalars).map((c) => `${CONVERT[type]}(${c})`) },
      { weight: 1, arbitrary: fc.tuple(expr('bool', depth - 1), expr(type, depth - 1), expr(type, depth - 1)).map(([c, a, b]) => `iff(${c}, ${a}, ${b})`) },
    ];
    const bin = binary(type, depth);
    if (bin) options.push({ weight: 2, arbitrary: bin });
    return fc.oneof(...options);
  }

  const anyExpr = (depth: number) => fc.constantFrom(...TYPES).chain((t) => expr(t, depth));
  const depth = fc.integer({ min: 1, max: 3 });
  const aggregate = depth.chain((d) => anyCall(d, aggregates));
  const joinKind = fc.constantFrom('inner', 'innerunique', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi');

  const tabular: fc.Arbitrary<string> = fc.oneof(
    depth.chain((d) => anyExpr(d)).map((e) => `T | extend x = ${e}`),
    depth.chain((d) => expr('bool', d)).map((e) => `T | where ${e}`),
    depth.chain((d) => anyExpr(d)).map((e) => `T | project x = ${e}`),
    fc.tuple(aggregate, depth.chain((d) => anyExpr(d))).map(([a, k]) => `T | summarize a = ${a} by k = ${k}`),
    aggregate.map((a) => `T | summarize a = ${a}`),
    depth.chain((d) => expr('dynamic', d)).map((e) => `T | extend x = ${e} | mv-expand x | take 100`),
    fc.tuple(depth.chain((d) => anyExpr(d)), fc.constantFrom('asc', 'desc'), fc.constantFrom('nulls first', 'nulls last', '')).map(([e, o, n]) => `T | order by ${e} ${o} ${n}`),
    fc.tuple(intLiteral, depth.chain((d) => anyExpr(d))).map(([n, e]) => `T | top ${n} by ${e}`),
    depth.chain((d) => anyExpr(d)).map((e) => `T | extend k = ${e} | distinct k`),
    fc.tuple(joinKind, depth.chain((d) => expr('string', d))).map(([k, e]) => `T | join kind=${k} (T | extend s = ${e}) on s`),
    fc.tuple(fc.constantFrom('1', '0', '-5'), fc.constantFrom('10', '1000', '100000', '-10'), fc.constantFrom('1', '3', '-1', '7')).chain(([a, b, s]) =>
      // A cross join on a constant key: the output grows with the range (a memory budget's test).
      depth.chain((d) => anyExpr(d)).map((e) => `range n from ${a} to ${b} step ${s} | extend k = 1 | join kind=inner (T | extend k = 1) on k | extend x = ${e} | take 100`),
    ),
    fc.tuple(depth.chain((d) => expr('string', d)), hostileString).map(([e, lit]) => `T | extend s = ${e} | parse s with * ${kqlString(lit || 'a')} x:string`),
  );
  return { expr, query: tabular.map((q) => `${TABLE}${q}`) };
}
