/** Errors a user sees: diagnostics with positions, and unsupported constructs named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../src/kql/engine.ts';
import { KqlError } from '../../src/kql/errors.ts';

const catalog = { tables: [{ name: 'T', schema: [{ name: 'a', type: 'long' as const }, { name: 's', type: 'string' as const }] }], functions: [], watchlistFields: [] };

function message(q: string, file?: string): string {
  try {
    compileQuery(q, catalog, { file });
  } catch (e) {
    assert.ok(e instanceof KqlError, `expected a KqlError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('expected an error');
}

test('a syntax error is reported as file:line:column: message (official parser diagnostics)', () => {
  assert.match(message('T\n| where', 'q.kql'), /^q\.kql:2:8: /);
});

test('an unknown column is a binding error with its position', () => {
  assert.match(message('T | where nope > 1'), /^<query>:1:11: .*nope/);
});

test('an unsupported operator is named, never approximated', () => {
  assert.match(message('T | sample-distinct 2 of s'), /the sample-distinct operator is not supported by trailhound/);
  assert.match(message('T | sample 3'), /sample operator is not supported/);
});

test('an unsupported plugin and an unsupported function are named', () => {
  assert.match(message('T | evaluate autocluster()'), /the plugin autocluster is not supported/);
  assert.match(message('print geo_distance_2points(1.0, 2.0, 3.0, 4.0)'), /geo_distance_2points\(\) is not supported/);
});

test('unsupported join and union options are named', () => {
  assert.match(message('T | join kind=inner (T) on $left.a < $right.a'), /join condition must be/);
  assert.match(message('union kind=inner T, T'), /union kind=inner is not supported/);
});

test('a join on keys of different types is named, not an empty result: the binder rejects it for `on a`, accepts it for $left/$right, and the docs do not say how Kusto compares int with long', () => {
  assert.match(message('T | join kind=inner (T | project b = toint(a)) on $left.a == $right.b'), /join on keys of different types \(\$left\.a: long, \$right\.b: int\) is not supported/);
  assert.match(message("T | join kind=inner (T | project b = toint(a), s) on $left.a == $right.b, s"), /different types/);
  // keys of the same type still join
  compileQuery('T | join kind=inner (T | project b = a) on $left.a == $right.b', catalog);
});
