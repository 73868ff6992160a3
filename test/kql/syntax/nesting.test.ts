import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bracketDepth, MAX_BRACKET_DEPTH } from '../../../src/kql/syntax/nesting.ts';
import { compileQuery } from '../../../src/kql/engine.ts';
import { KqlError } from '../../../src/kql/errors.ts';

test('bracketDepth counts ( [ { outside string literals and comments', () => {
  assert.equal(bracketDepth('print x = ((1))'), 2);
  assert.equal(bracketDepth('print x = dynamic([[1], {"a": [2]}])'), 4);
  assert.equal(bracketDepth('print x = "((((" , y = \'[[[\' // ((((\n| extend z = (1)'), 1);
  assert.equal(bracketDepth('print x = @"a\\""((", y = (1)'), 1, 'verbatim strings: backslash is literal, "" is a quote');
  assert.equal(bracketDepth('print x = ```(((\n[[[```, y = (1)'), 1, 'multi-line string literals');
  assert.equal(bracketDepth('print x = h"((((", y = [(1)]'), 2);
});

test('a query nested past what the official parser accepts is refused at once in its words (the parser takes minutes to refuse 100,000 parentheses)', { timeout: 120_000 }, () => {
  const deep = `print x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}`;
  assert.throws(
    () => compileQuery(deep, { tables: [], functions: [], watchlistFields: [] }),
    (e: unknown) => e instanceof KqlError && /Query syntax depth exceeds maximum safe limit/.test(e.message) && /<query>:1:1:/.test(e.message),
  );
  // Deep JSON inside a string literal is not syntax: it compiles.
  const inString = `print x = parse_json("${'['.repeat(100_000)}${']'.repeat(100_000)}")`;
  assert.ok(bracketDepth(inString) <= MAX_BRACKET_DEPTH);
});
