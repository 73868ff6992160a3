/**
 * A query's result as the two REST encodings write it, piece by piece as batches come, so a
 * large result never sits in memory as text: v1, `{"Tables":[...]}` with a QueryStatus table and a
 * table of contents (learn.microsoft.com/kusto/api/rest/response), and v2, a JSON array of frames
 * DataSetHeader, DataTable (PrimaryResult), DataTable (QueryCompletionInformation), DataSetCompletion
 * (api/rest/response-v2). A failure after the first row (a partial query failure: truncation, a
 * limit, servertimeout) is a OneApiErrors row object at the end of the primary table's rows (v2;
 * `{"Exceptions":[...]}` in v1), an error row in the status table and, in v2, HasErrors and
 * OneApiErrors in DataSetCompletion: as the Kusto SDKs read them (they raise it as an error).
 */
import type { Batch, Schema } from '../kql/types.ts';
import type { Visualization } from '../kql/visualization.ts';
import { jsonString } from '../kql/values/dynamic.ts';
import { oneApiError, type KustoError, type RequestIdentity } from './kusto-errors.ts';
import { DOTNET_TYPE, v1Cell, v2Cell } from './kusto-values.ts';

export interface ResultEncoder {
  /** Everything up to the first row of the primary table. */
  head(schema: Schema): string;
  /** The rows of one batch, in chunks of about 64 KiB. */
  rows(batch: Batch): Generator<string>;
  /** The rest, after the last row: the partial failure if there was one. */
  tail(failure: KustoError | undefined): string;
}

const CHUNK = 64 * 1024;

