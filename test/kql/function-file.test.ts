import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFunctionFile } from '../../src/kql/function-file.ts';
import { KqlError } from '../../src/kql/errors.ts';

// Stored functions are written as Kusto's own `.create-or-alter function` command
// (learn.microsoft.com/kusto/management/create-alter-function).
test('parses .create-or-alter function with a with() clause, tabular parameter and braces in strings', () => {
  const f = parseFunctionFile(
    '// header\n.create-or-alter function with (docstring = "a (b)", folder = "x") F(T:(*), k:long = 3) {\n  T | extend s = "}{" , t = @"\\}"\n}\n',
    'f.kql',
  );
  assert.equal(f.name, 'F');
  assert.equal(f.parameters, '(T:(*), k:long = 3)');
  assert.equal(f.body, '{\n  T | extend s = "}{" , t = @"\\}"\n}');
  assert.equal(f.source, 'f.kql');
});

test('accepts .create function and .alter function', () => {
  assert.equal(parseFunctionFile('.create function G() { print 1 }', 'g.kql').name, 'G');
  assert.equal(parseFunctionFile('.alter function H(x:string) { print x }', 'h.kql').parameters, '(x:string)');
});

test('the built-in AWSIdentityRole file parses', () => {
  const f = parseFunctionFile(readFileSync(new URL('../../content/functions/AWSIdentityRole.kql', import.meta.url), 'utf8'), 'AWSIdentityRole.kql');
  assert.equal(f.name, 'AWSIdentityRole');
  assert.equal(f.parameters, '(T:(*))');
  assert.match(f.body, /^\{[\s\S]*\}$/);
});

test('errors name the file and what is missing', () => {
  assert.throws(() => parseFunctionFile('print 1', 'bad.kql'), (e: unknown) => e instanceof KqlError && /bad\.kql: expected "\.create-or-alter function/.test(e.message));
  assert.throws(() => parseFunctionFile('.create function F(T:(*)) { T ', 'open.kql'), /open\.kql: expected a body in braces/);
  assert.throws(() => parseFunctionFile('.create function F() { print 1 } extra', 'x.kql'), /unexpected text after the function body/);
});
