// Conformance with the examples of Microsoft's Kusto documentation (aggregates); see harness.ts.
import { docCases } from './harness.ts';

docCases('aggregates', [
  {
    page: 'arg-max-aggregation-function.md',
    name: "#3 The following example demonstrates null handling.",
    query: `datatable(Fruit: string, Color: string, Version: int) [
    "Apple", "Red", 1,
    "Apple", "Green", int(null),
    "Banana", "Yellow", int(null),
    "Banana", "Green", int(null),
    "Pear", "Brown", 1,
    "Pear", "Green", 2,
]
| summarize arg_max(Version, *) by Fruit`,
    output: `
| Fruit | Version | Color |
|--|--|--|
| Apple | 1 | Red |
| Banana |  | Yellow |
| Pear | 2 | Green |
`,
  },
  {
    page: 'arg-min-aggregation-function.md',
    name: "#3 The following example demonstrates null handling.",
    query: `datatable(Fruit: string, Color: string, Version: int) [
    "Apple", "Red", 1,
    "Apple", "Green", int(null),
    "Banana", "Yellow", int(null),
    "Banana", "Green", int(null),
    "Pear", "Brown", 1,
    "Pear", "Green", 2,
]
| summarize arg_min(Version, *) by Fruit`,
    output: `
| Fruit | Version | Color |
|--|--|--|
| Apple | 1 | Red |
| Banana |  | Yellow |
| Pear | 1 | Brown |
`,
  },
  {
    page: 'binary-all-and-aggregation-function.md',
    name: "#1 The following example produces `CAFEF00D` using binary `AND` operations.",
    query: `datatable(num:long)
[
  0xFFFFFFFF, 
  0xFFFFF00F,
  0xCFFFFFFD,
  0xFAFEFFFF,
]
| summarize result = toupper(tohex(binary_all_and(num)))`,
    unsupported: "the aggregate binary_all_and() is not supported by trailhound",
  },
  {
    page: 'binary-all-or-aggregation-function.md',
    name: "#1 The following example produces `CAFEF00D` using binary `OR` operations.",
    query: `datatable(num:long)
[
  0x88888008,
  0x42000000,
  0x00767000,
  0x00000005, 
]
| summarize result = toupper(tohex(binary_all_or(num)))`,
    unsupported: "the aggregate binary_all_or() is not supported by trailhound",
  },
  {
    page: 'binary-all-xor-aggregation-function.md',
    name: "#1 The following example produces `CAFEF00D` using binary `XOR` operations.",
    query: `datatable(num:long)
[
  0x44404440,
  0x1E1E1E1E,
  0x90ABBA09,
  0x000B105A,
]
| summarize result = toupper(tohex(binary_all_xor(num)))`,
    unsupported: "the aggregate binary_all_xor() is not supported by trailhound",
  },
  {
    page: 'buildschema-aggregation-function.md',
    name: "#1 * `{\"y\":{\"w\":\"zzz\"}, \"t\":[\"aa\", \"bb\"], \"z\":[\"foo\"]}`",
    query: `datatable(value: dynamic) [
    dynamic({"x":1, "y":3.5}),
    dynamic({"x":"somevalue", "z":[1, 2, 3]}),
    dynamic({"y":{"w":"zzz"}, "t":["aa", "bb"], "z":["foo"]})
]
| summarize buildschema(value)`,
    unsupported: "the aggregate buildschema() is not supported by trailhound",
  },
  {
    page: 'countif-aggregation-function.md',
    name: "#2 This example shows the number of names with more than four letters.",
    query: `let T = datatable(name:string, day_of_birth:long)
[
   "John", 9,
   "Paul", 18,
   "George", 25,
   "Ringo", 7
];
T
| summarize countif(strlen(name) > 4)`,
    output: `
|countif_|
|----|
|2|
`,
  },
  {
    page: 'covariance-aggregation-function.md',
    name: "#1 The example in this section shows how to use the syntax to help you get started.",
    query: `datatable(x:real, y:real) [
    1.0, 14.0,
    2.0, 10.0,
    3.0, 17.0,
    4.0, 20.0,
    5.0, 50.0,
]
| summarize covariance(x, y)`,
    unsupported: "the aggregate covariance() is not supported by trailhound",
  },
  {
    page: 'covarianceif-aggregation-function.md',
    name: "#1 This query calculates the covariance of x and y for the subset of numbers where x is divisible by 3.",
    query: `range x from 1 to 100 step 1
| extend y = iff(x % 2 == 0, x * 2, x * 3)
| summarize covarianceif(x, y, x % 3 == 0)`,
    unsupported: "the aggregate covarianceif() is not supported by trailhound",
  },
  {
    page: 'covariancep-aggregation-function.md',
    name: "#1 The example in this section shows how to use the syntax to help you get started.",
    query: `datatable(x:real, y:real) [
    1.0, 14.0,
    2.0, 10.0,
    3.0, 17.0,
    4.0, 20.0,
    5.0, 50.0,
]
| summarize covariancep(x, y)`,
    unsupported: "the aggregate covariancep() is not supported by trailhound",
  },
  {
    page: 'covariancepif-aggregation-function.md',
    name: "#1 This query creates a new variable y based on whether x is even or odd and then calculates the covariance of x ",
    query: `range x from 1 to 100 step 1
| extend y = iff(x % 2 == 0, x * 2, x * 3)
| summarize covariancepif(x, y, x % 3 == 0)`,
    unsupported: "the aggregate covariancepif() is not supported by trailhound",
  },
  {
    page: 'make-bag-aggregation-function.md',
    name: "#1 The following example shows a packed JSON property bag.",
    query: `let T = datatable(prop:string, value:string)
[
    "prop01", "val_a",
    "prop02", "val_b",
    "prop03", "val_c",
];
T
| extend p = bag_pack(prop, value)
| summarize dict=make_bag(p)`,
    output: `
|dict|
|----|
|{ "prop01": "val_a", "prop02": "val_b", "prop03": "val_c" } |
`,
  },
  {
    page: 'make-bag-aggregation-function.md',
    name: "#2 Use the [bag_unpack()](bag-unpack-plugin.md) plugin for transforming the bag keys in the make_bag() output int",
    query: `let T = datatable(prop:string, value:string)
[
    "prop01", "val_a",
    "prop02", "val_b",
    "prop03", "val_c",
];
T
| extend p = bag_pack(prop, value)
| summarize bag=make_bag(p)
| evaluate bag_unpack(bag)`,
    output: `
|prop01|prop02|prop03|
|---|---|---|
|val_a|val_b|val_c|
`,
  },
  {
    page: 'make-bag-if-aggregation-function.md',
    name: "#1 The following example shows a packed JSON property bag.",
    query: `let T = datatable(prop:string, value:string, predicate:bool)
[
    "prop01", "val_a", true,
    "prop02", "val_b", false,
    "prop03", "val_c", true
];
T
| extend p = bag_pack(prop, value)
| summarize dict=make_bag_if(p, predicate)`,
    output: `
|dict|
|----|
|{ "prop01": "val_a", "prop03": "val_c" } |
`,
  },
  {
    page: 'make-bag-if-aggregation-function.md',
    name: "#2 Use [bag_unpack()](bag-unpack-plugin.md) plugin for transforming the bag keys in the make_bag_if() output into",
    query: `let T = datatable(prop:string, value:string, predicate:bool)
[
    "prop01", "val_a", true,
    "prop02", "val_b", false,
    "prop03", "val_c", true
];
T
| extend p = bag_pack(prop, value)
| summarize bag=make_bag_if(p, predicate)
| evaluate bag_unpack(bag)`,
    output: `
|prop01|prop03|
|---|---|
|val_a|val_c|
`,
  },
  {
    page: 'make-list-aggregation-function.md',
    name: "#1 The following example uses the datatable, `shapes`, to return a list of shapes in a single column.",
    query: `let shapes = datatable (name: string, sideCount: int)
[
    "triangle", 3,
    "square", 4,
    "rectangle", 4,
    "pentagon", 5,
    "hexagon", 6,
    "heptagon", 7,
    "octagon", 8,
    "nonagon", 9,
    "decagon", 10
];
shapes
| summarize mylist = make_list(name)`,
    output: `
|mylist|
|---|
|["triangle","square","rectangle","pentagon","hexagon","heptagon","octagon","nonagon","decagon"]|
`,
  },
  {
    page: 'make-list-aggregation-function.md',
    name: "#2 The following example uses the `make_list` function and the `by` clause to create two lists of objects grouped",
    query: `let shapes = datatable (name: string, sideCount: int)
[
    "triangle", 3,
    "square", 4,
    "rectangle", 4,
    "pentagon", 5,
    "hexagon", 6,
    "heptagon", 7,
    "octagon", 8,
    "nonagon", 9,
    "decagon", 10
];
shapes
| summarize mylist = make_list(name) by isEvenSideCount = sideCount % 2 == 0`,
    output: `
|isEvenSideCount| mylist|
|---|---|
|false|["triangle","pentagon","heptagon","nonagon"]|
|true|["square","rectangle","hexagon","octagon","decagon"]|
`,
  },
  {
    page: 'make-list-aggregation-function.md',
    name: "#3 The following examples show how to [pack](pack-function.md) a dynamic object in a column before making it a li",
    query: `let shapes = datatable (name: string, sideCount: int)
[
    "triangle", 3,
    "square", 4,
    "rectangle", 4,
    "pentagon", 5,
    "hexagon", 6,
    "heptagon", 7,
    "octagon", 8,
    "nonagon", 9,
    "decagon", 10
];
shapes
| extend d = bag_pack("name", name, "sideCount", sideCount)
| summarize mylist = make_list(d) by isEvenSideCount = sideCount % 2 == 0`,
    output: `
|isEvenSideCount|mylist|
|---|---|
|false|[{"name":"triangle","sideCount":3},{"name":"pentagon","sideCount":5},{"name":"heptagon","sideCount":7},{"name":"nonagon","sideCount":9}]|
|true|[{"name":"square","sideCount":4},{"name":"rectangle","sideCount":4},{"name":"hexagon","sideCount":6},{"name":"octagon","sideCount":8},{"name":"decagon","sideCount":10}]|
`,
  },
  {
    page: 'make-list-if-aggregation-function.md',
    name: "#1 The following example shows a list of names with more than 4 letters.",
    query: `let T = datatable(name:string, day_of_birth:long)
[
   "John", 9,
   "Paul", 18,
   "George", 25,
   "Ringo", 7
];
T
| summarize make_list_if(name, strlen(name) > 4)`,
    output: `
|list_name|
|----|
|["George", "Ringo"]|
`,
  },
  {
    page: 'make-list-with-nulls-aggregation-function.md',
    name: "#1 The following example shows null values in the results.",
    query: `let shapes = datatable (name:string , sideCount: int)
[
    "triangle", int(null),
    "square", 4,
    "rectangle", 4,
    "pentagon", 5,
    "hexagon", 6,
    "heptagon", 7,
    "octagon", 8,
    "nonagon", 9,
    "decagon", 10
];
shapes
| summarize mylist = make_list_with_nulls(sideCount)`,
    output: `
| mylist |
| ------ |
| [null,4,4,5,6,7,8,9,10] |
`,
  },
  {
    page: 'make-set-aggregation-function.md',
    name: "#2 The following example shows the set of elements in an array.",
    query: `datatable (Val: int, Arr1: dynamic)
[
    1, dynamic(['A1', 'A2', 'A3']), 
    5, dynamic(['A2', 'C1']),
    7, dynamic(['C2', 'A3']),
    5, dynamic(['C2', 'A1'])
] 
| summarize Val_set=make_set(Val), Arr1_set=make_set(Arr1)`,
    output: `
| Val_set | Arr1_set |
|--|--|
| [1,5,7] | ["A1","A2","A3","C1","C2"] |
`,
  },
  {
    page: 'make-set-if-aggregation-function.md',
    name: "#1 The following example shows a list of names with more than four letters.",
    query: `let T = datatable(name:string, day_of_birth:long)
[
   "John", 9,
   "Paul", 18,
   "George", 25,
   "Ringo", 7
];
T
| summarize make_set_if(name, strlen(name) > 4)`,
    output: `
|set_name|
|----|
|["George", "Ringo"]|
`,
  },
  {
    page: 'percentilesw-aggregation-function.md',
    name: "#2 For the 50, 75, and 99.9 percentiles, use the following query:",
    query: `let latencyTable = datatable (ReqCount:long, LatencyBucket:long) 
[ 
    8, 10, 
    6, 20, 
    3, 30, 
    1, 40 
];
latencyTable
| summarize percentilesw(LatencyBucket, ReqCount, 50, 75, 99.9)`,
    unsupported: "the aggregate percentilesw() is not supported by trailhound",
  },
  {
    page: 'percentilesw-aggregation-function.md',
    name: "#3 Comma-separated percentiles",
    query: `let latencyTable = datatable (ReqCount:long, LatencyBucket:long) 
[ 
    8, 10, 
    6, 20, 
    3, 30, 
    1, 40 
];
latencyTable
| summarize percentilesw_array(LatencyBucket, ReqCount, 50, 75, 99.9)`,
    unsupported: "the aggregate percentilesw_array() is not supported by trailhound",
  },
  {
    page: 'percentilesw-aggregation-function.md',
    name: "#4 Dynamic array of percentiles",
    query: `let latencyTable = datatable (ReqCount:long, LatencyBucket:long) 
[ 
    8, 10, 
    6, 20, 
    3, 30, 
    1, 40 
];
latencyTable
| summarize percentilesw_array(LatencyBucket, ReqCount, dynamic([50, 75, 99.9]))`,
    unsupported: "the aggregate percentilesw_array() is not supported by trailhound",
  },
  {
    page: 'stdev-aggregation-function.md',
    name: "#1 The following example shows the standard deviation for the group.",
    query: `range x from 1 to 5 step 1
| summarize make_list(x), stdev(x)`,
    output: `
|list_x|stdev_x|
|---|---|
|[ 1, 2, 3, 4, 5]|1.58113883008419|
`,
  },
  {
    page: 'stdevif-aggregation-function.md',
    name: "#1 The following example shows the standard deviation in a range of 1 to 100.",
    query: `range x from 1 to 100 step 1
| summarize stdevif(x, x % 2 == 0)`,
    output: `
|stdevif_x|
|---|
|29.1547594742265|
`,
  },
  {
    page: 'stdevp-aggregation-function.md',
    name: "#1 range x from 1 to 5 step 1",
    query: `range x from 1 to 5 step 1
| summarize make_list(x), stdevp(x)`,
    output: `
|list_x|stdevp_x|
|---|---|
|[ 1, 2, 3, 4, 5]|1.4142135623731|
`,
  },
  {
    page: 'sumif-aggregation-function.md',
    name: "#2 This example shows the sum of the birth dates for all names that have more than 4 letters.",
    query: `let T = datatable(name:string, day_of_birth:long)
[
   "John", 9,
   "Paul", 18,
   "George", 25,
   "Ringo", 7
];
T
| summarize sumif(day_of_birth, strlen(name) > 4)`,
    output: `
|sumif_day_of_birth|
|----|
|32|
`,
  },
  {
    page: 'summarize-operator.md',
    name: "#5 When the input of `summarize` operator doesn't have an empty group-by key, the result is the default values of",
    query: `datatable(x:long)[]
| summarize any_x=take_any(x), arg_max_x=arg_max(x, *), arg_min_x=arg_min(x, *), avg(x), buildschema(todynamic(tostring(x))), max(x), min(x), percentile(x, 55), hll(x) ,stdev(x), sum(x), sumif(x, x > 0), tdigest(x), variance(x)`,
    unsupported: "the aggregate buildschema() is not supported by trailhound",
  },
  {
    page: 'summarize-operator.md',
    name: "#6 The result of `avg_x(x)` is `NaN` due to dividing by 0.",
    query: `datatable(x:long)[]
| summarize  count(x), countif(x > 0) , dcount(x), dcountif(x, x > 0)`,
    unsupported: "A value of type bool expected.",
    decision:
      'The official parser (12.4.1) types count() as count() or count(predicate:bool) and rejects count(x) with a non-bool x, which the page runs; trailhound reports the parser diagnostic and never bypasses the binder.',
  },
  {
    page: 'summarize-operator.md',
    name: "#7 datatable(x:long)[]",
    query: `datatable(x:long)[]
| summarize  make_set(x), make_list(x)`,
    output: `
|set_x|list_x|
|---|---|
|[]|[]|
`,
  },
  {
    page: 'summarize-operator.md',
    name: "#8 The avg aggregate sums only the non-null values and counts only those values in its calculation, ignoring any ",
    query: `range x from 1 to 4 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize sum(y), avg(y)`,
    output: `
|sum_y|avg_y|
|---|---|
|15|5|
`,
  },
  {
    page: 'summarize-operator.md',
    name: "#9 The standard count function includes null values in its count:",
    query: `range x from 1 to 2 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize count(y)`,
    unsupported: "A value of type bool expected.",
    decision:
      'The official parser (12.4.1) types count() as count() or count(predicate:bool) and rejects count(x) with a non-bool x, which the page runs; trailhound reports the parser diagnostic and never bypasses the binder.',
  },
  {
    page: 'summarize-operator.md',
    name: "#10 range x from 1 to 2 step 1",
    query: `range x from 1 to 2 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize make_set(y), make_set(y)`,
    output: `
|set_y|set_y1|
|---|---|
|[5.0]|[5.0]|
`,
  },
  {
    page: 'tdigest-aggregation-function.md',
    name: "#2 representation, and `percentile_tdigest()` is used to demonstrate how ot find the 50-tile value.",
    query: `let DT=datatable(V:real, W:long) [
    1.0, 1,
    2.0, 2
];
DT
| summarize TD=tdigest(V, W)
| project P50=percentile_tdigest(TD, 50)`,
    unsupported: "the aggregate tdigest() is not supported by trailhound",
  },
  {
    page: 'variance-aggregation-function.md',
    name: "#1 range x from 1 to 5 step 1",
    query: `range x from 1 to 5 step 1
| summarize make_list(x), variance(x)`,
    output: `
|list_x|variance_x|
|---|---|
|[ 1, 2, 3, 4, 5]|2.5|
`,
  },
  {
    page: 'varianceif-aggregation-function.md',
    name: "#1 range x from 1 to 100 step 1",
    query: `range x from 1 to 100 step 1
| summarize varianceif(x, x%2 == 0)`,
    output: `
|varianceif_x|
|---|
|850|
`,
  },
  {
    page: 'variancep-aggregation-function.md',
    name: "#1 Example",
    decision:
      "The binder names variancep(x) `variancep_x` (Kusto's naming rule: function name, '_', column); the page's `variance_x` is copied from the variance page. Values agree.",
    corrected: `
|list_x|variancep_x|
|---|---|
|[ 1, 2, 3, 4, 5]|2|
`,
    query: `range x from 1 to 5 step 1
| summarize make_list(x), variancep(x)`,
    output: `
|list_x|variance_x|
|---|---|
|[ 1, 2, 3, 4, 5]|2|
`,
  },
  {
    page: 'variancepif-aggregation-function.md',
    name: "#1 This query generates a sequence of numbers from 1 to 100 and then calculates the variance of the even numbers ",
    query: `range x from 1 to 100 step 1
| summarize variancepif(x, x%2 == 0)`,
    unsupported: "the aggregate variancepif() is not supported by trailhound",
  },
]);