function* rowTexts(batch: Batch, schema: Schema, cell: typeof v2Cell, first: () => boolean): Generator<string> {
  const types = schema.map((c) => c.type);
  let out = '';
  for (let i = 0; i < batch.length; i++) {
    out += first() ? '[' : ',[';
    for (let j = 0; j < types.length; j++) out += (j === 0 ? '' : ',') + cell(types[j]!, batch.columns[j]![i]!);
    out += ']';
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}

/** The status code Kusto gives a failure in its status rows: the HRESULT its message names, else E_FAIL. */
function hresult(e: KustoError): number {
  const m = /\((80[0-9A-F]{6})\)/.exec(e.message);
  return (m ? parseInt(m[1]!, 16) : 0x80004005) | 0;
}

/** Kusto's own text of an error in v1 `Exceptions`: the message, then the exception type. */
const exceptionText = (e: KustoError): string => `${e.message}\r\n[0]${e.type}: ${e.message}`;

/**
 * The QueryProperties table Kusto sends before the primary result when the query ends in
 * `render` (response-v2 doc: TableKind QueryProperties, TableName @ExtendedProperties; a row
 * TableId, Key "Visualization", Value the render properties' JSON text).
 */
function queryProperties(visualization: Visualization): string {
  const columns = '[{"ColumnName":"TableId","ColumnType":"int"},{"ColumnName":"Key","ColumnType":"string"},{"ColumnName":"Value","ColumnType":"dynamic"}]';
  return `,{"FrameType":"DataTable","TableId":0,"TableKind":"QueryProperties","TableName":"@ExtendedProperties","Columns":${columns},"Rows":[[1,"Visualization",${jsonString(JSON.stringify(visualization))}]]}\n`;
}

export function v2Encoder(id: RequestIdentity, visualization?: Visualization): ResultEncoder {
  let schema: Schema = [];
  let rows = 0;
  return {
    head(s) {
      schema = s;
      return (
        '[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0","IsFragmented":false,"ErrorReportingPlacement":"InData"}\n' +
        (visualization ? queryProperties(visualization) : '') +
        `,{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":[${s.map((c) => `{"ColumnName":${jsonString(c.name)},"ColumnType":"${c.type}"}`).join(',')}],"Rows":[`
      );
    },
    rows: (b) => rowTexts(b, schema, v2Cell, () => rows++ === 0),
    tail(failure) {
      const errors = failure ? JSON.stringify([oneApiError(failure, id)]) : '';
      let out = failure ? `${rows > 0 ? ',' : ''}{"OneApiErrors":${errors}}` : '';
      out += ']}\n';
      out += `,${JSON.stringify(completionInformation(id, failure))}\n`;
      out += `,{"FrameType":"DataSetCompletion","HasErrors":${failure ? 'true' : 'false'},"Cancelled":false${failure ? `,"OneApiErrors":${errors}` : ''}}]`;
      return out;
    },
  };
}

/** The QueryCompletionInformation table: one QueryInfo row, and an error row after a failure. */
function completionInformation(id: RequestIdentity, failure: KustoError | undefined): object {
  const ts = new Date().toISOString();
  const row = (level: number, levelName: string, status: number, statusName: string, eventType: number, eventName: string, payload: object) => [
    ts, id.clientRequestId, id.activityId, id.activityId, id.activityId, level, levelName, status, statusName, eventType, eventName, JSON.stringify(payload),
  ];
  const rows = [row(4, 'Info', 0, 'S_OK (0)', 4, 'QueryInfo', { Count: 1, Text: 'Query completed successfully' })];
  if (failure) {
    const code = hresult(failure);
    rows.push(row(2, 'Error', code, `${failure.code} (0x${(code >>> 0).toString(16).toUpperCase()})`, 4, 'QueryInfo', { Count: 1, Text: failure.message }));
  }
  const col = (ColumnName: string, ColumnType: string) => ({ ColumnName, ColumnType });
  return {
    FrameType: 'DataTable',
    TableId: 2,
    TableKind: 'QueryCompletionInformation',
    TableName: 'QueryCompletionInformation',
    Columns: [
      col('Timestamp', 'datetime'), col('ClientRequestId', 'string'), col('ActivityId', 'guid'), col('SubActivityId', 'guid'), col('ParentActivityId', 'guid'),
      col('Level', 'int'), col('LevelName', 'string'), col('StatusCode', 'int'), col('StatusCodeName', 'string'), col('EventType', 'int'), col('EventTypeName', 'string'), col('Payload', 'string'),
    ],
    Rows: rows,
  };
}

/** A v1 table's Columns: name, .NET type and Kusto type. */
export function v1Columns(schema: Schema): string {
  return `[${schema.map((c) => `{"ColumnName":${jsonString(c.name)},"DataType":"${DOTNET_TYPE[c.type]}","ColumnType":"${c.type}"}`).join(',')}]`;
}

export function v1Encoder(id: RequestIdentity): ResultEncoder {
  let schema: Schema = [];
  let rows = 0;
  return {
    head(s) {
      schema = s;
      return `{"Tables":[{"TableName":"Table_0","Columns":${v1Columns(s)},"Rows":[`;
    },
    rows: (b) => rowTexts(b, schema, v1Cell, () => rows++ === 0),
    tail(failure) {
      const exceptions = failure ? JSON.stringify([exceptionText(failure)]) : '';
      let out = failure ? `${rows > 0 ? ',' : ''}{"Exceptions":${exceptions}}` : '';
      out += ']}';
      const ts = new Date().toISOString();
      const status = (severity: number, name: string, code: number, text: string) => [ts, severity, name, code, text, 1, id.activityId, id.activityId, id.activityId, id.clientRequestId];
      const statusRows = [status(4, 'Info', 0, 'Query completed successfully')];
      if (failure) statusRows.push(status(2, 'Error', hresult(failure), failure.message));
      const statusSchema: Schema = [
        { name: 'Timestamp', type: 'datetime' }, { name: 'Severity', type: 'int' }, { name: 'SeverityName', type: 'string' }, { name: 'StatusCode', type: 'int' },
        { name: 'StatusDescription', type: 'string' }, { name: 'Count', type: 'int' }, { name: 'RequestId', type: 'guid' }, { name: 'ActivityId', type: 'guid' },
        { name: 'SubActivityId', type: 'guid' }, { name: 'ClientActivityId', type: 'string' },
      ];
      out += `,{"TableName":"Table_1","Columns":${v1Columns(statusSchema)},"Rows":${JSON.stringify(statusRows)}}`;
      const tocSchema: Schema = [{ name: 'Ordinal', type: 'long' }, { name: 'Kind', type: 'string' }, { name: 'Name', type: 'string' }, { name: 'Id', type: 'string' }, { name: 'PrettyName', type: 'string' }];
      const toc = [
        [0, 'QueryResult', 'PrimaryResult', id.activityId, ''],
        [1, 'QueryStatus', 'QueryStatus', '00000000-0000-0000-0000-000000000000', ''],
      ];
      out += `,{"TableName":"Table_2","Columns":${v1Columns(tocSchema)},"Rows":${JSON.stringify(toc)}}]`;
      return out + (failure ? `,"Exceptions":${exceptions}}` : '}');
    },
  };
}

/** A whole v1 response of one small table (management commands). */
export function v1Table(schema: Schema, rows: readonly (readonly unknown[])[]): string {
  return `{"Tables":[{"TableName":"Table_0","Columns":${v1Columns(schema)},"Rows":${JSON.stringify(rows)}}]}`;
}
