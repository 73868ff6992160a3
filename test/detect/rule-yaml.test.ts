/**
 * Rule YAML loading and validation. The schema is the Azure-Sentinel repository's template
 * validation as summarised in kql-semantics.md §9.5; every error must name the file and field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleYaml } from '../../src/detect/rule-yaml.ts';
import { loadRules } from '../../src/detect/rule-files.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';

const BASE = `id: 6f0d1a2b-0000-4000-8000-000000000001
name: Test rule
description: 'Test'
severity: Medium
queryFrequency: 5m
queryPeriod: 10m
triggerOperator: gt
triggerThreshold: 0
tactics: [Collection]
relevantTechniques: [T1185]
query: |
  AWSCloudTrail | where EventName == "X"
entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: SourceIpAddress
kind: Scheduled
`;

function withField(key: string, value: string | undefined): string {
  const lines = BASE.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (i < 0) return `${BASE}${key}: ${value}\n`;
  const rest = lines.slice(i + 1);
  const end = rest.findIndex((l) => /^\S/.test(l));
  const kept = [...lines.slice(0, i), ...rest.slice(end)];
  return value === undefined ? kept.join('\n') : `${kept.join('\n')}\n${key}: ${value}\n`;
}

function error(text: string): string {
  try {
    parseRuleYaml(text, 'rules/r.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail('expected a validation error');
}

test('a valid rule: durations in ticks, defaults (SingleAlert, no suppression), unknown fields kept (§9.5)', () => {
  const r = parseRuleYaml(`${BASE}status: Available\nmetadata: { source: x }\n`, 'r.yaml');
  assert.equal(r.queryFrequency, 5n * TICKS_PER_MINUTE);
  assert.equal(r.queryPeriod, 10n * TICKS_PER_MINUTE);
  assert.equal(r.aggregationKind, 'SingleAlert');
  assert.equal(r.suppressionEnabled, false);
  assert.equal(r.raw.status, 'Available');
  assert.deepEqual(r.raw.metadata, { source: 'x' });
  assert.deepEqual(r.entityMappings, [{ entityType: 'IP', fieldMappings: [{ identifier: 'Address', columnName: 'SourceIpAddress' }] }]);
});

test('trigger operators: gt/lt/eq/ne and the long names GreaterThan... (§9.5)', () => {
  for (const [w, op] of [['GreaterThan', 'gt'], ['LessThan', 'lt'], ['Equal', 'eq'], ['NotEqual', 'ne'], ['eq', 'eq']]) {
    assert.equal(parseRuleYaml(withField('triggerOperator', w), 'r.yaml').triggerOperator, op);
  }
});

test('.NET TimeSpan durations are accepted for queryFrequency (ScheduledTemplateTimeSpanConverter, §9.5)', () => {
  assert.equal(parseRuleYaml(withField('queryFrequency', '00:05:00'), 'r.yaml').queryFrequency, 5n * TICKS_PER_MINUTE);
});

test('validation errors name the file and the field (§9.5)', () => {
  const cases: Array<[string, RegExp]> = [
    [withField('id', undefined), /^rules\/r\.yaml: id: required field is missing/],
    [withField('id', 'not-a-guid'), /id: "not-a-guid" is not a GUID/],
    [withField('severity', 'Critical'), /severity: "Critical" is not one of Informational, Low, Medium, High/],
    [withField('queryFrequency', '20m'), /queryFrequency: must not be longer than queryPeriod/],
    [withField('queryFrequency', '1m'), /queryFrequency: must be between 5 minutes and 14 days/],
    [withField('queryPeriod', '15d'), /queryPeriod: must be between 5 minutes and 14 days/],
    [withField('queryPeriod', 'ten minutes'), /queryPeriod: "ten minutes" is not a duration/],
    [withField('triggerOperator', 'gte'), /triggerOperator: "gte" is not one of gt, lt, eq, ne/],
    [withField('triggerThreshold', '10001'), /triggerThreshold: must be a whole number from 0 to 10000/],
    [withField('tactics', '[CredentialTheft]'), /tactics\[0\]: string "CredentialTheft" is not a tactic/],
    [withField('relevantTechniques', '[T11]'), /relevantTechniques\[0\]: string "T11" is not a technique id/],
    [withField('kind', 'Fusion'), /kind: "Fusion" rules are run by Microsoft's services/],
    [withField('query', undefined), /query: required field is missing/],
    [withField('entityMappings', '[{entityType: Person, fieldMappings: [{identifier: Name, columnName: X}]}]'), /entityMappings\[0\]\.entityType: string "Person" is not an entity type/],
    [withField('entityMappings', '[{entityType: IP, fieldMappings: [{identifier: Name, columnName: X}]}]'), /entityMappings\[0\]\.fieldMappings\[0\]\.identifier: string "Name" is not an identifier of IP/],
    [withField('entityMappings', '[{entityType: Account, fieldMappings: [{identifier: NTDomain, columnName: X}]}]'), /entityMappings\[0\]\.fieldMappings: a Account entity needs FullName or Sid or Name/],
    [withField('entityMappings', '[{entityType: IP, fieldMappings: [{identifier: Address, columnName: "1bad"}]}]'), /columnName: string "1bad" is not a column name/],
    [withField('customDetails', '{ "bad key": X }'), /customDetails\.bad key: keys are letters/],
    [withField('eventGroupingSettings', '{ aggregationKind: PerRow }'), /eventGroupingSettings\.aggregationKind: string "PerRow" is not SingleAlert or AlertPerResult/],
    [withField('suppressionDuration', '25h'), /suppressionDuration: at most 24 hours/],
    [withField('entityMappings', `[${Array(11).fill('{entityType: IP, fieldMappings: [{identifier: Address, columnName: SourceIpAddress}]}').join(', ')}]`), /entityMappings: at most 10 entity mappings \(has 11\)/],
    [withField('entityMappings', '[{entityType: IP, fieldMappings: [{identifier: Address, columnName: A}, {identifier: Address, columnName: B}, {identifier: Address, columnName: C}, {identifier: Address, columnName: D}]}]'), /entityMappings\[0\]\.fieldMappings: must be a list of 1 to 3/],
    [withField('customDetails', `{ ${Array.from({ length: 21 }, (_, i) => `K${i}: C${i}`).join(', ')} }`), /customDetails: at most 20 entries \(has 21\)/],
    ['id: [1', /rules\/r\.yaml: not valid YAML/],
  ];
  for (const [text, re] of cases) assert.match(error(text), re);
});

test('the built-in rules load and validate; the seed rule keeps the shared query verbatim with T1185 under Collection', async () => {
  const rules = loadRules();
  assert.deepEqual(rules.map((r) => r.name).sort(), ['AWS - Concurrent console sessions from different IPs', 'AWS - Console session used from several IPs in one 5-minute bin']);
  const seed = rules.find((r) => r.name.startsWith('AWS - Concurrent'))!;
  const { readFileSync } = await import('node:fs');
  assert.equal(seed.query, readFileSync(new URL('../fixtures/seed/concurrent-sessions-from-different-ips.kql', import.meta.url), 'utf8'));
  // ATT&CK lists T1185 Browser Session Hijacking under Collection (TA0009).
  assert.deepEqual(seed.tactics, ['Collection']);
  assert.deepEqual(seed.relevantTechniques, ['T1185']);
  assert.deepEqual(seed.entityMappings.map((m) => [m.entityType, m.fieldMappings[0]!.columnName]), [['Account', 'Identity'], ['IP', 'SourceIpAddress']]);
});

// learn.microsoft.com/azure/sentinel/map-data-fields-to-entities: "You can define up to ten entity
// mappings in a single analytics rule"; sentinel-service-limits: "Entity mappings: 10 mappings per rule".
test('up to ten entity mappings load (Sentinel\'s limit; the Azure-Sentinel repository\'s own checks stop at five)', () => {
  const ten = `[${Array(10).fill('{entityType: IP, fieldMappings: [{identifier: Address, columnName: SourceIpAddress}]}').join(', ')}]`;
  assert.equal(parseRuleYaml(withField('entityMappings', ten), 'r.yaml').entityMappings.length, 10);
});

// customize-alert-details: "You are currently limited to three parameters each in the Alert Name
// Format and Alert Description Format fields", yet Microsoft publishes a rule whose description
// format has four (AWS Config Service Resource Deletion Attempts), which Sentinel accepts.
test('more than three {{column}} placeholders in a format: a warning naming file and field, not an error', () => {
  const r = parseRuleYaml(withField('alertDetailsOverride', "{ alertDisplayNameFormat: '{{A}}', alertDescriptionFormat: '{{A}} {{B}} {{C}} {{D}}' }"), 'rules/r.yaml');
  assert.equal(r.alertDetailsOverride?.alertDescriptionFormat, '{{A}} {{B}} {{C}} {{D}}');
  assert.equal(r.warnings?.length, 1);
  assert.match(r.warnings![0]!, /^rules\/r\.yaml: alertDetailsOverride\.alertDescriptionFormat: 4 \{\{column\}\} placeholders; Sentinel documents at most 3/);
  assert.deepEqual(parseRuleYaml(BASE, 'r.yaml').warnings, [], 'a rule within the limits has no warning');
});
