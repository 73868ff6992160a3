/** Alert output: a table for people, JSON Lines (without internal keys) for machines. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertsForRun } from '../../src/detect/alerts.ts';
import { formatAlertsJsonl, formatAlertsTable } from '../../src/detect/alert-output.ts';
import { parseRuleYaml } from '../../src/detect/rule-yaml.ts';
import { windowAt, DEFAULT_DELAY } from '../../src/detect/schedule.ts';
import { batchFromRows } from '../../src/kql/exec/batches.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { ticks } from '../helpers/cloudtrail-rows.ts';

const RULE = parseRuleYaml(`id: 6f0d1a2b-0000-4000-8000-000000000009
name: Out
description: d
severity: High
queryFrequency: 5m
queryPeriod: 10m
triggerOperator: gt
triggerThreshold: 0
query: print 1
entityMappings:
  - entityType: IP
    fieldMappings: [{ identifier: Address, columnName: Ip }]
kind: Scheduled
`, 'out.yaml');

const result = batchFromRows([{ name: 'Ip', type: 'string' }, { name: 'When', type: 'datetime' }, { name: 'N', type: 'long' }], [['192.0.2.1', ticks('2024-05-01T11:58:00Z'), 3n]]);
const w = windowAt(ticks('2024-05-01T12:00:00Z'), { frequency: 5n * TICKS_PER_MINUTE, period: 10n * TICKS_PER_MINUTE, delay: DEFAULT_DELAY });

test('JSON Lines: one alert per line, evidence in Kusto JSON formats (datetime ISO, long as number), no internal keys', () => {
  const line = formatAlertsJsonl(alertsForRun(RULE, w, result));
  assert.equal(line.split('\n').length, 2);
  const a = JSON.parse(line);
  assert.deepEqual(a.rows, [{ Ip: '192.0.2.1', When: '2024-05-01T11:58:00Z', N: 3 }]);
  assert.equal(a.now, '2024-05-01T12:05:00Z');
  assert.equal(a.severity, 'High');
  assert.equal('evidenceKeys' in a, false);
  assert.match(a.id, /^[0-9a-f]{32}$/);
});

test('table: run time, severity, name, entities, evidence count', () => {
  const text = formatAlertsTable(alertsForRun(RULE, w, result));
  const lines = text.split('\n');
  assert.match(lines[0]!, /^Run \(now\)\s+Severity\s+Alert\s+Entities\s+Rows$/);
  assert.match(lines[2]!, /^2024-05-01T12:05:00Z\s+High\s+Out\s+IP:192\.0\.2\.1\s+1$/);
  assert.match(lines[3]!, /^\(1 alert;/);
  assert.equal(formatAlertsTable([]), 'No alerts.\n');
});
