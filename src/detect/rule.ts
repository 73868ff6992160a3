/**
 * A scheduled analytics rule as trailhound runs it: the fields of Sentinel's analytics-rule
 * YAML (kql-semantics.md §9.5) after validation, durations in ticks.
 */
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type TriggerOperator = 'gt' | 'lt' | 'eq' | 'ne';
export type AggregationKind = 'SingleAlert' | 'AlertPerResult';

export interface FieldMapping {
  readonly identifier: string;
  readonly columnName: string;
}

export interface EntityMapping {
  readonly entityType: string;
  readonly fieldMappings: readonly FieldMapping[];
}

export interface AlertDetailsOverride {
  readonly alertDisplayNameFormat?: string;
  readonly alertDescriptionFormat?: string;
  readonly alertTacticsColumnName?: string;
  readonly alertSeverityColumnName?: string;
}

export interface Rule {
  /** The file the rule came from (for messages). */
  readonly file: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly severity: Severity;
  readonly kind: 'Scheduled' | 'NRT';
  /** Ticks. */
  readonly queryFrequency: bigint;
  /** Ticks. */
  readonly queryPeriod: bigint;
  readonly triggerOperator: TriggerOperator;
  readonly triggerThreshold: number;
  readonly tactics: readonly string[];
  readonly relevantTechniques: readonly string[];
  readonly query: string;
  readonly entityMappings: readonly EntityMapping[];
  /** Alert custom detail key -> result column. */
  readonly customDetails: ReadonlyMap<string, string>;
  readonly alertDetailsOverride?: AlertDetailsOverride;
  readonly aggregationKind: AggregationKind;
  readonly suppressionEnabled: boolean;
  /** Ticks (0 when not set). */
  readonly suppressionDuration: bigint;
  readonly version?: string;
  /** Every key of the YAML document, known or not, as written (unknown fields are kept). */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly format: 'yaml' | 'kql';
  /**
   * What the rule does that Sentinel's documentation says it should not, but that Sentinel
   * accepts (published rules do it): each names the file and field (docs/detections.md, "Limits").
   */
  readonly warnings?: readonly string[];
}

/** A rule file that does not follow the schema: names the file and the field. */
export class RuleError extends Error {
  override name = 'UsageError';
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    problem: string,
  ) {
    super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
  }
}
