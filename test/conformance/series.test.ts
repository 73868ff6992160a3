// Conformance with the examples of Microsoft's Kusto documentation (series); see harness.ts.
import { docCases, type DocCase } from './harness.ts';

/** series-fit-line and series-fit-line-dynamic pages: the same example and output table. */
const FIT_LINE_EXAMPLE: Partial<DocCase> = {
  adapted: 'the page shows only the fit columns: the query projects them instead of rendering a chart',
  output: `
| RSquare | Slope | Variance | RVariance | Interception | LineFit                                                                                     |
|---------|-------|----------|-----------|--------------|---------------------------------------------------------------------------------------------|
| 0.982   | 2.730 | 98.628   | 1.686     | -1.666       | 1.064, 3.7945, 6.526, 9.256, 11.987, 14.718, 17.449, 20.180, 22.910, 25.641, 28.371, 31.102 |
`,
  decision: 'the page cuts its numbers to three decimals instead of rounding them (-1.666 for -1.66667, 2.730 for 2.73077, 3.7945 for 3.79487) and prints the line as a list without brackets; the corrected table is the same fit rounded to the displayed digits',
  corrected: `
|RSquare|Slope|Variance|RVariance|Interception|LineFit|
|---|---|---|---|---|---|
|0.9829|2.731|98.629|1.686|-1.667|[1.064,3.795,6.526,9.256,11.987,14.718,17.449,20.179,22.910,25.641,28.372,31.103]|
`,
};

