// Conformance with the examples of Microsoft's Kusto documentation (tabular-operators); see harness.ts.
import { docCases } from './harness.ts';

docCases('tabular-operators', [
  {
    page: 'alias-statement.md',
    name: "#2 Then, give an alias to the `Samples` database and use that name to check the record count of the `StormEvents`",
    query: `alias database samplesAlias = cluster("https://help.kusto.windows.net").database("Samples");
database("samplesAlias").StormEvents | count`,
    unsupported: "the alias statement is not supported by trailhound",
  },
  {
    page: 'alias-statement.md',
    name: "#3 Create an alias name that contains spaces using the bracket syntax.",
    query: `alias database ["Samples Database Alias"] = cluster("https://help.kusto.windows.net").database("Samples");
database("Samples Database Alias").StormEvents | count`,
    unsupported: "the alias statement is not supported by trailhound",
  },
  {
    page: 'as-operator.md',
    name: "#2 Alternatively, you can write the same example as follows:",
    query: `union withsource=TableName (range x from 1 to 5 step 1 | as T1), (range x from 1 to 5 step 1 | as T2)`,
    output: `
| TableName| x |
|--|---|
| T1 | 1 |
| T1 | 2 |
| T1 | 3 |
| T1 | 4 |
| T1 | 5 |
| T2 | 1 |
| T2 | 2 |
| T2 | 3 |
| T2 | 4 |
| T2 | 5 |
`,
  },
  {
    page: 'cursor-current.md',
    name: "#1 The following example retrieves the current cursor value for the database.",
    query: `// Retrieve the current cursor value for the database
print CurrentCursor = cursor_current()`,
    unsupported: "the function cursor_current() is not supported by trailhound",
  },
  {
    page: 'datatable-operator.md',
    name: "#1 The following example creates a table with *Date*, *Event*, and *MoreData* columns, filters rows with Event de",
    query: `datatable(Date:datetime, Event:string, MoreData:dynamic) [
    datetime(1910-06-11), "Born", dynamic({"key1":"value1", "key2":"value2"}),
    datetime(1930-01-01), "Enters Ecole Navale", dynamic({"key1":"value3", "key2":"value4"}),
    datetime(1953-01-01), "Published first book", dynamic({"key1":"value5", "key2":"value6"}),
    datetime(1997-06-25), "Died", dynamic({"key1":"value7", "key2":"value8"}),
]
| where strlen(Event) > 4
| extend key2 = MoreData.key2`,
    output: `
| Date | Event | MoreData | key2 |
|--|--|--|--|
| 1930-01-01 00:00:00.0000000 | Enters Ecole Navale | {<br>  "key1": "value3",<br>  "key2": "value4"<br>} | value4 |
| 1953-01-01 00:00:00.0000000 | Published first book | {<br>  "key1": "value5",<br>  "key2": "value6"<br>} | value6 |
`,
  },
  {
    page: 'datetime-timespan-arithmetic.md',
    name: "#1 The following example converts Unix time to UTC datetime.",
    query: `let fromUnixTime = (t: long) { 
    datetime(1970-01-01) + t * 1sec 
};
print result = fromUnixTime(1546897531)`,
    output: `
| result |
|---|
| 2019-01-07 21:45:31.0000000 |
`,
  },
  {
    page: 'datetime-timespan-arithmetic.md',
    name: "#2 The following example converts UTC datetime to Unix time.",
    query: `let toUnixTime = (dt: datetime) { 
    (dt - datetime(1970-01-01)) / 1s 
};
print result = toUnixTime(datetime(2019-01-07 21:45:31.0000000))`,
    output: `
| result |
|---|
| 1546897531 |
`,
  },
  {
    page: 'find-operator.md',
    name: "#3 The following example finds all rows from all tables in the current database in which any column includes the ",
    query: `find "Hernandez"`,
    unsupported: "the tabular expression Find is not supported by trailhound",
  },
  {
    page: 'find-operator.md',
    name: "#5 The resulting records are transformed according to the [output schema](#output-schema).",
    query: `find in (database('*').*) where * has "Kusto"`,
    unsupported: "the tabular expression Find is not supported by trailhound",
  },
  {
    page: 'find-operator.md',
    name: "#8 The resulting records are transformed according to the [output schema](#output-schema).",
    query: `find "Kusto"`,
    unsupported: "the tabular expression Find is not supported by trailhound",
  },
  {
    page: 'find-operator.md',
    name: "#9 The following example searches for specific records in *EventsTable1* and *EventsTable2* based on a given *Ses",
    query: `find in (EventsTable1, EventsTable2) 
     where Session_Id == 'acbd207d-51aa-4df7-bfa7-be70eb68f04e' and Level == 'Error' 
     project EventText, Version, EventName, pack_all()`,
    unsupported: "Column name expected.",
  },
  {
    page: 'find-operator.md',
    name: "#12 The following example searches the database for records with the specified *Session_Id* and returns all column",
    query: `find Session_Id == 'acbd207d-51aa-4df7-bfa7-be70eb68f04e' project pack_all()`,
    unsupported: "Column name expected.",
  },
  {
    page: 'inline-external-table-operator.md',
    name: "#1 The following example queries a Parquet file stored in external storage.",
    query: `inline_external_table(Timestamp:datetime, DeviceId:string, Value:real)
    kind=storage
    dataformat=parquet
    (h@"https://mycompanystorage.blob.core.windows.net/iot/2026/06/01/data.parquet?...SAS...")
| summarize AvgValue = avg(Value) by DeviceId`,
    unsupported: "the tabular expression InlineExternalTable is not supported by trailhound",
  },
  {
    page: 'inline-external-table-operator.md',
    name: "#2 The following example queries multiple CSV files stored in external storage.",
    query: `inline_external_table(Timestamp:datetime, ProductId:string, Quantity:long)
    kind=storage
    dataformat=csv
    (
        h@"https://mycompanystorage.blob.core.windows.net/archivedproducts/2026/06/01/part-00000.csv.gz?...SAS...",
        h@"https://mycompanystorage.blob.core.windows.net/archivedproducts/2026/06/02/part-00000.csv.gz?...SAS..."
    )
    with(includeHeaders='All')
| summarize TotalQuantity = sum(Quantity) by ProductId`,
    unsupported: "the tabular expression InlineExternalTable is not supported by trailhound",
  },
  {
    page: 'inline-external-table-operator.md',
    name: "#4 The following example queries a Delta Lake table root. The schema is inferred from the Delta log, and the infe",
    query: `inline_external_table
    kind=delta
    (h@"abfss://filesystem@storageaccount.dfs.core.windows.net/delta/customer-events;sharedkey=...")
| where Amount > 0
| take 10`,
    unsupported: "the tabular expression InlineExternalTable is not supported by trailhound",
  },
  {
    page: 'inline-external-table-operator.md',
    name: "#5 The following example queries a Delta Lake table root with an explicit schema.",
    query: `inline_external_table(Timestamp:datetime, CustomerId:string, Amount:real)
    kind=delta
    (h@"abfss://filesystem@storageaccount.dfs.core.windows.net/delta/customer-events;sharedkey=...")
| summarize TotalAmount = sum(Amount) by CustomerId`,
    unsupported: "the tabular expression InlineExternalTable is not supported by trailhound",
  },
  {
    page: 'invoke-operator.md',
    name: "#1 This example shows how to use the `invoke` operator to call lambda `let` expression:",
    query: `// clipped_average(): calculates percentiles limits, and then makes another 
//                    pass over the data to calculate average with values inside the percentiles
let clipped_average = (T:(x: long), lowPercentile:double, upPercentile:double)
{
   let high = toscalar(T | summarize percentiles(x, upPercentile));
   let low = toscalar(T | summarize percentiles(x, lowPercentile));
   T 
   | where x > low and x < high
   | summarize avg(x) 
};
range x from 1 to 100 step 1
| invoke clipped_average(5, 99)`,
    output: `
|avg_x|
|---|
|52|
`,
  },
  {
    page: 'let-statement.md',
    name: "#1 The following example uses a scalar expression statement.",
    query: `let threshold = 50;
let region = "West";
datatable(Name:string, Score:int, Region:string)
[
    "Alice", 45, "West",
    "Bob", 60, "East",
    "Charlie", 55, "West",
    "Dana", 70, "North"
]
| where Score > threshold and Region == region`,
    output: `
| Name | Score | Region |
|--|--|--|
| Charlie | 55 | West |
`,
  },
  {
    page: 'let-statement.md',
    name: "#2 The following example binds the name `some number` using the `['name']` notation, and then uses it in a tabula",
    query: `let ['some number'] = 20;
range y from 0 to ['some number'] step 5`,
    output: `
| y |
|--|
| 0 |
| 5 |
| 10 |
| 15 |
| 20 |
`,
  },
  {
    page: 'let-statement.md',
    name: "#3 This example uses the let statement with arguments for scalar calculation. The query defines function `Multipl",
    query: `let MultiplyByN = (val:long, n:long) { val * n };
range x from 1 to 5 step 1 
| extend result = MultiplyByN(x, 5)`,
    output: `
| x | result |
|--|--|
| 1 | 5 |
| 2 | 10 |
| 3 | 15 |
| 4 | 20 |
| 5 | 25 |
`,
  },
  {
    page: 'let-statement.md',
    name: "#4 The following example removes leading and trailing ones from the input.",
    query: `let TrimOnes = (s:string) { trim("1", s) };
range x from 10 to 15 step 1 
| extend result = TrimOnes(tostring(x))`,
    output: `
| x | result |
|--|--|
| 10 | 0 |
| 11 |  |
| 12 | 2 |
| 13 | 3 |
| 14 | 4 |
| 15 | 5 |
`,
  },
  {
    page: 'let-statement.md',
    name: "#5 This example defines two let statements where one statement (`foo2`) uses another (`foo1`).",
    decision:
      "`count` names its column `Count` (count operator page); `result` does not come from this query. The value agrees.",
    corrected: `
|Count|
|---|
|50|
`,
    query: `let foo1 = (_start:long, _end:long, _step:long) { range x from _start to _end step _step};
let foo2 = (_step:long) { foo1(1, 100, _step)};
foo2(2) | count`,
    output: `
| result |
|--|
| 50 |
`,
  },
  {
    page: 'let-statement.md',
    name: "#6 This example shows you how to use a let statement to create a [`view` or virtual table](schema-entities/views.",
    query: `let Range10 = view () { range MyColumn from 1 to 10 step 1 };
let Range20 = view () { range MyColumn from 1 to 20 step 1 };
search MyColumn == 5`,
    unsupported: "the tabular expression Search is not supported by trailhound",
  },
  {
    page: 'logical-operators.md',
    name: "#5 The following query shows that null values are treated as false.",
    query: `print print=iff(bool(null) and true, true, false)`,
    output: `
|print|
|--|
|false|
`,
  },
  {
    page: 'named-expressions.md',
    name: "#1 For example, the following query uses the non-deterministic tabular [sample operator](sample-operator.md):",
    query: `range x from 1 to 100 step 1
| sample 1
| as T
| union T`,
    unsupported: "the sample operator is not supported by trailhound",
  },
  {
    page: 'named-expressions.md',
    name: "#2 range x from 1 to 100 step 1",
    query: `range x from 1 to 100 step 1
| sample 1
| as hint.materialized=true T
| union T`,
    unsupported: "the sample operator is not supported by trailhound",
  },
  {
    page: 'named-expressions.md',
    name: "#3 For example, the following query uses the non-deterministic function, [rand()](rand-function.md):",
    query: `let x = () {rand(1000)};
let y = () {toscalar(rand(1000))};
print x, x, y, y`,
    unsupported: "the function x() is not supported by trailhound",
  },
  {
    page: 'numerical-operators.md',
    name: "#1 For example, the following query:",
    query: `print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12`,
    output: `
|plusPlus  | minusPlus  | plusMinus  | minusMinus|
|----------|------------|------------|-----------|
|2         | 10         | 2          | 10        |
`,
  },
  {
    page: 'pattern-statement.md',
    name: "#1 This example defines a pattern that maps states to an expression that returns its capital/major city.",
    query: `declare pattern country = (name:string)[state:string]
{
  ("USA").["New York"] = { print Capital = "Albany" };
  ("USA").["Washington"] = { print Capital = "Olympia" };
  ("Canada").["Alberta"] = { print Capital = "Edmonton" };
};
country("Canada").Alberta`,
    unsupported: "the pattern statement is not supported by trailhound",
  },
  {
    page: 'pattern-statement.md',
    name: "#2 This example defines a pattern to scope data and metrics of application data. The pattern is invoked to return",
    query: `declare pattern App = (applicationId:string)[scope:string]
{
    ('a1').['Data']    = { range x from 1 to 5 step 1 | project App = "App #1", Data    = x };
    ('a1').['Metrics'] = { range x from 1 to 5 step 1 | project App = "App #1", Metrics = rand() };
    ('a2').['Data']    = { range x from 1 to 5 step 1 | project App = "App #2", Data    = 10 - x };
    ('a3').['Metrics'] = { range x from 1 to 5 step 1 | project App = "App #3", Metrics = rand() };
};
union App('a2').Data, App('a1').Metrics`,
    unsupported: "the pattern statement is not supported by trailhound",
  },
  {
    page: 'pattern-statement.md',
    name: "#7 This time the query succeeds because the enrichment data is now declared in the query, and the result is sent ",
    query: `declare pattern map_ip_to_longlat = (address:string)
{
  ("10.10.10.10") = { print Lat=37.405992, Long=-122.078515 };
};
map_ip_to_longlat("10.10.10.10")`,
    unsupported: "the pattern statement is not supported by trailhound",
  },
  {
    page: 'print-operator.md',
    name: "#1 The following example outputs a row with two columns. One column contains the sum of a series of numbers and t",
    query: `print 0 + 1 + 2 + 3 + 4 + 5, x = "Wow!"`,
    output: `
|print_0|x|
|--|--|
|15| \`Wow!\`|
`,
  },
  {
    page: 'print-operator.md',
    name: "#2 The following example outputs the results of the `strcat()` function as a concatenated string.",
    query: `print banner=strcat("Hello", ", ", "World!")`,
    output: `
|banner|
|--|
|\`Hello, World!\`|
`,
  },
  {
    page: 'project-by-names-operator.md',
    name: "#1 Use the operator to keep only the `Name` and `City` columns.",
    query: `datatable(Name:string, Age:int, City:string, Country:string) 
['Peter', 39, 'New York', 'USA']
| project-by-names "Name", "City"`,
    unsupported: "the project-by-names operator is not supported by trailhound",
  },
  {
    page: 'project-by-names-operator.md',
    name: "#2 Use the operator to select columns from the input table by providing a dynamic array of column names.",
    query: `datatable(Name:string, Age:int, City:string, Country:string) 
['Peter', 39, 'New York', 'USA']
| project-by-names dynamic(["Name", "Country"])`,
    unsupported: "the project-by-names operator is not supported by trailhound",
  },
  {
    page: 'project-by-names-operator.md',
    name: "#3 Use the operator to select columns from the input table starting with `C`.",
    query: `datatable(Name:string, Age:int, City:string, Country:string) 
['Peter', 39, 'New York', 'USA']
| project-by-names "C*"`,
    unsupported: "the project-by-names operator is not supported by trailhound",
  },
  {
    page: 'project-by-names-operator.md',
    name: "#4 Use the operator to keep columns from a table after performing a lookup, specifying which columns to retain us",
    query: `let LookupTable = 
    datatable(Name:string, Age:int, City:string, Country:string)
    ['Peter', 39, 'New York', 'USA']; 
let LookupColumns = (Source:(Name:string), lookup_columns: dynamic) { 
    Source 
    | lookup LookupTable on Name
    | project-by-names column_names_of(Source), lookup_columns
};
datatable(Name:string, Data:string)
['Peter', 'Source-data']
| invoke LookupColumns(dynamic(['Country']))`,
    unsupported: "the project-by-names operator is not supported by trailhound",
  },
  {
    page: 'project-by-names-operator.md',
    name: "#5 Use the operator to keep columns from a table after performing a lookup, specifying which columns to retain us",
    query: `let LookupTable = 
    datatable(Name:string, Age:int, City:string, Country:string)
    ['Peter', 39, 'New York', 'USA']; 
let LookupColumns = (Source:(Name:string), lookup_columns: dynamic) { 
    Source 
    | lookup LookupTable on Name
    | project-by-names column_names_of(Source), lookup_columns
};
datatable(Name:string, Data:string)
['Peter', 'Source-data']
| invoke LookupColumns(dynamic(['Country', 'NonExistent']))`,
    unsupported: "the project-by-names operator is not supported by trailhound",
  },
  {
    page: 'project-rename-operator.md',
    name: "#1 If you have a table with columns a, b, and c, and you want to rename a to new_a and b to new_b while keeping t",
    query: `print a='alpha', b='bravo', c='charlie'
| project-rename new_a=a, new_b=b, new_c=c`,
    output: `
|new_a|new_b|new_c|
|--|--|--|
|alpha|bravo|charlie|
`,
  },
  {
    page: 'project-reorder-operator.md',
    name: "#1 Reorder a table with three columns (a, b, c) so the second column (b) will appear first.",
    query: `print a='a', b='b', c='c'
|  project-reorder b`,
    output: `
| b | a | c |
|--|--|--|
| b | a | c |
`,
  },
  {
    page: 'project-reorder-operator.md',
    name: "#2 Reorder columns of a table so that columns starting with `a` will appear before other columns.",
    query: `print b = 'b', a2='a2', a3='a3', a1='a1'
|  project-reorder a* asc`,
    output: `
| a1 | a2 | a3 | b |
|--|--|--|--|
| a1 | a2 | a3 | b |
`,
  },
  {
    page: 'range-operator.md',
    name: "#1 The following example creates a table with entries for the current time stamp extended over the past seven day",
    now: '2015-12-12T09:10:04.627Z',
    adapted: 'now() pinned to the instant the page ran the query (its last row)',
    decision:
      "The page elides rows with `...`; the full 8 rows from ago(7d) to now() step 1d.",
    corrected: `
|LastWeek|
|---|
|2015-12-05 09:10:04.627|
|2015-12-06 09:10:04.627|
|2015-12-07 09:10:04.627|
|2015-12-08 09:10:04.627|
|2015-12-09 09:10:04.627|
|2015-12-10 09:10:04.627|
|2015-12-11 09:10:04.627|
|2015-12-12 09:10:04.627|
`,
    query: `range LastWeek from ago(7d) to now() step 1d`,
    output: `
|LastWeek|
|---|
|2015-12-05 09:10:04.627|
|2015-12-06 09:10:04.627|
|...|
|2015-12-12 09:10:04.627|
`,
  },
  {
    page: 'range-operator.md',
    name: "#2 The following example shows how to extend ranges to use multiple stop times by using the `union` operator.",
    decision:
      "The page shows only the last 7 of the 10 sorted days (2024-01-01..05 and 06..10).",
    corrected: `
| Time |
|--|
| 2024-01-01 00:00:00.0000000 |
| 2024-01-02 00:00:00.0000000 |
| 2024-01-03 00:00:00.0000000 |
| 2024-01-04 00:00:00.0000000 |
| 2024-01-05 00:00:00.0000000 |
| 2024-01-06 00:00:00.0000000 |
| 2024-01-07 00:00:00.0000000 |
| 2024-01-08 00:00:00.0000000 |
| 2024-01-09 00:00:00.0000000 |
| 2024-01-10 00:00:00.0000000 |
`,
    query: `let Range1 = range Time from datetime(2024-01-01) to datetime(2024-01-05) step 1d;
let Range2 = range Time from datetime(2024-01-06) to datetime(2024-01-10) step 1d;
union Range1, Range2
| order by Time asc`,
    output: `
| Time |
|--|
| 2024-01-04 00:00:00.0000000 |
| 2024-01-05 00:00:00.0000000 |
| 2024-01-06 00:00:00.0000000 |
| 2024-01-07 00:00:00.0000000 |
| 2024-01-08 00:00:00.0000000 |
| 2024-01-09 00:00:00.0000000 |
| 2024-01-10 00:00:00.0000000 |
`,
  },
  {
    page: 'range-operator.md',
    name: "#3 The following example shows how to use the `range` operator with parameters, which are then extended and consu",
    now: '2023-02-01T14:00:00Z',
    adapted: 'now() pinned to 2023-02-01T14:00 (the page ran it early on 2023-02-01; its table stops after four rows with `...`)',
    decision:
      "The page's header is shifted against its cells (the date and time of MyMonthHour are split into two cells) and rows are elided; these are the four rows it shows, with the query's columns.",
    corrected: `
| MyMonthHour | MyMonthHourinUnixTime | DateOnly | TimeOnly |
|--|--|--|--|
| 2023-02-01 00:00:00.0000000 | 1675209600 | 2023-02-01 00:00:00.0000000 | 00:00:00 |
| 2023-02-01 04:32:02.4000000 | 1675225922.4 | 2023-02-01 00:00:00.0000000 | 04:32:02.4000000 |
| 2023-02-01 09:04:04.8000000 | 1675242244.8 | 2023-02-01 00:00:00.0000000 | 09:04:04.8000000 |
| 2023-02-01 13:36:07.2000000 | 1675258567.2 | 2023-02-01 00:00:00.0000000 | 13:36:07.2000000 |
`,
    query: `let toUnixTime = (dt:datetime) 
{ 
    (dt - datetime(1970-01-01)) / 1s 
};
let MyMonthStart = startofmonth(now()); //Start of month
let StepBy = 4.534h; //Supported timespans
let nn = 64000; // Row Count parametrized
let MyTimeline = range MyMonthHour from MyMonthStart to now() step StepBy
| extend MyMonthHourinUnixTime = toUnixTime(MyMonthHour), DateOnly = bin(MyMonthHour,1d), TimeOnly = MyMonthHour - bin(MyMonthHour,1d)
; MyTimeline | order by MyMonthHour asc | take nn`,
    output: `
| MyMonthHour | MyMonthHourinUnixTime | DateOnly | TimeOnly |
|--|--|--|--|
| 2023-02-01 | 00:00:00.0000000 | 1675209600 | 2023-02-01 00:00:00.0000000 |
| 2023-02-01 | 04:32:02.4000000 | 1675225922.4 | 2023-02-01 00:00:00.0000000 |
| 2023-02-01 | 09:04:04.8000000 | 1675242244.8 | 2023-02-01 00:00:00.0000000 |
| 2023-02-01 | 13:36:07.2000000 | 1675258567.2 | 2023-02-01 00:00:00.0000000 |
| ... | ... | ... | ... |
`,
  },
  {
    page: 'range-operator.md',
    name: "#4 whose type is `long` and results in values from one to eight incremented by three.",
    query: `range Steps from 1 to 8 step 3`,
    output: `
| Steps |
|--|
| 1 |
| 4 |
| 7 |
`,
  },
  {
    page: 'reduce-operator.md',
    name: "#1 The threshold is set to 0.001, which means that the operator groups values that are very similar to each other",
    query: `range x from 1 to 1000 step 1
| project MyText = strcat("MachineLearningX", tostring(toint(rand(10))))
| reduce by MyText  with threshold=0.001 , characters = "X"`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'reduce-operator.md',
    name: "#2 The threshold is set to 0.9, which means that the operator groups together values less strictly and allows mor",
    query: `range x from 1 to 1000 step 1
| project MyText = strcat("MachineLearningX", tostring(toint(rand(10))))
| reduce by MyText  with threshold=0.9 , characters = "X"`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'reduce-operator.md',
    name: "#3 The following example shows how the `reduce` operator behaves when the *Characters* parameter isn't specified.",
    query: `range x from 1 to 10 step 1 | project str = strcat("foo", "Z", tostring(x)) | reduce by str`,
    unsupported: "the reduce operator is not supported by trailhound",
  },
  {
    page: 'reduce-operator.md',
    name: "#4 However, if you specify that \"Z\" is a separator, then it's as if each value in `str` is two terms: `foo` and `",
    query: `range x from 1 to 10 step 1 | project str = strcat("foo", "Z", tostring(x)) | reduce by str with characters="Z"`,
    unsupported: "the reduce operator is not supported by trailhound",
  },
  {
    page: 'sample-operator.md',
    name: "#1 This query creates a range of numbers, samples one value, and then duplicates that sample.",
    query: `let _data = range x from 1 to 100 step 1;
let _sample = _data | sample 1;
union (_sample), (_sample)`,
    unsupported: "the sample operator is not supported by trailhound",
  },
  {
    page: 'sample-operator.md',
    name: "#2 To ensure that in example above `_sample` is calculated once, one can use [materialize()](materialize-function",
    query: `let _data = range x from 1 to 100 step 1;
let _sample = materialize(_data | sample 1);
union (_sample), (_sample)`,
    unsupported: "the sample operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#1 Calculate the cumulative sum for an input column. The result of this example is equivalent to using [row_cumsu",
    query: `range x from 1 to 5 step 1 
| scan declare (cumulative_x:long=0) with 
(
    step s1: true => cumulative_x = x + s1.cumulative_x;
)`,
    unsupported: "the scan operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#2 Calculate the cumulative sum for two input columns, reset the sum value to the current record value whenever t",
    query: `range x from 1 to 5 step 1
| extend y = 2 * x
| scan declare (cumulative_x:long=0, cumulative_y:long=0) with 
(
    step s1: true => cumulative_x = iff(s1.cumulative_x >= 10, x, x + s1.cumulative_x), 
                     cumulative_y = iff(s1.cumulative_y >= 10, y, y + s1.cumulative_y);
)`,
    unsupported: "the scan operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#3 Fill forward a string column. Each empty value is assigned the last seen nonempty value.",
    query: `let Events = datatable (Ts: timespan, Event: string) [
    0m, "A",
    1m, "",
    2m, "B",
    3m, "",
    4m, "",
    6m, "C",
    8m, "",
    11m, "D",
    12m, ""
]
;
Events
| sort by Ts asc
| scan declare (Event_filled: string="") with 
(
    step s1: true => Event_filled = iff(isempty(Event), s1.Event_filled, Event);
)`,
    unsupported: "the scan operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#4 Divide the input into sessions: a session ends 30 minutes after the first event of the session, after which a ",
    query: `let Events = datatable (Ts: timespan, Event: string) [
    0m, "A",
    1m, "A",
    2m, "B",
    3m, "D",
    32m, "B",
    36m, "C",
    38m, "D",
    41m, "E",
    75m, "A"
]
;
Events
| sort by Ts asc
| scan with_match_id=session_id declare (sessionStart: timespan) with 
(
    step inSession: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
    step endSession output=none: Ts - inSession.sessionStart > 30m;
)`,
    unsupported: "the scan operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#5 * In step s2: Emitting a row only when a matching logout is found using `output=all`",
    query: `let LogsEvents = datatable(Timestamp:datetime, userID:int, EventType:string)
[
    datetime(2024-05-28 08:15:23), 1, "login",
    datetime(2024-05-28 08:30:15), 2, "login",
    datetime(2024-05-28 09:10:27), 3, "login",
    datetime(2024-05-28 12:30:45), 1, "logout",
    datetime(2024-05-28 11:45:32), 2, "logout",
    datetime(2024-05-28 13:25:19), 3, "logout"
];
LogsEvents
| sort by userID, Timestamp
| partition hint.strategy=native by userID (
    sort by Timestamp asc 
    | scan declare (start: datetime, end: datetime, sessionDuration: timespan) with (
        step s1 output=none: EventType == "login" => start = Timestamp;
        step s2 output=all: EventType == "logout" => start = s1.start, end = Timestamp, sessionDuration = Timestamp - s1.start;
    )
)
| project start, end, userID, sessionDuration`,
    unsupported: "the partition operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#6 Find all sequences of events between the event `Start` and the event `Stop` that occur within 5 minutes. Assig",
    query: `let Events = datatable (Ts: timespan, Event: string) [
    0m, "A",
    1m, "Start",
    2m, "B",
    3m, "D",
    4m, "Stop",
    6m, "C",
    8m, "Start",
    11m, "E",
    12m, "Stop"
]
;
Events
| sort by Ts asc
| scan with_match_id=m_id with 
(
    step s1: Event == "Start";
    step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
    step s3: Event == "Stop" and Ts - s1.Ts <= 5m;
)`,
    unsupported: "the scan operator is not supported by trailhound",
  },
  {
    page: 'scan-operator.md',
    name: "#8 This section demonstrates the [scan logic](#scan-logic) using a step-by-step walkthrough of the [Events betwee",
    query: `let Events = datatable (Ts: timespan, Event: string) [
    0m, "A",
    1m, "Start",
    2m, "B",
    3m, "D",
    4m, "Stop",
    6m, "C",
    8m, "Start",
    11m, "E",
    12m, "Stop"
]
;
Events
| sort by Ts asc
| scan with_match_id=m_id with 
(
    step s1: Event == "Start";
    step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
    step s3: Event == "Stop" and Ts - s1.Ts <= 5m;
)`,
    unsupported: "the scan operator is not supported by trailhound",
  },
  {
    page: 'search-operator.md',
    name: "#1 The output finds records with the term *Green* as a last name or a color in the `Customers`, `Products`, and `",
    query: ` search "Green"`,
    unsupported: "the tabular expression Search is not supported by trailhound",
  },
  {
    page: 'search-operator.md',
    name: "#2 Search for records that contain the term *Green* and one of either terms *Deluxe* or *Proseware* in the *Conto",
    query: `search "Green" and ("Deluxe" or "Proseware")`,
    unsupported: "the tabular expression Search is not supported by trailhound",
  },
  {
    page: 'search-operator.md',
    name: "#4 Search for records that match the case-sensitive term in the *ContosoSales* database.",
    query: `search kind=case_sensitive "blue"`,
    unsupported: "the tabular expression Search is not supported by trailhound",
  },
  {
    page: 'sql-cheat-sheet.md',
    name: "#1 If you're familiar with SQL and want to learn KQL, translate SQL queries into KQL by prefacing the SQL query w",
    query: `--
explain
SELECT COUNT_BIG(*) as C FROM StormEvents`,
    unsupported: "Missing expression",
  },
  {
    page: 'top-nested-operator.md',
    name: "#4 The following `top-nested` example extracts the latest records per identity and builds on the concepts introdu",
    anyRowOrder: 'top-nested does not define the order of its output rows',
    query: `datatable(id: string, timestamp: datetime, otherInformation: string) // Create a source datatable.
[
    "Barak", datetime(2015-01-01), "1",
    "Barak", datetime(2016-01-01), "2",
    "Barak", datetime(2017-01-20), "3",
    "Donald", datetime(2017-01-20), "4",
    "Donald", datetime(2017-01-18), "5",
    "Donald", datetime(2017-01-19), "6"
]
| top-nested of id by Ignore0=max(1),                     // Partition the data by each unique value of id.
  top-nested 2 of timestamp by Ignore1=max(timestamp),    // Get the 2 most recent events for each state.
  top-nested of otherInformation by Ignore2=max(1)        // Append otherInformation for each event.
| project-away Ignore0, Ignore1, Ignore2                  // Remove the unnecessary aggregation columns.`,
    output: `
| id | timestamp | otherInformation |
|---|---|---|
| Barak | 2016-01-01T00:00:00Z | 2 |
| Donald | 2017-01-19T00:00:00Z | 6 |
| Barak | 2017-01-20T00:00:00Z | 3 |
| Donald | 2017-01-20T00:00:00Z | 4 |
`,
  },
  {
    page: 'union-operator.md',
    name: "#4 Using `isfuzzy=true`",
    query: `// Using union isfuzzy=true to access non-existing view:                                     
let View_1 = view () { print x=1 };
let View_2 = view () { print x=1 };
let OtherView_1 = view () { print x=1 };
union isfuzzy=true
(View_1 | where x > 0), 
(View_2 | where x > 0),
(View_3 | where x > 0)
| count`,
    output: `
|Count|
|---|
|2|
`,
    decision: "The page's warning (Failed to resolve entity 'View_3') is asserted in test/kql/syntax/fuzzy-union.test.ts.",
  },
  {
    page: 'union-operator.md',
    name: "#6 Source columns types mismatch",
    query: `let View_1 = view () { print x=1 };
let View_2 = view () { print x=toint(2) };
union withsource=TableName View_1, View_2`,
    output: `
|TableName|x_long|x_int|
|---------|------|-----|
|View_1   |1     |     |
|View_2   |      |2    |
`,
  },
  {
    page: 'union-operator.md',
    name: "#7 let View_1 = view () { print x=1 };",
    query: `let View_1 = view () { print x=1 };
let View_2 = view () { print x=toint(2) };
let View_3 = view () { print x_long=3 };
union withsource=TableName View_1, View_2, View_3`,
    output: `
|TableName|x_long1|x_int |x_long|
|---------|-------|------|------|
|View_1   |1      |      |      |
|View_2   |       |2     |      |
|View_3   |       |      |3     |
`,
    decision:
      "The official binder names the columns x_long (View_1's x:long), x_int, x_long1 (View_3's own x_long): the first (name, type) to claim a name keeps it. The page shows the service naming them the other way round (View_1's x is x_long1). Column names come from the binder (docs/kql.md); the values follow the binder's names.",
    corrected: `
|TableName|x_long|x_int |x_long1|
|---------|-------|------|------|
|View_1   |1      |      |      |
|View_2   |       |2     |      |
|View_3   |       |      |3     |
`,
  },
  {
    page: 'using-hll-tdigest.md',
    name: "#1 The following examples show how to use `hll`/`tdigest` and demonstrate that using these commands is highly per",
    query: `range x from 1 to 1000000 step 1
| summarize hll(x,4)
| project sizeInMb = estimate_data_size(hll_x) / pow(1024,2)`,
    unsupported: "the aggregate hll() is not supported by trailhound",
  },
]);
