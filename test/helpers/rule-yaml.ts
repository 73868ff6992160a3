/** A Sentinel scheduled rule as YAML, for the replay tests: trigger on any result row. */
export function scheduledRuleYaml(o: { id: string; name: string; query: string; schedule: string; extra?: string }): string {
  return `id: ${o.id}
name: ${o.name}
description: test
severity: Low
${o.schedule}
triggerOperator: gt
triggerThreshold: 0
query: |
  ${o.query}
kind: Scheduled
${o.extra ?? ''}`;
}