docCases('series', [
  {
    page: 'make-series-operator.md',
    name: "#2 let data=datatable(timestamp:datetime, metric: real)",
    query: `let data=datatable(timestamp:datetime, metric: real)
[
  datetime(2016-12-31T06:00), 50,
  datetime(2017-01-01), 4,
  datetime(2017-01-02), 3,
  datetime(2017-01-03), 4,
  datetime(2017-01-03T03:00), 6,
  datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13,
  datetime(2017-01-06), 4,
  datetime(2017-01-07), 3,
  datetime(2017-01-08), 8,
  datetime(2017-01-08T21:00), 8,
  datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11,
  datetime(2017-01-10T05:00), 5,
];
let interval = 1d;
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
data
| make-series avg(metric) on timestamp from stime to etime step interval`,
    output: `
|avg_metric|timestamp|
|---|---|
|[ 4.0, 3.0, 5.0, 0.0, 10.5, 4.0, 3.0, 8.0, 6.5 ]|[ "2017-01-01T00:00:00.0000000Z", "2017-01-02T00:00:00.0000000Z", "2017-01-03T00:00:00.0000000Z", "2017-01-04T00:00:00.0000000Z", "2017-01-05T00:00:00.0000000Z", "2017-01-06T00:00:00.0000000Z", "2017-01-07T00:00:00.0000000Z", "2017-01-08T00:00:00.0000000Z", "2017-01-09T00:00:00.0000000Z" ]|
`,
  },
  {
    page: 'make-series-operator.md',
    name: "#3 When the input to `make-series` is empty, the default behavior of `make-series` produces an empty result.",
    query: `let data=datatable(timestamp:datetime, metric: real)
[
  datetime(2016-12-31T06:00), 50,
  datetime(2017-01-01), 4,
  datetime(2017-01-02), 3,
  datetime(2017-01-03), 4,
  datetime(2017-01-03T03:00), 6,
  datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13,
  datetime(2017-01-06), 4,
  datetime(2017-01-07), 3,
  datetime(2017-01-08), 8,
  datetime(2017-01-08T21:00), 8,
  datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11,
  datetime(2017-01-10T05:00), 5,
];
let interval = 1d;
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
data
| take 0
| make-series avg(metric) default=1.0 on timestamp from stime to etime step interval 
| count`,
    output: `
|Count|
|---|
|0|
`,
  },
  {
    page: 'make-series-operator.md',
    name: "#4 Using `kind=nonempty` in `make-series` produces a non-empty result of the default values:",
    query: `let data=datatable(timestamp:datetime, metric: real)
[
  datetime(2016-12-31T06:00), 50,
  datetime(2017-01-01), 4,
  datetime(2017-01-02), 3,
  datetime(2017-01-03), 4,
  datetime(2017-01-03T03:00), 6,
  datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13,
  datetime(2017-01-06), 4,
  datetime(2017-01-07), 3,
  datetime(2017-01-08), 8,
  datetime(2017-01-08T21:00), 8,
  datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11,
  datetime(2017-01-10T05:00), 5,
];
let interval = 1d;
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
data
| take 0
| make-series kind=nonempty avg(metric) default=1.0 on timestamp from stime to etime step interval`,
    output: `
|avg_metric|timestamp|
|---|---|
|[<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0,<br>  1.0<br>]|[<br>  "2017-01-01T00:00:00.0000000Z",<br>  "2017-01-02T00:00:00.0000000Z",<br>  "2017-01-03T00:00:00.0000000Z",<br>  "2017-01-04T00:00:00.0000000Z",<br>  "2017-01-05T00:00:00.0000000Z",<br>  "2017-01-06T00:00:00.0000000Z",<br>  "2017-01-07T00:00:00.0000000Z",<br>  "2017-01-08T00:00:00.0000000Z",<br>  "2017-01-09T00:00:00.0000000Z"<br>]|
`,
  },
  {
    page: 'make-series-operator.md',
    name: "#5 Using `make-series` and `mv-expand` to fill values for missing records:",
    query: `let startDate = datetime(2025-01-06);
let endDate = datetime(2025-02-09);
let data = datatable(Time: datetime, Value: int, other:int)
[
    datetime(2025-01-07), 10, 11,
    datetime(2025-01-16), 20, 21,
    datetime(2025-02-01), 30, 5
];
data
| make-series Value=sum(Value), other=-1 default=-2 on Time from startDate to endDate step 7d
| mv-expand Value, Time, other
| extend Time=todatetime(Time), Value=toint(Value), other=toint(other)
| project-reorder Time, Value, other`,
    unsupported: "an expression over aggregates in make-series is not supported by trailhound",
  },
  {
    page: 'series-abs-function.md',
    name: "#1 print arr = dynamic([-6.5,0,8.2])",
    query: `print arr = dynamic([-6.5,0,8.2])
| extend arr_abs = series_abs(arr)`,
    output: `
|arr|arr_abs|
|---|---|
|[-6.5,0,8.2]|[6.5,0,8.2]|
`,
  },
  {
    page: 'series-acos-function.md',
    name: "#1 print arr = dynamic([-1,0,1])",
    query: `print arr = dynamic([-1,0,1])
| extend arr_acos = series_acos(arr)`,
    output: `
|arr|arr_acos|
|---|---|
|[-6.5,0,8.2]|[3.1415926535897931,1.5707963267948966,0.0]|
`,
    decision: 'the page prints the input column of the series_abs() example ([-6.5,0,8.2]) above results that are those of its own query over [-1,0,1]',
    corrected: `
|arr|arr_acos|
|---|---|
|[-1,0,1]|[3.1415926535897931,1.5707963267948966,0.0]|
`,
  },
  {
    page: 'series-add-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
| extend s1_add_s2 = series_add(s1, s2)`,
    output: `
|s1|s2|s1_add_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[5,4,5]|
|[2,4,8]|[8,4,2]|[10,8,10]|
|[3,6,12]|[12,6,3]|[15,12,15]|
`,
  },
  {
    page: 'series-asin-function.md',
    name: "#1 The following example creates a dynamic array, `arr`, with the value `[-1,0,1]`. It then extends the results w",
    query: `print arr = dynamic([-1,0,1])
| extend arr_asin = series_asin(arr)`,
    output: `
|arr|arr_asin|
|---|---|
|[-1,0,1]|["-1.5707963267948966",0,"1.5707963267948966"]|
`,
    decision: 'the page prints two of the numbers quoted, as strings (a rendering artefact: the other cells of the page show numbers); the values are asin(-1), asin(0), asin(1)',
    corrected: `
|arr|arr_asin|
|---|---|
|[-1,0,1]|[-1.5707963267948966,0,1.5707963267948966]|
`,
  },
  {
    page: 'series-atan-function.md',
    name: "#1 print arr = dynamic([-1,0,1])",
    query: `print arr = dynamic([-1,0,1])
| extend arr_atan = series_atan(arr)`,
    output: `
|arr|arr_atan|
|---|---|
|[-6.5,0,8.2]|[-0.78539816339744828,0.0,0.78539816339744828]|
`,
    decision: 'the page prints the input column of the series_abs() example ([-6.5,0,8.2]) above results that are those of its own query over [-1,0,1]',
    corrected: `
|arr|arr_atan|
|---|---|
|[-1,0,1]|[-0.78539816339744828,0.0,0.78539816339744828]|
`,
  },
  {
    page: 'series-ceiling-function.md',
    name: "#1 print s = dynamic([-1.5,1,2.5])",
    query: `print s = dynamic([-1.5,1,2.5])
| extend s_ceiling = series_ceiling(s)`,
    output: `
|s|s_ceiling|
|---|---|
|[-1.5,1,2.5]|[-1.0,1.0,3.0]|
`,
  },
  {
    page: 'series-cos-function.md',
    name: "#1 print arr = dynamic([-1,0,1])",
    query: `print arr = dynamic([-1,0,1])
| extend arr_cos = series_cos(arr)`,
    output: `
|arr|arr_cos|
|---|---|
|[-6.5,0,8.2]|[0.54030230586813976,1.0,0.54030230586813976]|
`,
    decision: 'the page prints the input column of the series_abs() example ([-6.5,0,8.2]) above results that are those of its own query over [-1,0,1]',
    corrected: `
|arr|arr_cos|
|---|---|
|[-1,0,1]|[0.54030230586813976,1.0,0.54030230586813976]|
`,
  },
  {
    page: 'series-cosine-similarity-function.md',
    name: "#1 target=\"_blank\">Run the query</a>",
    query: `datatable(s1:dynamic, s2:dynamic)
[
    dynamic([0.1,0.2,0.1,0.2]), dynamic([0.11,0.2,0.11,0.21]),
    dynamic([0.1,0.2,0.1,0.2]), dynamic([1,2,3,4]),
]
| extend cosine_similarity=series_cosine_similarity(s1, s2)`,
    output: `
|s1|s2|cosine_similarity|
|---|---|---|
|[0.1,0.2,0.1,0.2]|[0.11,0.2,0.11,0.21]|0.99935343825504|
|[0.1,0.2,0.1,0.2]|[1,2,3,4]|0.923760430703401|
`,
  },
  {
    page: 'series-divide-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
| extend s1_divide_s2 = series_divide(s1, s2)`,
    output: `
|s1	        |s2|	    s1_divide_s2|
|---|---|---|
|[1,2,4]	|[4,2,1]|	[0.25,1.0,4.0]|
|[2,4,8]	|[8,4,2]|	[0.25,1.0,4.0]|
|[3,6,12]	|[12,6,3]|	[0.25,1.0,4.0]|
`,
  },
  {
    page: 'series-dot-product-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1 
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
| extend s1_dot_product_s2 = series_dot_product(s1, s2)`,
    output: `
|s1|s2|s1_dot_product_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|12|
|[2,4,8]|[8,4,2]|48|
|[3,6,12]|[12,6,3]|108|
`,
  },
  {
    page: 'series-dot-product-function.md',
    name: "#2 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1 
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = x
| extend s1_dot_product_s2 = series_dot_product(s1, s2)`,
    output: `
|s1|s2|s1_dot_product_s2|
|---|---|---|
|[1,2,4]|1|7|
|[2,4,8]|2|28|
|[3,6,12]|3|63|
`,
  },
  {
    page: 'series-equals-function.md',
    name: "#1 print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])",
    query: `print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])
| extend s1_equals_s2 = series_equals(s1, s2)`,
    output: `
|s1|s2|s1_equals_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[false,true,false]|
`,
  },
  {
    page: 'series-exp-function.md',
    name: "#1 print s = dynamic([1,2,3])",
    query: `print s = dynamic([1,2,3])
| extend s_exp = series_exp(s)`,
    output: `
|s|s_exp|
|---|---|
|[1,2,3]|[2.7182818284590451,7.38905609893065,20.085536923187668]|
`,
  },
  {
    page: 'series-fill-backward-function.md',
    name: "#1 The following example performs a backwards fill on missing data in the datatable, *data*.",
    query: `let data = datatable(arr: dynamic)
    [
    dynamic([111, null, 36, 41, null, null, 16, 61, 33, null, null])   
];
data 
| project
    arr, 
    fill_backward = series_fill_backward(arr)`,
    output: `
|\`arr\`|\`fill_backward\`|
|---|---|
|[111,null,36,41,null,null,16,61,33,null,null]|[111,36,36,41,16,16,16,61,33,null,null]|
`,
  },
  {
    page: 'series-fill-const-function.md',
    name: "#1 The following example replaces the missing values in the datatable, *data*, with the value 0.0 in column `fill",
    query: `let data = datatable(arr: dynamic)
    [
    dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null])   
];
data 
| project
    arr, 
    fill_const1 = series_fill_const(arr, 0.0),
    fill_const2 = series_fill_const(arr, -1)`,
    output: `
|\`arr\`|\`fill_const1\`|\`fill_const2\`|
|---|---|---|
|[111,null,36,41,23,null,16,61,33,null,null]|[111,0.0,36,41,23,0.0,16,61,33,0.0,0.0]|[111,-1,36,41,23,-1,16,61,33,-1,-1]|
`,
  },
  {
    page: 'series-fill-forward-function.md',
    name: "#1 The following example performs a forward fill on missing data in the datatable, *data*.",
    query: `let data = datatable(arr: dynamic)
    [
    dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null])   
];
data 
| project
    arr, 
    fill_forward = series_fill_forward(arr)`,
    output: `
|\`arr\`|\`fill_forward\`|
|---|---|
|[null,null,36,41,null,null,16,61,33,null,null]|[null,null,36,41,41,41,16,61,33,33,33]|
`,
  },
  {
    page: 'series-fill-linear-function.md',
    name: "#1 The following example shows how to use use the `series_fill_linear()` function to fill missing values (nulls) ",
    query: `let data = datatable(arr: dynamic)
    [
    dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]), // Array of double    
    dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]), // Similar array of int
    dynamic([null, null, null, null])                                                   // Array with missing values only
];
data
| project
    arr, 
    without_args = series_fill_linear(arr),
    with_edges = series_fill_linear(arr, double(null), true),
    wo_edges = series_fill_linear(arr, double(null), false),
    with_const = series_fill_linear(arr, double(null), true, 3.14159)`,
    output: `
|\`arr\`|\`without_args\`|\`with_edges\`|\`wo_edges\`|\`with_const\`|
|---|---|---|---|---|
|[null,111.0,null,36.0,41.0,null,null,16.0,61.0,33.0,null,null]|[111.0,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,33.0,33.0]|[111.0,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,33.0,33.0]|[null,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,null,null]|[111.0,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,33.0,33.0]|
|[null,111,null,36,41,null,null,16,61,33,null,null]|[111,111,73,36,41,32,24,16,61,33,33,33]|[111,111,73,36,41,32,24,16,61,33,33,33]|[null,111,73,36,41,32,24,16,61,33,null,null]|[111,111,74,38,  41,32,24,16,61,33,33,33]|
|[null,null,null,null]|[0.0,0.0,0.0,0.0]|[0.0,0.0,0.0,0.0]|[0.0,0.0,0.0,0.0]|[3.14159,3.14159,3.14159,3.14159]|
`,
    decision: 'the with_const cell of the int row ([111,111,74,38,41,...]) contradicts the page: the constant only fills an all-null series, so with_const equals with_edges there ([111,111,73,36,...]); 38 even replaces the present value 36',
    corrected: `
|\`arr\`|\`without_args\`|\`with_edges\`|\`wo_edges\`|\`with_const\`|
|---|---|---|---|---|
|[null,111.0,null,36.0,41.0,null,null,16.0,61.0,33.0,null,null]|[111.0,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,33.0,33.0]|[111.0,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,33.0,33.0]|[null,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,null,null]|[111.0,111.0,73.5,36.0,41.0,32.667,24.333,16.0,61.0,33.0,33.0,33.0]|
|[null,111,null,36,41,null,null,16,61,33,null,null]|[111,111,73,36,41,32,24,16,61,33,33,33]|[111,111,73,36,41,32,24,16,61,33,33,33]|[null,111,73,36,41,32,24,16,61,33,null,null]|[111,111,73,36,41,32,24,16,61,33,33,33]|
|[null,null,null,null]|[0.0,0.0,0.0,0.0]|[0.0,0.0,0.0,0.0]|[0.0,0.0,0.0,0.0]|[3.14159,3.14159,3.14159,3.14159]|
`,
  },
  {
    page: 'series-fit-line-dynamic-function.md',
    name: "#1 print",
    query: `print
    id=' ',
    x=range(bin(now(), 1h) - 11h, bin(now(), 1h), 1h),
    y=dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])
| extend fit=series_fit_line_dynamic(y)
| extend
    RSquare=fit.rsquare,
    Slope=fit.slope,
    Variance=fit.variance,
    RVariance=fit.rvariance,
    Interception=fit.interception,
    LineFit=fit.line_fit
| project RSquare, Slope, Variance, RVariance, Interception, LineFit`,
    ...FIT_LINE_EXAMPLE,
  },
  {
    page: 'series-fit-line-function.md',
    name: "#1 print",
    query: `print
    id=' ',
    x=range(bin(now(), 1h) - 11h, bin(now(), 1h), 1h),
    y=dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])
| extend (RSquare, Slope, Variance, RVariance, Interception, LineFit)=series_fit_line(y)
| project RSquare, Slope, Variance, RVariance, Interception, LineFit`,
    ...FIT_LINE_EXAMPLE,
  },
  {
    page: 'series-floor-function.md',
    name: "#1 print s = dynamic([-1.5,1,2.5])",
    query: `print s = dynamic([-1.5,1,2.5])
| extend s_floor = series_floor(s)`,
    output: `
|s|s_floor|
|---|---|
|[-1.5,1,2.5]|[-2.0,1.0,2.0]|
`,
  },
  {
    page: 'series-greater-equals-function.md',
    name: "#1 print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])",
    query: `print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])
| extend s1_greater_equals_s2 = series_greater_equals(s1, s2)`,
    output: `
|s1|s2|s1_greater_equals_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[false,true,true]|
`,
  },
  {
    page: 'series-greater-function.md',
    name: "#1 print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])",
    query: `print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])
| extend s1_greater_s2 = series_greater(s1, s2)`,
    output: `
|s1|s2|s1_greater_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[false,false,true]|
`,
  },
  {
    page: 'series-iir-function.md',
    name: "#1 Use the iir filter with coefficients *denominators*=[1,-1] and *numerators*=[1]:",
    query: `let x = range(1.0, 10, 1);
print x=x, y = series_iir(x, dynamic([1]), dynamic([1,-1]))
| mv-expand x, y
| take 4`,
    adapted: 'the page shows the first four rows of the ten',
    output: `
| x | y |
|:--|:--|
|1.0|1.0|
|2.0|3.0|
|3.0|6.0|
|4.0|10.0|
`,
  },
  {
    page: 'series-iir-function.md',
    name: "#2 Here's how to wrap it in a function:",
    query: `let vector_sum=(x: dynamic) {
    let y=array_length(x) - 1;
    todouble(series_iir(x, dynamic([1]), dynamic([1, -1]))[y])
};
print d=dynamic([0, 1, 2, 3, 4])
| extend dd=vector_sum(d)`,
    output: `
|d            |dd  |
|-------------|----|
|\`[0,1,2,3,4]\`|\`10\`|
`,
  },
  {
    page: 'series-less-equals-function.md',
    name: "#1 print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])",
    query: `print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])
| extend s1_less_equals_s2 = series_less_equals(s1, s2)`,
    output: `
|s1|s2|s1_less_equals_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[true,true,false]|
`,
  },
  {
    page: 'series-less-function.md',
    name: "#1 print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])",
    query: `print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])
| extend s1_less_s2 = series_less(s1, s2)`,
    output: `
|s1|s2|s1_less_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[true,false,false]|
`,
  },
  {
    page: 'series-log-function.md',
    name: "#1 print s = dynamic([1,2,3])",
    query: `print s = dynamic([1,2,3])
| extend s_log = series_log(s)`,
    output: `
|s|s_log|
|---|---|
|[1,2,3]|[0.0,0.69314718055994529,1.0986122886681098]|
`,
  },
  {
    page: 'series-magnitude-function.md',
    name: "#1 print arr=dynamic([1,2,3,4])",
    query: `print arr=dynamic([1,2,3,4]) 
| extend series_magnitude=series_magnitude(arr)`,
    output: `
|s1|s2|series_magnitude|
|---|---|---|
|[1,2,3,4]|5.4772255750516612|
`,
    decision: 'the page names the input column differently from its query (`arr`), in a header that does not match its one row',
    corrected: `
|arr|series_magnitude|
|---|---|
|[1,2,3,4]|5.4772255750516612|
`,
  },
  {
    page: 'series-multiply-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
| extend s1_multiply_s2 = series_multiply(s1, s2)`,
    output: `
|s1 |s2 |s1_multiply_s2|
|--|--|--|
|[1,2,4] |[4,2,1]| [4,4,4]|
|[2,4,8] |[8,4,2]| [16,16,16]|
|[3,6,12] |[12,6,3]| [36,36,36]|
`,
  },
  {
    page: 'series-not-equals-function.md',
    name: "#1 print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])",
    query: `print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1])
| extend s1_not_equals_s2 = series_not_equals(s1, s2)`,
    output: `
|s1|s2|s1_not_equals_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[true,false,true]|
`,
  },
  {
    page: 'series-pearson-correlation-function.md',
    name: "#1 range s1 from 1 to 5 step 1",
    query: `range s1 from 1 to 5 step 1
| extend s2 = 2 * s1 // Perfect correlation
| summarize s1 = make_list(s1), s2 = make_list(s2)
| extend correlation_coefficient = series_pearson_correlation(s1, s2)`,
    output: `
|s1|s2|correlation_coefficient|
|---|---|---|
|[1,2,3,4,5]|[2,4,6,8,10]|1|
`,
  },
  {
    page: 'series-periods-detect-function.md',
    name: "#2 You can run the `series_periods_detect()` function on the same series to identify the recurring patterns. The ",
    query: `print y=dynamic([80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, 94, 149, 95, 140, 77, 61, 50, 54, 47, 133, 72, 152, 94, 148, 105, 162, 101, 160, 87, 63, 53, 55, 54, 151, 103, 189, 108, 183, 113, 175, 113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170])
| project x=range(1, array_length(y), 1), y  
| project series_periods_detect(y, 0.0, 50.0, 2)`,
    unsupported: "series_periods_detect() on a series that can hold periods of 4 to 30 points (the docs do not describe its algorithm)",
  },
  {
    page: 'series-periods-validate-function.md',
    name: "#2 If you run `series_periods_validate()` on this series to validate a weekly period (14 points long) it results ",
    query: `print y=dynamic([80, 139, 87, 110, 68, 54, 50, 51, 53, 133, 86, 141, 97, 156, 94, 149, 95, 140, 77, 61, 50, 54, 47, 133, 72, 152, 94, 148, 105, 162, 101, 160, 87, 63, 53, 55, 54, 151, 103, 189, 108, 183, 113, 175, 113, 178, 90, 71, 62, 62, 65, 165, 109, 181, 115, 182, 121, 178, 114, 170])
| project x=range(1, array_length(y), 1), y  
| project series_periods_validate(y, 14.0, 10.0)`,
    unsupported: "series_periods_validate() of a period of 14 points in a series of 60 (the docs do not describe how it is scored)",
  },
  {
    page: 'series-pow-function.md',
    name: "#1 print x = dynamic([1, 2, 3, 4]), y=dynamic([1, 2, 3, 0.5])",
    query: `print x = dynamic([1, 2, 3, 4]), y=dynamic([1, 2, 3, 0.5])
| extend x_pow_y = series_pow(x, y)`,
    output: `
|x|y|x_pow_y|
|---|---|---|
|[1,2,3,4]|[1,2,3,0.5]|[1.0,4.0,27.0,2.0]|
`,
  },
  {
    page: 'series-product-function.md',
    name: "#1 print arr=dynamic([1,2,3,4])",
    query: `print arr=dynamic([1,2,3,4]) 
| extend series_product=series_product(arr)`,
    output: `
|s1|series_product|
|---|---|
|[1,2,3,4]|24|
`,
    decision: 'the page names the input column differently from its query (`arr`), in a header that does not match its one row',
    corrected: `
|arr|series_product|
|---|---|
|[1,2,3,4]|24|
`,
  },
  {
    page: 'series-seasonal-function.md',
    name: "#1 See the next example on [how to force the period](#force-a-period).",
    query: `print s=dynamic([2, 5, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1])
| union (print s=dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]))
| union (print s=dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))
| extend s_seasonal = series_seasonal(s)`,
    unsupported: "series_seasonal() detecting the seasonality of a series of 25 points (Seasonality -1, the default: the docs do not describe series_periods_detect's algorithm)",
  },
  {
    page: 'series-seasonal-function.md',
    name: "#2 In this example, the series' period is too short to be detected by [series_periods_detect()](series-periods-de",
    query: `print s=dynamic([1, 3, 5, 1, 3, 5, 2, 4, 6]) 
