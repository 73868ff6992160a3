/**
 * The size limit of one field value where Sentinel stores AWSCloudTrail: Log Analytics keeps at
 * most 32 KB of a field and truncates the rest ("Maximum size for field values (Log Analytics):
 * 32 KB (truncated above the limit)", learn.microsoft.com/azure/sentinel/datalake/sentinel-lake-service-limits;
 * the Data Collector API states the same, learn.microsoft.com/azure/azure-monitor/fundamentals/service-limits).
 * Our reading where the pages are silent: KB = 1,024 bytes, counted in UTF-8 (how Kusto measures
 * its own 1 MB string limit, learn.microsoft.com/kusto/query/scalar-data-types/string), cut at a
 * character boundary.
 */
export const LOG_ANALYTICS_MAX_FIELD_BYTES = 32 * 1024;

/**
 * `s` cut to its longest prefix of at most `max` UTF-8 bytes that ends on a whole character,
 * and the UTF-8 size of `s`; undefined when `s` fits. A lone surrogate counts 3 bytes, as the
 * U+FFFD it is written as.
 */
export function cutToUtf8(s: string, max: number): { text: string; bytes: number } | undefined {
  // Each UTF-16 unit is at most 3 UTF-8 bytes: short strings fit without being measured.
  if (s.length * 3 <= max) return undefined;
  const bytes = Buffer.byteLength(s, 'utf8');
  if (bytes <= max) return undefined;
  let used = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (used + n > max) break;
    used += n;
    i += pair ? 2 : 1;
  }
  return { text: s.slice(0, i), bytes };
}
