/**
 * The properties of a query's final `render` operator (render-operator doc: the chart type and
 * `with (propertyName = propertyValue, ...)`), in the shape Kusto reports them
 * (src/kql/visualization.ts).
 */
import { KqlError } from '../errors.ts';
import type { Visualization } from '../visualization.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, nameText, spanOf } from './lower-expr.ts';

/** Property name in the query (lower case) -> key in Kusto's Visualization object. */
const KEYS: Record<string, keyof Visualization> = {
  title: 'Title', xcolumn: 'XColumn', series: 'Series', ycolumns: 'YColumns', anomalycolumns: 'AnomalyColumns',
  xtitle: 'XTitle', ytitle: 'YTitle', xaxis: 'XAxis', yaxis: 'YAxis', legend: 'Legend', ysplit: 'YSplit',
  accumulate: 'Accumulate', kind: 'Kind', ymin: 'Ymin', ymax: 'Ymax', xmin: 'Xmin', xmax: 'Xmax',
};

/** The value as written: a literal's value, a name, or a list of names joined with commas. */
function valueOf(node: BridgeObject): string | number | boolean {
  const cls = className(node);
  if (cls === 'LiteralExpression') {
    const v = node.LiteralValue;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
    if (v && typeof v.toNumber === 'function') return v.toNumber();
    return String(node.Token?.Text ?? node.ToString()).trim();
  }
  if (cls === 'NameReferenceList') return listElements(node.Names).map(nameText).join(',');
  if (cls === 'NameReference') return nameText(node);
  return String(node.ToString()).trim();
}

/** The Visualization of a RenderOperator node. */
export function renderVisualization(op: BridgeObject): Visualization {
  const v: Record<string, unknown> = {
    Visualization: String(op.ChartType?.Text ?? '').toLowerCase(),
    Title: null, XColumn: null, Series: null, YColumns: null, AnomalyColumns: null, XTitle: null, YTitle: null,
    XAxis: null, YAxis: null, Legend: null, YSplit: null, Accumulate: false, IsQuerySorted: false, Kind: null,
    Ymin: 'NaN', Ymax: 'NaN', Xmin: null, Xmax: null,
  };
  for (const p of listElements(op.WithClause?.Properties)) {
    const name = nameText(p.Name).toLowerCase();
    const key = KEYS[name];
    if (!key) throw new KqlError('binding', `render: unknown property ${name}`, spanOf(p));
    const value = valueOf(p.Expression);
    v[key] = key === 'Accumulate' ? value === true || String(value).toLowerCase() === 'true' : key === 'Ymin' || key === 'Ymax' ? Number(value) : value;
  }
  return v as unknown as Visualization;
}

/** The render operator ending a result statement's pipe, if it has one. */
export function finalRender(expression: BridgeObject): BridgeObject | undefined {
  return className(expression) === 'PipeExpression' && className(expression.Operator) === 'RenderOperator' ? expression.Operator : undefined;
}
