// Conformance with the examples of Microsoft's Kusto documentation (math-and-misc-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('math-and-misc-functions', [
  {
    page: 'abs-function.md',
    name: "#1 print abs(-5)",
    query: `print abs(-5)`,
    output: `
|print_0|
|------|
|5|
`,
  },
  {
    page: 'around-function.md',
    name: "#1 The following example filters rows around specific timestamp.",
    query: `range dt 
    from datetime(2021-01-01 01:00) 
    to datetime(2021-01-01 02:00) 
    step 1min
| where around(dt, datetime(2021-01-01 01:30), 1min)`,
    output: `
|dt|
|---|
|2021-01-01 01:29:00.0000000|
|2021-01-01 01:30:00.0000000|
|2021-01-01 01:31:00.0000000|
`,
  },
  {
    page: 'asin-function.md',
    name: "#1 asin(0.5)",
    query: `print result=asin(0.95)`,
    adapted: "the page shows the bare expression `asin(0.5)`; its Run-the-query link runs this print",
    output: `
|result|
|---|
|1.2532358975033751|
`,
  },
  {
    page: 'assert-function.md',
    name: "#2 Example of running with valid `len` input:",
    query: `let checkLength = (len:long, s:string)
{
    assert(len > 0, "Length must be greater than zero") and strlen(s) > len
};
datatable(input:string)
[
    '123',
    '4567'
]
| where checkLength(len=3, input)`,
    unsupported: "the function assert() is not supported by trailhound",
  },
  {
    page: 'atan-function.md',
    name: "#1 atan(0.5)",
    query: `print result=atan(0.5)`,
    adapted: "the page shows the bare expression `atan(0.5)`; its Run-the-query link runs this print",
    output: `
|result|
|---|
|0.46364760900080609|
`,
  },
  {
    page: 'atan2-function.md',
    name: "#1 The following example returns the angle measurements in radians.",
    query: `print atan2_0 = atan2(1,1) // Pi / 4 radians (45 degrees)
| extend atan2_1 = atan2(0,-1) // Pi radians (180 degrees)
| extend atan2_2 = atan2(-1,0) // - Pi / 2 radians (-90 degrees)`,
    output: `
|atan2_0|atan2_1|atan2_2|
|---|---|---|
|0.785398163397448|3.14159265358979|-1.5707963267949|
`,
  },
  {
    page: 'beta-cdf-function.md',
    name: "#1 datatable(x:double, alpha:double, beta:double, comment:string)",
    query: `datatable(x:double, alpha:double, beta:double, comment:string)
[
    0.9, 10.0, 20.0, "Valid input",
    1.5, 10.0, 20.0, "x > 1, yields NaN",
    double(-10), 10.0, 20.0, "x < 0, yields NaN",
    0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN"
]
| extend b = beta_cdf(x, alpha, beta)`,
    unsupported: "the function beta_cdf() is not supported by trailhound",
  },
  {
    page: 'beta-inv-function.md',
    name: "#1 The following example shows how to use the `beta_inv()` function to return the inverse of the beta cumulative ",
    query: `datatable(p:double, alpha:double, beta:double, comment:string)
[
    0.1, 10.0, 20.0, "Valid input",
    1.5, 10.0, 20.0, "p > 1, yields null",
    0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN"
]
| extend b = beta_inv(p, alpha, beta)`,
    unsupported: "the function beta_inv() is not supported by trailhound",
  },
  {
    page: 'beta-pdf-function.md',
    name: "#1 datatable(x:double, alpha:double, beta:double, comment:string)",
    query: `datatable(x:double, alpha:double, beta:double, comment:string)
[
    0.5, 10.0, 20.0, "Valid input",
    1.5, 10.0, 20.0, "x > 1, yields NaN",
    double(-10), 10.0, 20.0, "x < 0, yields NaN",
    0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN"
]
| extend r = beta_pdf(x, alpha, beta)`,
    unsupported: "the function beta_pdf() is not supported by trailhound",
  },
  {
    page: 'bitset-count-ones-function.md',
    name: "#1 print ones = bitset_count_ones(42)",
    query: `// 42 = 32+8+2 : b'00101010' == 3 bits set
print ones = bitset_count_ones(42)`,
    unsupported: "the function bitset_count_ones() is not supported by trailhound",
  },
  {
    page: 'ceiling-function.md',
    name: "#1 print c1 = ceiling(-1.1), c2 = ceiling(0), c3 = ceiling(0.9)",
    query: `print c1 = ceiling(-1.1), c2 = ceiling(0), c3 = ceiling(0.9)`,
    output: `
|c1|c2|c3|
|---|---|---|
|-1|0|1|
`,
  },
  {
    page: 'cluster-function.md',
    name: "#2 The query can be run on any Eventhouse.",
    query: `cluster('help').database('Samples').StormEvents | count

cluster('help.kusto.windows.net').database('Samples').StormEvents | count`,
    unsupported: "Expected: ;",
  },
  {
    page: 'cluster-function.md',
    name: "#3 The previous query can be rewritten to use a query-defined function (`let` statement) that takes a parameter c",
    query: `let foo = (clusterName:string)
{
    cluster(clusterName).database('Samples').StormEvents | count
};
foo('help')`,
    unsupported: "the tabular expression Path is not supported by trailhound",
  },
  {
    page: 'column-names-of-function.md',
    name: "#1 The following example returns the columns of the tabular expression `T`. `T` can be a table in the database or",
    query: `let T = datatable(A:string, B:int) [];
print Columns=column_names_of(T)`,
    unsupported: "the function column_names_of() is not supported by trailhound",
  },
  {
    page: 'column-names-of-function.md',
    name: "#2 Similarly, you can call `column_names_of()` with functions:",
    query: `let MyFunction1 = () { print A="", B=1 };
print Columns=column_names_of(MyFunction1())`,
    unsupported: "the function column_names_of() is not supported by trailhound",
  },
  {
    page: 'column-names-of-function.md',
    name: "#3 If the function has arguments, they can be used when calling `column_names_of()`:",
    query: `let MyFunction1 = (param1:int) { print A="", B=1 };
print Columns=column_names_of(MyFunction1(1))`,
    unsupported: "the function column_names_of() is not supported by trailhound",
  },
  {
    page: 'convert-angle-function.md',
    name: "#1 `",
    query: `print result = convert_angle(1.2, 'Degree', 'Arcminute')`,
    unsupported: "the function convert_angle() is not supported by trailhound",
  },
  {
    page: 'convert-energy-function.md',
    name: "#1 The following example demonstrates how to use the `convert_energy()` function.",
    query: `print result = convert_energy(1.2, 'Joule', 'BritishThermalUnit')`,
    unsupported: "the function convert_energy() is not supported by trailhound",
  },
  {
    page: 'convert-force-function.md',
    name: "#1 The following example demonstrates how to use the `convert_force()` function.",
    query: `print result = convert_force(1.2, 'Newton', 'Decanewton')`,
    unsupported: "the function convert_force() is not supported by trailhound",
  },
  {
    page: 'convert-length-function.md',
    name: "#1 The following example demonstrates how to use the `convert_length()` function.",
    query: `print result = convert_length(1.2, 'Meter', 'Foot')`,
    unsupported: "the function convert_length() is not supported by trailhound",
  },
  {
    page: 'convert-mass-function.md',
    name: "#1 The following example demonstrates how to use the `convert_mass()` function.",
    query: `print result = convert_mass(1.2, 'Kilogram', 'Pound')`,
    unsupported: "the function convert_mass() is not supported by trailhound",
  },
  {
    page: 'convert-speed-function.md',
    name: "#1 The following example demonstrates how to use the `convert_speed()` function.",
    query: `print result = convert_speed(1.2, 'MeterPerSecond', 'CentimeterPerHour')`,
    unsupported: "the function convert_speed() is not supported by trailhound",
  },
  {
    page: 'convert-temperature-function.md',
    name: "#1 The following example demonstrates how to use the `convert_temperature()` function.",
    query: `print result = convert_temperature(1.2, 'Kelvin', 'DegreeCelsius')`,
    unsupported: "the function convert_temperature() is not supported by trailhound",
  },
  {
    page: 'convert-volume-function.md',
    name: "#1 The following example demonstrates how to use the `convert_volume()` function.",
    query: `print result = convert_volume(1.2, 'CubicMeter', 'AcreFoot')`,
    unsupported: "the function convert_volume() is not supported by trailhound",
  },
  {
    page: 'cos-function.md',
    name: "#1 The following example demonstrates how to use the `cos()` function.",
    query: `print cos(1)`,
    output: `
|result|
|--|
|0.54030230586813977|
`,
    decision: 'the header `result` does not belong to the query `print cos(1)`: an unnamed print column is print_0 (print-operator page); the value is right',
    corrected: `
|print_0|
|--|
|0.54030230586813977|
`,
  },
  {
    page: 'cot-function.md',
    name: "#1 print cot(1)",
    query: `print cot(1)`,
    output: `
|result|
|--|
|0.64209261593433065|
`,
    decision: 'the header `result` does not belong to the query `print cot(1)`: an unnamed print column is print_0 (print-operator page); the value is right',
    corrected: `
|print_0|
|--|
|0.64209261593433065|
`,
  },
  {
    page: 'current-principal-details-function.md',
    name: "#1 print details=current_principal_details()",
    query: `print details=current_principal_details()`,
    unsupported: "the function current_principal_details() is not supported by trailhound",
  },
  {
    page: 'current-principal-function.md',
    name: "#1 The following example returns the current principal name.",
    query: `print fqn=current_principal()`,
    unsupported: "the function current_principal() is not supported by trailhound",
  },
  {
    page: 'current-principal-is-member-of-function.md',
    name: "#1 print result=current_principal_is_member_of(",
    query: `print result=current_principal_is_member_of(
    'aaduser=user1@fabrikam.com', 
    'aadgroup=group1@fabrikam.com',
    'aadapp=66ad1332-3a94-4a69-9fa2-17732f093664;72f988bf-86f1-41af-91ab-2d7cd011db47'
    )`,
    unsupported: "the function current_principal_is_member_of() is not supported by trailhound",
  },
  {
    page: 'current-principal-is-member-of-function.md',
    name: "#2 Using dynamic array instead of multiple arguments:",
    query: `print result=current_principal_is_member_of(
    dynamic([
    'aaduser=user1@fabrikam.com', 
    'aadgroup=group1@fabrikam.com',
    'aadapp=66ad1332-3a94-4a69-9fa2-17732f093664;72f988bf-86f1-41af-91ab-2d7cd011db47'
    ]))`,
    unsupported: "the function current_principal_is_member_of() is not supported by trailhound",
  },
  {
    page: 'database-function.md',
    name: "#2 The query above can be rewritten as a query-defined function (let statement) that receives a parameter `dbName",
    query: `let foo = (dbName:string)
{
    database(dbName).StormEvents | count
};
foo('help')`,
    unsupported: "the tabular expression Path is not supported by trailhound",
  },
  {
    page: 'degrees-function.md',
    name: "#1 The following example shows how to convert radians to degrees.",
    query: `print degrees0 = degrees(pi()/4), degrees1 = degrees(pi()*1.5), degrees2 = degrees(0)`,
    output: `
|degrees0|degrees1|degrees2|
|---|---|---|
|45|270|0|
`,
  },
  {
    page: 'erf-function.md',
    name: "#1 The following example shows how to use the `erf()` function to calculate the error function for a range of val",
    query: `range x from -3 to 3 step 1
| extend erf_x = erf(x)`,
    unsupported: "the function erf() is not supported by trailhound",
  },
  {
    page: 'erfc-function.md',
    name: "#1 The following example shows how to use the `erfc()` function to calculate the complementary error function for",
    query: `range x from -3 to 3 step 1
| extend erf_x = erfc(x)`,
    unsupported: "the function erfc() is not supported by trailhound",
  },
  {
    page: 'estimate-data-size-function.md',
    name: "#1 The following example calculates the total data size using `estimate_data_size()`.",
    query: `range x from 1 to 10 step 1                    // x (long) is 8 
| extend Text = '1234567890'                   // Text length is 10  
| summarize Total=sum(estimate_data_size(*))   // (8+10)x10 = 180`,
    unsupported: "the function estimate_data_size() is not supported by trailhound",
  },
  {
    page: 'exp-function.md',
    name: "#1 The following example shows how to use the `exp()` function to calculate the exponential value of 2.",
    query: `print result = exp(2)`,
    output: `
| result   |
|----------|
| 7.389056 |
`,
  },
  {
    page: 'gamma-function.md',
    name: "#1 The following example shows how to use the `gamma()` function to compute the gamma of the input parameter.",
    query: `print result = gamma(5)`,
    unsupported: "the function gamma() is not supported by trailhound",
  },
  {
    page: 'hll-merge-function.md',
    name: "#1 This example shows the value of the merged columns.",
    query: `range x from 1 to 10 step 1 
| extend y = x + 10
| summarize hll_x = hll(x), hll_y = hll(y)
| project merged = hll_merge(hll_x, hll_y)
| project dcount_hll(merged)`,
    unsupported: "the aggregate hll() is not supported by trailhound",
  },
  {
    page: 'log-function.md',
    name: "#1 print result=log(5)",
    query: `print result=log(5)`,
    output: `
|result|
|--|
|1.6094379124341003|
`,
  },
  {
    page: 'log10-function.md',
    name: "#1 print result=log10(5)",
    query: `print result=log10(5)`,
    output: `
|result|
|--|
|0.69897000433601886|
`,
  },
  {
    page: 'log2-function.md',
    name: "#1 print result=log2(5)",
    query: `print result=log2(5)`,
    output: `
|result|
|--|
|2.3219280948873622|
`,
  },
  {
    page: 'loggamma-function.md',
    name: "#1 print result=loggamma(5)",
    query: `print result=loggamma(5)`,
    unsupported: "the function loggamma() is not supported by trailhound",
  },
  {
    page: 'materialize-function.md',
    name: "#2 This operation can be done using [batches](batches.md) and materialize:",
    query: `let randomSet = 
    materialize(
        range x from 1 to 3000000 step 1
        | project value = rand(10000000));
randomSet | summarize Dcount=dcount(value);
randomSet | top 3 by value;
randomSet | summarize Sum=sum(value)`,
    unsupported: "the function rand() is not supported by trailhound",
  },
  {
    page: 'merge-tdigest-function.md',
    name: "#1 range x from 1 to 10 step 1",
    query: `range x from 1 to 10 step 1 
| extend y = x + 10
| summarize tdigestX = tdigest(x), tdigestY = tdigest(y)
| project merged = merge_tdigest(tdigestX, tdigestY)
| project percentile_tdigest(merged, 100, typeof(long))`,
    unsupported: "the aggregate tdigest() is not supported by trailhound",
  },
  {
    page: 'new-guid-function.md',
    name: "#1 print guid=new_guid()",
    query: `print guid=new_guid()`,
    unsupported: "the function new_guid() is not supported by trailhound",
  },
  {
    page: 'pow-function.md',
    name: "#1 print result=pow(2, 3)",
    query: `print result=pow(2, 3)`,
    output: `
|result|
|--|
|8|
`,
  },
  {
    page: 'radians-function.md',
    name: "#1 print radians0 = radians(90), radians1 = radians(180), radians2 = radians(360)",
    query: `print radians0 = radians(90), radians1 = radians(180), radians2 = radians(360)`,
    output: `
|radians0|radians1|radians2|
|---|---|---|
|1.5707963267949|3.14159265358979|6.28318530717959|
`,
  },
  {
    page: 'range-function.md',
    name: "#1 The following example returns an array of numbers from one to eight, with an increment of three.",
    query: `print r = range(1, 8, 3)`,
    output: `
|r  |
|---------|
| [1,4,7] |
`,
  },
  {
    page: 'range-function.md',
    name: "#2 The following example returns an array with all dates from the year 2007.",
    query: `print r = range(datetime(2007-01-01), datetime(2007-12-31), 1d)
| extend n = array_length(r), d0 = r[0], d1 = r[1], dlast = r[-1]
| project-away r`,
    adapted: 'the page elides the 365 dates ("2007-01-03T00:00:00.0000000Z",.....); the query prints the length and the dates the page shows',
    output: `
|n|d0|d1|dlast|
|---|---|---|---|
|365|"2007-01-01T00:00:00.0000000Z"|"2007-01-02T00:00:00.0000000Z"|"2007-12-31T00:00:00.0000000Z"|
`,
  },
  {
    page: 'range-function.md',
    name: "#3 The following example returns an array with numbers between one and three.",
    query: `print range(1, 3)`,
    output: `
|print_0|
|---|
|[1,2,3]|
`,
  },
  {
    page: 'range-function.md',
    name: "#4 The following example returns a range of hours between one hour and five hours.",
    query: `print range(1h, 5h)`,
    output: `
|print_0|
|---|
|1,000,000|
|\`["01:00:00","02:00:00","03:00:00","04:00:00","05:00:00"]\`:|
`,
    decision: 'the page\'s table has a stray row (1,000,000) and a trailing colon, rendering artefacts; the array is the five hours',
    corrected: `
|print_0|
|---|
|["01:00:00","02:00:00","03:00:00","04:00:00","05:00:00"]|
`,
  },
  {
    page: 'range-function.md',
    name: "#5 \" target=\"_blank\">Run the query</a>",
    query: `print r = range(1,1000000000) 
| mv-expand r 
| count`,
    output: `
|Count|
|---|
|1,048,576|
`,
  },
  {
    page: 'rank-tdigest-function.md',
    name: "#1 In a sorted list (1-1000), the rank of 685 is its index:",
    query: `range x from 1 to 1000 step 1
| summarize t_x=tdigest(x)
| project rank_of_685=rank_tdigest(t_x, 685)`,
    unsupported: "the aggregate tdigest() is not supported by trailhound",
  },
  {
    page: 'row-rank-min-function.md',
    name: "#2 The following query shows how to calculate the rank of each `Item` partitioned by `Category`.",
    query: `datatable(Category:string, Item:string, Value:int)
[
    "A", "item1", 10,
    "A","item2", 10,
    "A", "item3", 5,
    "A", "item4", 20,
    "B", "item2", 5,
    "B", "item1", 7
]
| sort by Category asc, Value asc
| extend rank = row_rank_min(Value, Category != prev(Category))`,
    unsupported: "the function row_rank_min() is not supported by trailhound",
  },
  {
    page: 'row-window-session-function.md',
    name: "#1 The following example calculates session start values for a table, `datatable`, with a sequence **ID** column ",
    query: `datatable (ID:string, Timestamp:datetime) [
    "1", datetime(2024-04-11 10:00:00),
    "2", datetime(2024-04-11 10:18:00),
    "1", datetime(2024-04-11 11:00:00),
    "3", datetime(2024-04-11 11:30:00),
    "2", datetime(2024-04-11 13:30:00),
    "2", datetime(2024-04-11 10:16:00)
]
| sort by ID asc, Timestamp asc
| extend SessionStarted = row_window_session(Timestamp, 1h, 5m, ID != prev(ID))`,
    unsupported: "the function row_window_session() is not supported by trailhound",
  },
  {
    page: 'sign-function.md',
    name: "#1 print s1 = sign(-42), s2 = sign(0), s3 = sign(11.2)",
    query: `print s1 = sign(-42), s2 = sign(0), s3 = sign(11.2)`,
    output: `
|s1|s2|s3|
|---|---|---|
|-1|0|1|
`,
  },
  {
    page: 'sin-function.md',
    name: "#1 print sin(1)",
    query: `print sin(1)`,
    output: `
|result|
|--|
|0.841470984807897|
`,
    decision: 'the header `result` does not belong to the query `print sin(1)`: an unnamed print column is print_0 (print-operator page); the value is right',
    corrected: `
|print_0|
|--|
|0.841470984807897|
`,
  },
  {
    page: 'stored-query-result-function.md',
    name: "#1 References the stored query result named `Numbers`.",
    query: `stored_query_result("Numbers")`,
    unsupported: "The name 'Numbers' does not refer to any known stored query result.",
  },
  {
    page: 'stored-query-result-function.md',
    name: "#3 Retrieve the next page:",
    query: `stored_query_result("DailyClicksByAdNetwork7Days")
| where Num between(100 .. 200)`,
    unsupported: "The name 'DailyClicksByAdNetwork7Days' does not refer to any known stored query result.",
  },
  {
    page: 'table-function.md',
    name: "#2 The query above can be rewritten as a query-defined function (let statement) that receives a parameter `tableN",
    query: `let foo = (tableName:string)
{
    table(tableName) | count
};
foo('StormEvents')`,
    unsupported: "the tabular function table() is not supported by trailhound",
  },
  {
    page: 'table-function.md',
    name: "#4 Below, given an example of workaround for such case.",
    query: `let T1 = print x=1;
let T2 = print x=2;
let _choose = (_selector:string)
{
    union
    (T1 | where _selector == 'T1'),
    (T2 | where _selector == 'T2')
};
_choose('T2')`,
    output: `
|x|
|---|
|2|
`,
  },
  {
    page: 'binary-not-function.md',
    name: "#1 binary_not(100)",
    query: `print binary_not(100)`,
    adapted: "the page shows the bare expression `binary_not(100)`; its Run-the-query link runs this print",
    unsupported: "the function binary_not() is not supported by trailhound",
  },
  {
    page: 'binary-or-function.md',
    name: "#1 print result = binary_or(5, 3)",
    query: `print result = binary_or(5, 3)`,
    unsupported: "the function binary_or() is not supported by trailhound",
  },
  {
    page: 'binary-shift-left-function.md',
    name: "#1 binary_shift_left(1,2)",
    query: `print(binary_shift_left(1,2))`,
    adapted: "the page shows the bare expression `binary_shift_left(1,2)`; its Run-the-query link runs this print",
    unsupported: "the function binary_shift_left() is not supported by trailhound",
  },
  {
    page: 'binary-shift-right-function.md',
    name: "#1 binary_shift_right(1,2)",
    query: `print(binary_shift_right(1,2))`,
    adapted: "the page shows the bare expression `binary_shift_right(1,2)`; its Run-the-query link runs this print",
    unsupported: "the function binary_shift_right() is not supported by trailhound",
  },
  {
    page: 'binary-xor-function.md',
    name: "#1 binary_xor(1,1)",
    query: `print(binary_xor(1,1))`,
    adapted: "the page shows the bare expression `binary_xor(1,1)`; its Run-the-query link runs this print",
    unsupported: "the function binary_xor() is not supported by trailhound",
  },
  {
    page: 'binary-xor-function.md',
    name: "#2 binary_xor(1,2)",
    query: `print(binary_xor(1,2))`,
    adapted: "the page shows the bare expression `binary_xor(1,2)`; its Run-the-query link runs this print",
    unsupported: "the function binary_xor() is not supported by trailhound",
  },
]);

// round-function.md gives its examples as `expression // result` lines.
docCases('math-and-misc-functions (expression // result lines)', [
  ...(
    [
      ['round(2.98765, 3)', '2.988'],
      ['round(2.15, 1)', '2.2'],
      ['round(2.15)', '2'],
      ['round(-50.55, -2)', '-100'],
      ['round(21.5, -1)', '20'],
    ] as const
  ).map(([expr, result]) => ({
    page: 'round-function.md',
    name: `${expr} // ${result}`,
    query: `print ${expr}`,
    adapted: 'the page lists `expression // result`; the expression is printed',
    output: `\n|print_0|\n|---|\n|${result}|\n`,
  })),
]);