| union (print s=dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))
| extend s_seasonal = series_seasonal(s, 3)`,
    output: `
|s|s_seasonal|
|---|---|
|[1,3,5,1,3,5,2,4,6]|[1.0,3.0,5.0,1.0,3.0,5.0,1.0,3.0,5.0]|
|[1,3,5,2,4,6,1,3,5,2,4,6]|[1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5,1.5,3.5,5.5]|
`,
  },
  {
    page: 'series-sign-function.md',
    name: "#1 print arr = dynamic([-6, 0, 8])",
    query: `print arr = dynamic([-6, 0, 8])
| extend arr_sign = series_sign(arr)`,
    output: `
|arr|arr_sign|
|---|---|
|[-6,0,8]|[-1,0,1]|
`,
  },
  {
    page: 'series-sin-function.md',
    name: "#1 print arr = dynamic([-1, 0, 1])",
    query: `print arr = dynamic([-1, 0, 1])
| extend arr_sin = series_sin(arr)`,
    output: `
|arr|arr_sin|
|---|---|
|[-6.5,0,8.2]|[-0.8414709848078965,0.0,0.8414709848078965]|
`,
    decision: 'the page prints the input column of the series_abs() example ([-6.5,0,8.2]) above results that are those of its own query over [-1,0,1]',
    corrected: `
