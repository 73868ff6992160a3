import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { SENTINEL_CSV } from './helpers.ts';

test('AWSCloudTrail has the 53 columns in the order of the real Sentinel export', () => {
  const header = readFileSync(SENTINEL_CSV, 'utf8').split('\n')[0]!;
  const names = header.split(',').map((h) => h.replace(/"/g, '').replace(/ \[UTC\]$/, ''));
  assert.equal(AWS_CLOUDTRAIL_SCHEMA.length, 53);
  assert.deepEqual(AWS_CLOUDTRAIL_SCHEMA.map((c) => c.name), names);
});

test('column types follow the research note §1.1', () => {
  const types = Object.fromEntries(AWS_CLOUDTRAIL_SCHEMA.map((c) => [c.name, c.type]));
  assert.deepEqual(
    Object.keys(types).filter((k) => types[k] === 'datetime'),
    ['TimeGenerated', 'SessionCreationDate'],
  );
  assert.deepEqual(
    Object.keys(types).filter((k) => types[k] === 'bool'),
    ['SessionMfaAuthenticated', 'ReadOnly', 'ManagementEvent'],
  );
  assert.equal(AWS_CLOUDTRAIL_SCHEMA.filter((c) => c.type === 'string').length, 48);
  assert.equal(types['SourcePort'], 'string');
  assert.equal(types['ErrorCode'], 'string');
});
