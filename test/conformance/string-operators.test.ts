// Conformance with the examples of Microsoft's Kusto documentation (string-operators); see harness.ts.
import { docCases } from './harness.ts';

docCases('string-operators', [
  {
    page: 'between-operator.md',
    name: "#1 In the following example, the rows are filtered by numeric values.",
    query: `range x from 1 to 100 step 1
| where x between (50 .. 55)`,
    output: `
|x|
|---|
|50|
|51|
|52|
|53|
|54|
|55|
`,
  },
  {
    page: 'not-between-operator.md',
    name: "#1 Filter numeric values",
    query: `range x from 1 to 10 step 1
| where x !between (5 .. 9)`,
    output: `
|x|
|---|
|1|
|2|
|3|
|4|
|10|
`,
  },
]);

// ---- Examples over the Samples database's StormEvents, adapted to a datatable -----------------
/** StormEvents per State (the Samples database), from the counts the docs' outputs print (40 states; they agree everywhere they repeat). */
const BY_STATE = `let StormEventsByState = datatable(State:string, event_count:long) [
  "TEXAS", 4701, "KANSAS", 3166, "IOWA", 2337, "ILLINOIS", 2022,
  "MISSOURI", 2016, "GEORGIA", 1983, "MINNESOTA", 1881, "WISCONSIN", 1850,
  "NEBRASKA", 1766, "NEW YORK", 1750, "NORTH CAROLINA", 1721, "OKLAHOMA", 1716,
  "PENNSYLVANIA", 1687, "COLORADO", 1654, "MICHIGAN", 1637, "SOUTH DAKOTA", 1567,
  "KENTUCKY", 1391, "OHIO", 1233, "MONTANA", 1230, "INDIANA", 1164,
  "TENNESSEE", 1125, "NEW JERSEY", 1044, "FLORIDA", 1042, "ARKANSAS", 1028,
  "SOUTH CAROLINA", 915, "NORTH DAKOTA", 905, "NEW MEXICO", 527, "LOUISIANA", 463,
  "NEW HAMPSHIRE", 394, "ARIZONA", 340, "ATLANTIC SOUTH", 193, "PUERTO RICO", 192,
  "ATLANTIC NORTH", 188, "LAKE MICHIGAN", 182, "LAKE HURON", 63, "LAKE SUPERIOR", 34,
  "LAKE ST CLAIR", 32, "LAKE ERIE", 27, "E PACIFIC", 10, "LAKE ONTARIO", 8,
];
`;

const PER_STATE =
  "`StormEvents | summarize <count> by State` becomes StormEventsByState (BY_STATE: the per-state counts the docs print), with the page's count column name; the page's predicate and what follows are verbatim. The other states of StormEvents are absent, so only examples whose output the 40 states decide are here.";
const EVENT_COUNT =
  '`StormEvents | where <predicate on State> | count` becomes StormEventsByState | where <predicate> | summarize Count = sum(event_count) (the events of the kept states); the predicate is verbatim.';
const ORDER = 'summarize does not define the order of its groups';

