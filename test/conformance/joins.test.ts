// Conformance with the examples of Microsoft's Kusto documentation (joins); see harness.ts.
import { docCases } from './harness.ts';

docCases('joins', [
  {
    page: 'join-fullouter.md',
    name: "#1 This example query combines rows from both tables X and Y, filling in missing values with NULL where there's n",
    anyRowOrder: 'join does not define the order of its output rows',
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=fullouter Y on Key`,
    output: `
|Key|Value1|Key1|Value2|
|---|---|---|---|
|b|3|b|10|
|b|2|b|10|
|c|4|c|20|
|c|4|c|30|
|||d|40|
|a|1|||
`,
  },
  {
    page: 'join-inner.md',
    name: "#1 The example query combines rows from tables X and Y where the keys match, showing only the rows that exist in ",
    anyRowOrder: 'join does not define the order of its output rows',
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'k',5,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40,
    'k',50
];
X | join kind=inner Y on Key`,
    output: `
|Key|Value1|Key1|Value2|
|---|---|---|---|
|b|3|b|10|
|b|2|b|10|
|c|4|c|20|
|c|4|c|30|
|k|5|k|50|
`,
  },
  {
    page: 'join-innerunique.md',
    name: "#1 The example query combines rows from tables X and Y where the keys match, showing only the rows that exist in ",
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join Y on Key`,
    output: `
|Key|Value1|Key1|Value2|
|---|---|---|---|
|b|2|b|10|
|c|4|c|20|
|c|4|c|30|
`,
  },
  {
    page: 'join-innerunique.md',
    name: "#2 Two possible outputs from innerunique join",
    query: `let t1 = datatable(key: long, value: string)  
    [
    1, "val1.1",  
    1, "val1.2"  
];
let t2 = datatable(key: long, value: string)  
    [  
    1, "val1.3",
    1, "val1.4"  
];
t1
| join kind = innerunique
    t2
    on key`,
    output: `
|key|value|key1|value1|
|---|---|---|---|
|1|val1.1|1|val1.3|
|1|val1.1|1|val1.4|
`,
  },
  {
    page: 'join-innerunique.md',
    name: "#3 innerunique: the second possible output",
    decision:
      "The page shows the two outputs innerunique may give (it keeps one arbitrary left row per key: 'the join operator randomly selected...'); trailhound keeps the first left row (docs/kql.md), which is the page's first output.",
    corrected: `
|key|value|key1|value1|
|---|---|---|---|
|1|val1.1|1|val1.3|
|1|val1.1|1|val1.4|
`,
    query: `let t1 = datatable(key: long, value: string)  
    [
    1, "val1.1",  
    1, "val1.2"  
];
let t2 = datatable(key: long, value: string)  
    [  
    1, "val1.3", 
    1, "val1.4"  
];
t1
| join kind = innerunique
    t2
    on key`,
    output: `
|key|value|key1|value1|
|---|---|---|---|
|1|val1.2|1|val1.3|
|1|val1.2|1|val1.4|
`,
  },
  {
    page: 'join-innerunique.md',
    name: "#4 * Use the previous example and add a filter `where value == \"val1.2\" `. It gives the second result and will ne",
    decision:
      'The page: a filter on left columns after innerunique is applied before its one-row-per-key choice. trailhound moves such a where below the join (src/kql/syntax/lower-operators.ts), so val1.2 is the row kept.',
    query: `let t1 = datatable(key: long, value: string)  
    [
    1, "val1.1",  
    1, "val1.2"  
];
let t2 = datatable(key: long, value: string)  
    [  
    1, "val1.3", 
    1, "val1.4"  
];
t1
| join kind = innerunique
    t2
    on key
| where value == "val1.2"`,
    output: `
|key|value|key1|value1|
|---|---|---|---|
|1|val1.2|1|val1.3|
|1|val1.2|1|val1.4|
`,
  },
  {
    page: 'join-leftanti.md',
    name: "#1 The example query combines rows from tables X and Y where there is no match in Y for the keys in X, effectivel",
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=leftanti Y on Key`,
    output: `
|Key|Value1|
|---|---|
|a|1|
`,
  },
  {
    page: 'join-leftouter.md',
    name: "#1 The result of a left outer join for tables X and Y always contains all records of the left table (X), even if ",
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=leftouter Y on Key`,
    output: `
|Key|Value1|Key1|Value2|
|---|---|---|---|
|a|1|||
|b|2|b|10|
|b|3|b|10|
|c|4|c|20|
|c|4|c|30|
`,
  },
  {
    page: 'join-leftsemi.md',
    name: "#1 This query filters and returns only those rows from table X that have a matching key in table Y.",
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=leftsemi Y on Key`,
    output: `
|Key|Value1|
|---|---|
|b|2|
|b|3|
|c|4|
`,
  },
  {
    page: 'join-rightanti.md',
    name: "#1 This query filters and returns only those rows from table Y that do not have a matching key in table X.",
    decision:
      "rightanti returns the right side's columns (Key, Value2), as the page's own rows (d, 40) and the rightanti prose show; the `Value1` header is a typo.",
    corrected: `
|Key|Value2|
|---|---|
|d|40|
`,
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=rightanti Y on Key`,
    output: `
|Key|Value1|
|---|---|
|d|40|
`,
  },
  {
    page: 'join-rightouter.md',
    name: "#1 This query returns all rows from table Y and any matching rows from table X, filling in NULL values where ther",
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=rightouter Y on Key`,
    output: `
|Key|Value1|Key1|Value2|
|---|---|---|---|
|b|2|b|10|
|b|3|b|10|
|c|4|c|20|
|c|4|c|30|
|||d|40|
`,
  },
  {
    page: 'join-rightsemi.md',
    name: "#1 This query filters and returns only those rows from table Y that have a matching key in table X.",
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
X | join kind=rightsemi Y on Key`,
    output: `
| Key | Value2 |
|--|--|
| b | 10 |
| c | 20 |
| c | 30 |
`,
  },
  {
    page: 'join-time-window.md',
    name: "#1 The following query creates the dataset and then identifies all the session IDs in which event type `A` was fo",
    query: `let T = datatable(SessionId:string, EventType:string, Timestamp:datetime)
[
    '0', 'A', datetime(2017-10-01 00:00:00),
    '0', 'B', datetime(2017-10-01 00:01:00),
    '1', 'B', datetime(2017-10-01 00:02:00),
    '1', 'A', datetime(2017-10-01 00:03:00),
    '3', 'A', datetime(2017-10-01 00:04:00),
    '3', 'B', datetime(2017-10-01 00:10:00),
];
T
| where EventType == 'A'
| project SessionId, Start=Timestamp
| join kind=inner
    (
    T 
    | where EventType == 'B'
    | project SessionId, End=Timestamp
    ) on SessionId
| where (End - Start) between (0min .. 1min)
| project SessionId, Start, End`,
    output: `
| SessionId | Start | End |
|--|--|--|
| 0 | 2017-10-01 00:00:00.0000000 | 2017-10-01 00:01:00.0000000 |
`,
  },
  {
    page: 'join-time-window.md',
    name: "#2 The query finds pairs of events within the same session (*SessionId*) where an 'A' event is followed by a 'B' ",
    query: `let T = datatable(SessionId:string, EventType:string, Timestamp:datetime)
[
    '0', 'A', datetime(2017-10-01 00:00:00),
    '0', 'B', datetime(2017-10-01 00:01:00),
    '1', 'B', datetime(2017-10-01 00:02:00),
    '1', 'A', datetime(2017-10-01 00:03:00),
    '3', 'A', datetime(2017-10-01 00:04:00),
    '3', 'B', datetime(2017-10-01 00:10:00),
];
let lookupWindow = 1min;
let lookupBin = lookupWindow / 2.0;
T 
| where EventType == 'A'
| project SessionId, Start=Timestamp, TimeKey = bin(Timestamp, lookupBin)
| join kind=inner
    (
    T 
    | where EventType == 'B'
    | project SessionId, End=Timestamp,
              TimeKey = range(bin(Timestamp-lookupWindow, lookupBin),
                              bin(Timestamp, lookupBin),
                              lookupBin)
    | mv-expand TimeKey to typeof(datetime)
    ) on SessionId, TimeKey 
| where (End - Start) between (0min .. lookupWindow)
| project SessionId, Start, End`,
    output: `
| SessionId | Start | End |
|--|--|--|
| 0 | 2017-10-01 00:00:00.0000000 | 2017-10-01 00:01:00.0000000 |
`,
  },
  {
    page: 'join-time-window.md',
    name: "#3 The next query emulates an extensive dataset of 5M records and approximately 1M Session IDs and runs the query",
    query: `let T = range x from 1 to 5000000 step 1
| extend SessionId = rand(1000000), EventType = rand(3), Time=datetime(2017-01-01)+(x * 10ms)
| extend EventType = case(EventType < 1, "A",
                          EventType < 2, "B",
                          "C");
let lookupWindow = 1min;
let lookupBin = lookupWindow / 2.0;
T 
| where EventType == 'A'
| project SessionId, Start=Time, TimeKey = bin(Time, lookupBin)
| join kind=inner
    (
    T 
    | where EventType == 'B'
    | project SessionId, End=Time, 
              TimeKey = range(bin(Time-lookupWindow, lookupBin), 
                              bin(Time, lookupBin),
                              lookupBin)
    | mv-expand TimeKey to typeof(datetime)
    ) on SessionId, TimeKey 
| where (End - Start) between (0min .. lookupWindow)
| project SessionId, Start, End 
| count`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'lookup-operator.md',
    name: "#2 The following example shows how to perform a left outer join between the `FactTable` and `DimTable`, based on ",
    query: `let FactTable=datatable(Row:string,Personal:string,Family:string) [
  "1", "Rowan",   "Murphy",
  "2", "Ellis",   "Turner",
  "3", "Ellis",   "Turner",
  "4", "Maya",  "Robinson",
  "5", "Quinn",    "Campbell"
];
let DimTable=datatable(Personal:string,Family:string,Alias:string) [
  "Rowan",  "Murphy",   "rowanm",
  "Ellis",  "Turner", "ellist",
  "Maya", "Robinson", "mayar",
  "Quinn",   "Campbell",    "quinnc"
];
FactTable
| lookup kind=leftouter DimTable on Personal, Family`,
    output: `
| Row | Personal | Family | Alias |
|--|--|--|--|
| 1 | Rowan | Murphy | rowanm |
| 2 | Ellis | Turner | ellist |
| 3 | Ellis | Turner | ellist |
| 4 | Maya | Robinson | mayar |
| 5 | Quinn | Campbell | quinnc |
`,
  },
]);
