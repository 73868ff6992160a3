import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decAdd, decDiv, decMul, decRem, decSub, decToString, parseDec, parseDecimal } from '../../../src/kql/values/decimal.ts';

const d = (s: string) => parseDec(s)!;
const t = (x: ReturnType<typeof decAdd>) => (x === null ? null : decToString(x));

test('parse keeps the written scale like .NET decimal; decimal(1e5) is a documented literal (scalar-data-types/decimal)', () => {
  assert.equal(parseDecimal('1.50'), '1.50');
  assert.equal(parseDecimal('1e5'), '100000');
  assert.equal(parseDecimal('-0.001'), '-0.001');
  assert.equal(parseDecimal('1.5e-2'), '0.015');
  assert.equal(parseDecimal('abc'), null);
  assert.equal(parseDecimal('.'), null);
  // Beyond 96 bits of mantissa with no fraction to give up: overflow.
  assert.equal(parseDecimal('1e29'), null);
});

test('arithmetic with .NET scale rules', () => {
  assert.equal(t(decAdd(d('1.1'), d('2.25'))), '3.35');
  assert.equal(t(decSub(d('1'), d('0.75'))), '0.25');
  assert.equal(t(decMul(d('1.5'), d('2.0'))), '3.00');
  assert.equal(t(decDiv(d('1'), d('3'))), '0.3333333333333333333333333333');
  assert.equal(t(decDiv(d('10'), d('4'))), '2.5');
  assert.equal(t(decDiv(d('2'), d('3'))), '0.6666666666666666666666666667');
  assert.equal(decDiv(d('1'), d('0')), null);
  assert.equal(t(decRem(d('-7'), d('2'))), '-1');
});