docCases('string-operators (StormEvents adapted)', [
  {
    page: 'has-operator.md',
    name: 'has "New": whole terms, case-insensitive',
    query: `${BY_STATE}StormEventsByState
| where State has "New"
| where event_count > 10
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|-----|-----------|
|NEW YORK|1,750|
|NEW JERSEY|1,044|
|NEW MEXICO|527|
|NEW HAMPSHIRE|394|
`,
  },
  {
    page: 'has-cs-operator.md',
    name: 'has_cs "FLORIDA"',
    query: `${BY_STATE}StormEventsByState
| where State has_cs "FLORIDA"`,
    adapted: PER_STATE,
    output: `
|State|event_count|
|---|---|
|FLORIDA|1042|
`,
  },
  {
    page: 'has-cs-operator.md',
    name: 'has_cs "florida" finds nothing',
    query: `${BY_STATE}StormEventsByState
| where State has_cs "florida"`,
    adapted: PER_STATE,
    output: `
|State|event_count|
|---|---|
|||
`,
    decision: "The page's empty row `|||` is how it shows an empty result (its prose: no rows, the search is case-sensitive).",
    corrected: `
|State|event_count|
|---|---|
`,
  },
  {
    page: 'hasprefix-cs-operator.md',
    name: 'hasprefix_cs "P" | count',
    query: `${BY_STATE}StormEventsByState
| where State hasprefix_cs "P"
| count`,
    adapted: PER_STATE,
    output: `
|Count|
|---|
|3|
`,
  },
  {
    page: 'hasprefix-cs-operator.md',
    name: 'hasprefix_cs "P": a term prefix anywhere (E PACIFIC)',
    query: `${BY_STATE}StormEventsByState
| where State hasprefix_cs "P"
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|PENNSYLVANIA|1687|
|PUERTO RICO|192|
|E PACIFIC|10|
`,
  },
  {
    page: 'hasprefix-operator.md',
    name: 'hasprefix "la"',
    query: `${BY_STATE}StormEventsByState
| where State hasprefix "la"
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|LAKE MICHIGAN|182|
|LAKE HURON|63|
|LAKE SUPERIOR|34|
|LAKE ST CLAIR|32|
|LAKE ERIE|27|
|LAKE ONTARIO|8|
`,
  },
  {
    page: 'hassuffix-cs-operator.md',
    name: 'hassuffix_cs "AS"',
    query: `${BY_STATE}StormEventsByState
| where State hassuffix_cs "AS"
| where event_count > 2000
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|TEXAS|4701|
|KANSAS|3166|
`,
  },
  {
    page: 'hassuffix-operator.md',
    name: 'hassuffix "th": a term suffix anywhere (NORTH CAROLINA, ATLANTIC SOUTH)',
    query: `${BY_STATE}StormEventsByState
| where State hassuffix "th"
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|NORTH CAROLINA|1721|
|SOUTH DAKOTA|1567|
|SOUTH CAROLINA|915|
|NORTH DAKOTA|905|
|ATLANTIC SOUTH|193|
|ATLANTIC NORTH|188|
`,
  },
  {
    page: 'contains-operator.md',
    name: 'contains "enn": any substring, case-insensitive',
    query: `${BY_STATE}StormEventsByState
| where State contains "enn"
| where event_count > 10
| project State, event_count
| render table`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|-----|-----------|
|PENNSYLVANIA|1687|
|TENNESSEE|1125|
`,
  },
  {
    page: 'endswith-cs-operator.md',
    name: 'endswith_cs "NA"',
    query: `${BY_STATE}StormEventsByState
| project State, Events = event_count
| where State endswith_cs "NA"`,
    adapted: PER_STATE + ' (the page names the count column Events: `summarize Events = count() by State`)',
    anyRowOrder: ORDER,
    output: `
|State|Events|
|--|--|
|NORTH CAROLINA |1721|
|MONTANA |1230|
|INDIANA |1164|
|SOUTH CAROLINA| 915|
|LOUISIANA| 463|
|ARIZONA| 340|
`,
  },
  {
    page: 'endswith-operator.md',
    name: 'endswith "sas"',
    query: `${BY_STATE}StormEventsByState
| project State, Events = event_count
| where State endswith "sas"
| where Events > 10
| project State, Events`,
    adapted: PER_STATE + ' (count column Events)',
    anyRowOrder: ORDER,
    output: `
|State|Events|
|--|--|
|KANSAS|3166|
|ARKANSAS|1028|
`,
  },
  {
    page: 'matches-regex-operator.md',
    name: 'matches regex "K.*S": unanchored, case-sensitive',
    query: `${BY_STATE}StormEventsByState
| where State matches regex "K.*S"
| where event_count > 10
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|KANSAS|3166|
|ARKANSAS|1028|
|LAKE SUPERIOR|34|
|LAKE ST CLAIR|32|
`,
  },
  {
    page: 'has-any-operator.md',
    name: 'has_any ("CAROLINA", "DAKOTA", "NEW")',
    query: `${BY_STATE}StormEventsByState
| where State has_any ("CAROLINA", "DAKOTA", "NEW")
| project State, count_ = event_count`,
    adapted: PER_STATE + ' (`summarize count() by State` after the where: the column is count_)',
    anyRowOrder: ORDER,
    output: `
|State|count_|
|---|---|
|NEW YORK|1750|
|NORTH CAROLINA|1721|
|SOUTH DAKOTA|1567|
|NEW JERSEY|1044|
|SOUTH CAROLINA|915|
|NORTH DAKOTA|905|
|NEW MEXICO|527|
|NEW HAMPSHIRE|394|
`,
  },
  {
    page: 'has-any-operator.md',
    name: "has_any (dynamic(['south', 'north']))",
    query: `${BY_STATE}StormEventsByState
| where State has_any (dynamic(['south', 'north']))
| project State, count_ = event_count`,
    adapted: PER_STATE + ' (column count_)',
    anyRowOrder: ORDER,
    output: `
|State|count_|
|---|---|
|NORTH CAROLINA|1721|
|SOUTH DAKOTA|1567|
|SOUTH CAROLINA|915|
|NORTH DAKOTA|905|
|ATLANTIC SOUTH|193|
|ATLANTIC NORTH|188|
`,
  },
  {
    page: 'has-any-operator.md',
    name: 'has_any (areas) with a let-bound dynamic array',
    query: `let areas = dynamic(['south', 'north']);
${BY_STATE}StormEventsByState
| where State has_any (areas)
| project State, count_ = event_count`,
    adapted: PER_STATE + ' (column count_)',
    anyRowOrder: ORDER,
    output: `
|State|count_|
|---|---|
|NORTH CAROLINA|1721|
|SOUTH DAKOTA|1567|
|SOUTH CAROLINA|915|
|NORTH DAKOTA|905|
|ATLANTIC SOUTH|193|
|ATLANTIC NORTH|188|
`,
  },
  {
    page: 'in-cs-operator.md',
    name: 'in ("FLORIDA", "GEORGIA", "NEW YORK") | count',
    query: `${BY_STATE}StormEventsByState
| where State in ("FLORIDA", "GEORGIA", "NEW YORK")
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT,
    output: `
|Count|
|---|
|4775|
`,
  },
  {
    page: 'in-cs-operator.md',
    name: 'in (states) with a let-bound dynamic array',
    query: `let states = dynamic(['FLORIDA', 'ATLANTIC SOUTH', 'GEORGIA']);
${BY_STATE}StormEventsByState
| where State in (states)
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT,
    output: `
|Count|
|---|
|3218|
`,
  },
  {
    page: 'in-cs-operator.md',
    name: 'in (tabular subquery: the top 5 states)',
    query: `${BY_STATE}StormEventsByState
| where State in (
    StormEventsByState
    | project State, count_ = event_count
    | top 5 by count_
    )
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT + ' The inner `StormEvents | summarize count() by State` is StormEventsByState with its column named count_.',
    output: `
|Count|
|---|
|14242|
`,
  },
  {
    page: 'in-operator.md',
    name: 'in~ ("FLORIDA", "georgia", "NEW YORK"): case-insensitive',
    query: `${BY_STATE}StormEventsByState
| where State in~ ("FLORIDA", "georgia", "NEW YORK")
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT,
    output: `
|Count|
|---|
|4775|
`,
  },
  {
    page: 'in-operator.md',
    name: 'in~ (dynamic([...]))',
    query: `${BY_STATE}StormEventsByState
| where State in~ (dynamic(["FLORIDA", "georgia", "NEW YORK"]))
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT,
    output: `
|Count|
|---|
|4775|
`,
  },
  {
    page: 'equals-cs-operator.md',
    name: '== "kansas" is case-sensitive: no events',
    query: `${BY_STATE}StormEventsByState
| where State == "kansas"
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT + ' (sum over no rows is 0, like count)',
    output: `
|Count|
|---|
|0|
`,
  },
  {
    page: 'equals-cs-operator.md',
    name: '== "KANSAS"',
    query: `${BY_STATE}StormEventsByState
| where State == "KANSAS"
| summarize Count = sum(event_count)`,
    adapted: EVENT_COUNT,
    output: `
|Count|
|---|
|3,166|
`,
  },
  {
    page: 'not-contains-cs-operator.md',
    name: '!contains_cs "TEX"',
    query: `${BY_STATE}StormEventsByState
| where State !contains_cs "TEX"
| where event_count > 3000
| project State, event_count`,
    adapted: PER_STATE + ' (every state with more than 3000 events is among the 40)',
    output: `
|State|event_count|
|---|---|
|KANSAS|3,166|
`,
  },
  {
    page: 'not-contains-operator.md',
    name: '!contains "kan"',
    query: `${BY_STATE}StormEventsByState
| where State !contains "kan"
| where event_count > 3000
| project State, event_count`,
    adapted: PER_STATE,
    output: `
|State|event_count|
|---|---|
|TEXAS|4701|
`,
  },
  {
    page: 'not-endswith-operator.md',
    name: '!endswith "is"',
    query: `${BY_STATE}StormEventsByState
| project State, Events = event_count
| where State !endswith "is"
| where Events > 2000
| project State, Events`,
    adapted: PER_STATE + ' (count column Events; every state with more than 2000 events is among the 40: the top 5 sum to 14242 on the in-cs page)',
    anyRowOrder: ORDER,
    output: `
|State|Events|
|---|---|
|TEXAS|4701|
|KANSAS|3166|
|IOWA|2337|
|MISSOURI|2016|
`,
  },
  {
    page: 'not-equals-cs-operator.md',
    name: '!= "FLORIDA"',
    query: `${BY_STATE}StormEventsByState
| where (State != "FLORIDA") and (event_count > 4000)
| project State, event_count`,
    adapted: PER_STATE,
    output: `
|State|event_count|
|---|---|
|TEXAS|4,701|
`,
  },
  {
    page: 'not-equals-operator.md',
    name: '!~ "texas": case-insensitive inequality',
    query: `${BY_STATE}StormEventsByState
| where (State !~ "texas") and (event_count > 3000)
| project State, event_count`,
    adapted: PER_STATE,
    output: `
|State|event_count|
|---|---|
|KANSAS|3,166|
`,
  },
  {
    page: 'not-has-operator.md',
    name: '!has "NEW"',
    query: `${BY_STATE}StormEventsByState
| where State !has "NEW"
| where event_count > 3000
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|TEXAS|4,701|
|KANSAS|3,166|
`,
  },
  {
    page: 'not-hasprefix-operator.md',
    name: '!hasprefix "N"',
    query: `${BY_STATE}StormEventsByState
| where State !hasprefix "N"
| where event_count > 2000
| project State, event_count`,
    adapted: PER_STATE,
    anyRowOrder: ORDER,
    output: `
|State|event_count|
|---|---|
|TEXAS|4701|
|KANSAS|3166|
|IOWA|2337|
|ILLINOIS|2022|
|MISSOURI|2016|
`,
  },
]);
