/**
 * A query's `render` operator: a hint to the client on how to draw the result, which changes
 * nothing in the result itself (learn.microsoft.com/kusto/query/render-operator). Kusto reports
 * it to clients in the v2 response's QueryProperties table (`@ExtendedProperties`, Key
 * "Visualization"), with these property names.
 */
export interface Visualization {
  readonly Visualization: string;
  readonly Title: string | null;
  readonly XColumn: string | null;
  /** Comma-separated column names, as in the render properties. */
  readonly Series: string | null;
  readonly YColumns: string | null;
  readonly AnomalyColumns: string | null;
  readonly XTitle: string | null;
  readonly YTitle: string | null;
  readonly XAxis: string | null;
  readonly YAxis: string | null;
  readonly Legend: string | null;
  readonly YSplit: string | null;
  readonly Accumulate: boolean;
  readonly IsQuerySorted: boolean;
  readonly Kind: string | null;
  /** "NaN" when not given, as Kusto writes it. */
  readonly Ymin: number | 'NaN';
  readonly Ymax: number | 'NaN';
  readonly Xmin: string | number | null;
  readonly Xmax: string | number | null;
}