|arr|arr_sin|
|---|---|
|[-1,0,1]|[-0.8414709848078965,0.0,0.8414709848078965]|
`,
  },
  {
    page: 'series-stats-dynamic-function.md',
    name: "#1 print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29])",
    query: `print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) 
| project stats=series_stats_dynamic(x)`,
    output: `
|stats|
|---|
|{"min": 2.0, "min_idx": 8, "max": 87.0, "max_idx": 3, "avg": 32.8, "stdev": 28.503633853548269, "variance": 812.45714285714291, "sum": 492.0, "len": 15}|
`,
  },
  {
    page: 'series-stats-function.md',
    name: "#1 print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29])",
    query: `print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) 
| project series_stats(x)`,
    output: `
|series_stats_x_min|series_stats_x_min_idx|series_stats_x_max|series_stats_x_max_idx|series_stats_x_avg|series_stats_x_stdev|series_stats_x_variance|
|---|---|---|---|---|---|---|
|2|8|87|3|32.8|28.5036338535483|812.457142857143|
`,
  },
  {
    page: 'series-subtract-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
| extend s1_subtract_s2 = series_subtract(s1, s2)`,
    output: `
|s1|s2|s1_subtract_s2|
|---|---|---|
|[1,2,4]|[4,2,1]|[-3,0,3]|
|[2,4,8]|[8,4,2]|[-6,0,6]|
|[3,6,12]|[12,6,3]|[-9,0,9]|
`,
  },
  {
    page: 'series-sum-function.md',
    name: "#1 print arr=dynamic([1,2,3,4])",
    query: `print arr=dynamic([1,2,3,4]) 
| extend series_sum=series_sum(arr)`,
    output: `
|s1|series_sum|
|---|---|
|[1,2,3,4]|10|
`,
    decision: 'the page names the input column differently from its query (`arr`), in a header that does not match its one row',
    corrected: `
|arr|series_sum|
|---|---|
|[1,2,3,4]|10|
`,
  },
  {
    page: 'series-tan-function.md',
    name: "#1 print arr = dynamic([-1, 0, 1])",
    query: `print arr = dynamic([-1, 0, 1])
| extend arr_tan = series_tan(arr)`,
    output: `
|arr|arr_tan|
|---|---|
|[-6.5,0,8.2]|[-1.5574077246549023,0.0,1.5574077246549023]|
`,
    decision: 'the page prints the input column of the series_abs() example ([-6.5,0,8.2]) above results that are those of its own query over [-1,0,1]',
    corrected: `
|arr|arr_tan|
|---|---|
|[-1,0,1]|[-1.5574077246549023,0.0,1.5574077246549023]|
`,
  },
]);
