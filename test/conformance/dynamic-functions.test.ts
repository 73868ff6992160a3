// Conformance with the examples of Microsoft's Kusto documentation (dynamic-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('dynamic-functions', [
  {
    page: 'array-concat-function.md',
    name: "#1 The following example shows concatenated arrays.",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| extend a1 = pack_array(x,y,z), a2 = pack_array(x, y)
| project array_concat(a1, a2)`,
    output: `
|Column1|
|---|
|[1,2,4,1,2]|
|[2,4,8,2,4]|
|[3,6,12,3,6]|
`,
  },
  {
    page: 'array-iff-function.md',
    name: "#1 The following example shows how to use the `array_iff()` function to evaluate elements in an array.",
    query: `print condition=dynamic([true,false,true]), if_true=dynamic([1,2,3]), if_false=dynamic([4,5,6]) 
| extend res= array_iff(condition, if_true, if_false)`,
    unsupported: "the function array_iff() is not supported by trailhound",
  },
  {
    page: 'array-iff-function.md',
    name: "#2 The following example shows how numeric condition values are treated as boolean values.",
    query: `print condition=dynamic([1,0,50]), if_true="yes", if_false="no" 
| extend res= array_iff(condition, if_true, if_false)`,
    unsupported: "the function array_iff() is not supported by trailhound",
  },
  {
    page: 'array-iff-function.md',
    name: "#3 The following example shows how to use the `array_iff()` function with non-numeric and non-boolean condition v",
    query: `print condition=dynamic(["some string value", datetime("01-01-2022"), null]), if_true=1, if_false=0
| extend res= array_iff(condition, if_true, if_false)`,
    unsupported: "the function array_iff() is not supported by trailhound",
  },
  {
    page: 'array-iff-function.md',
    name: "#4 The following example shows how the function handles mismatched array lengths.",
    query: `print condition=dynamic([true,true,true]), if_true=dynamic([1,2]), if_false=dynamic([3,4]) 
| extend res= array_iff(condition, if_true, if_false)`,
    unsupported: "the function array_iff() is not supported by trailhound",
  },
  {
    page: 'array-index-of-function.md',
    name: "#1 The following example shows the position number of specific words within the array.",
    query: `let arr=dynamic(["this", "is", "an", "example", "an", "example"]);
print
 idx1 = array_index_of(arr,"an")    // lookup found in input string
 , idx2 = array_index_of(arr,"example",1,3) // lookup found in researched range 
 , idx3 = array_index_of(arr,"example",1,2) // search starts from index 1, but stops after 2 values, so lookup can't be found
 , idx4 = array_index_of(arr,"is",2,4) // search starts after occurrence of lookup
 , idx5 = array_index_of(arr,"example",2,-1)  // lookup found
 , idx6 = array_index_of(arr, "an", 1, -1, 2)   // second occurrence found in input range
 , idx7 = array_index_of(arr, "an", 1, -1, 3)   // no third occurrence in input array
 , idx8 = array_index_of(arr, "an", -3)   // negative start index will look at last 3 elements
 , idx9 = array_index_of(arr, "is", -4)   // negative start index will look at last 3 elements`,
    unsupported: "array_index_of() with start, length or occurrence arguments is not supported by trailhound",
  },
  {
    page: 'array-length-function.md',
    name: "#1 The following example shows the number of elements in the array.",
    query: `print array_length(dynamic([1, 2, 3, "four"]))`,
    output: `
|print_0|
|--|
|4|
`,
  },
  {
    page: 'array-reverse-function.md',
    name: "#1 The following example shows an array of words reversed.",
    query: `print arr=dynamic(["this", "is", "an", "example"]) 
| project Result=array_reverse(arr)`,
    unsupported: "the function array_reverse() is not supported by trailhound",
  },
  {
    page: 'array-rotate-left-function.md',
    name: "#1 The following example shows rotating to the left by two positions:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_rotated=array_rotate_left(arr, 2)`,
    unsupported: "the function array_rotate_left() is not supported by trailhound",
  },
  {
    page: 'array-rotate-left-function.md',
    name: "#2 The following example shows rotating to the right by two positions by using negative rotate_count value:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_rotated=array_rotate_left(arr, -2)`,
    unsupported: "the function array_rotate_left() is not supported by trailhound",
  },
  {
    page: 'array-rotate-right-function.md',
    name: "#1 The following example shows rotating to the right by two positions:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_rotated=array_rotate_right(arr, 2)`,
    unsupported: "the function array_rotate_right() is not supported by trailhound",
  },
  {
    page: 'array-rotate-right-function.md',
    name: "#2 The following example shows rotating to the left by two positions by using negative rotate_count value:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_rotated=array_rotate_right(arr, -2)`,
    unsupported: "the function array_rotate_right() is not supported by trailhound",
  },
  {
    page: 'array-shift-left-function.md',
    name: "#1 The following example shows shifting to the left by two positions:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_shift=array_shift_left(arr, 2)`,
    unsupported: "the function array_shift_left() is not supported by trailhound",
  },
  {
    page: 'array-shift-left-function.md',
    name: "#2 The following example shows shifting to the left by two positions and adding default value:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_shift=array_shift_left(arr, 2, -1)`,
    unsupported: "the function array_shift_left() is not supported by trailhound",
  },
  {
    page: 'array-shift-left-function.md',
    name: "#3 The following example shows shifting to the right by two positions by using negative *shift_count* value:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_shift=array_shift_left(arr, -2, -1)`,
    unsupported: "the function array_shift_left() is not supported by trailhound",
  },
  {
    page: 'array-shift-right-function.md',
    name: "#1 The following example shows shifting to the right by two positions:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_shift=array_shift_right(arr, 2)`,
    unsupported: "the function array_shift_right() is not supported by trailhound",
  },
  {
    page: 'array-shift-right-function.md',
    name: "#2 The following example shows shifting to the right by two positions and adding a default value:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_shift=array_shift_right(arr, 2, -1)`,
    unsupported: "the function array_shift_right() is not supported by trailhound",
  },
  {
    page: 'array-shift-right-function.md',
    name: "#3 The following example shows shifting to the left by two positions by using a negative shift_count value:",
    query: `print arr=dynamic([1,2,3,4,5])
| extend arr_shift=array_shift_right(arr, -2, -1)`,
    unsupported: "the function array_shift_right() is not supported by trailhound",
  },
  {
    page: 'array-slice-function.md',
    name: "#1 The following examples return a slice of the array.",
    query: `print arr=dynamic([1,2,3]) 
| extend sliced=array_slice(arr, 1, 2)`,
    output: `
|arr|sliced|
|---|---|
|[1,2,3]|[2,3]|
`,
  },
  {
    page: 'array-slice-function.md',
    name: "#2 print arr=dynamic([1,2,3,4,5])",
    query: `print arr=dynamic([1,2,3,4,5]) 
| extend sliced=array_slice(arr, 2, -1)`,
    output: `
|arr|sliced|
|---|---|
|[1,2,3,4,5]|[3,4,5]|
`,
  },
  {
    page: 'array-slice-function.md',
    name: "#3 print arr=dynamic([1,2,3,4,5])",
    query: `print arr=dynamic([1,2,3,4,5]) 
| extend sliced=array_slice(arr, -3, -2)`,
    output: `
|arr|sliced|
|---|---|
|[1,2,3,4,5]|[3,4]|
`,
  },
  {
    page: 'array-sort-asc-function.md',
    name: "#1 The following example sorts the initial array, `array1`, in ascending order. It then sorts `array2` to match t",
    query: `let array1 = dynamic([1,3,4,5,2]);
let array2 = dynamic(["a","b","c","d","e"]);
print array_sort_asc(array1,array2)`,
    unsupported: "array_sort_asc() with several arrays (it returns several columns) is not supported by trailhound",
  },
  {
    page: 'array-sort-asc-function.md',
    name: "#2 The following example sorts a list of names in ascending order. It saves a list of names to a variable, `Names",
    query: `let Names = "John,Paul,Jane,Kao";
let SortedNames = strcat_array(array_sort_asc(split(Names, ",")), ",");
print result = SortedNames`,
    output: `
|result|
|---|
|Jane,John,Kao,Paul|
`,
  },
  {
    page: 'array-sort-asc-function.md',
    name: "#3 The following example uses the `summarize` operator and the `array_sort_asc` function to organize and sort com",
    query: `datatable(command:string, command_time:datetime, user_id:string)
[
    'chmod',   datetime(2019-07-15),   "user1",
    'ls',      datetime(2019-07-02),   "user1",
    'dir',     datetime(2019-07-22),   "user1",
    'mkdir',   datetime(2019-07-14),   "user1",
    'rm',      datetime(2019-07-27),   "user1",
    'pwd',     datetime(2019-07-25),   "user1",
    'rm',      datetime(2019-07-23),   "user2",
    'pwd',     datetime(2019-07-25),   "user2",
]
| summarize timestamps = make_list(command_time), commands = make_list(command) by user_id
| project user_id, commands_in_chronological_order = array_sort_asc(timestamps, commands)[1]`,
    unsupported: "array_sort_asc() with several arrays (it returns several columns) is not supported by trailhound",
  },
  {
    page: 'array-sort-asc-function.md',
    name: "#4 The following example shows the default behavior:",
    query: `print result=array_sort_asc(dynamic([null,"blue","yellow","green",null]))`,
    output: `
|result|
|---|
|["blue","green","yellow",null,null]|
`,
  },
  {
    page: 'array-sort-asc-function.md',
    name: "#5 The following example shows nondefault behavior using the `false` parameter, which specifies that nulls are pl",
    query: `print result=array_sort_asc(dynamic([null,"blue","yellow","green",null]), false)`,
    output: `
|result|
|---|
|[null,null,"blue","green","yellow"]|
`,
  },
  {
    page: 'array-sort-desc-function.md',
    name: "#1 The following example sorts the initial array, `array1`, in descending order. It then sorts `array2` to match ",
    query: `let array1 = dynamic([1,3,4,5,2]);
let array2 = dynamic(["a","b","c","d","e"]);
print array_sort_desc(array1,array2)`,
    unsupported: "array_sort_desc() with several arrays (it returns several columns) is not supported by trailhound",
  },
  {
    page: 'array-sort-desc-function.md',
    name: "#2 The following example sorts a list of names in descending order. It saves a list of names to a variable, `Name",
    query: `let Names = "John,Paul,Jane,Kayo";
let SortedNames = strcat_array(array_sort_desc(split(Names, ",")), ",");
print result = SortedNames`,
    output: `
|result|
|---|
|Paul,Kayo,John,Jane|
`,
  },
  {
    page: 'array-sort-desc-function.md',
    name: "#3 The following example uses the `summarize` operator and the `array_sort_asc` function to organize and sort com",
    query: `datatable(command:string, command_time:datetime, user_id:string)
[
    'chmod',   datetime(2019-07-15),   "user1",
    'ls',      datetime(2019-07-02),   "user1",
    'dir',     datetime(2019-07-22),   "user1",
    'mkdir',   datetime(2019-07-14),   "user1",
    'rm',      datetime(2019-07-27),   "user1",
    'pwd',     datetime(2019-07-25),   "user1",
    'rm',      datetime(2019-07-23),   "user2",
    'pwd',     datetime(2019-07-25),   "user2",
]
| summarize timestamps = make_list(command_time), commands = make_list(command) by user_id
| project user_id, commands_in_chronological_order = array_sort_desc(timestamps, commands)[1]`,
    unsupported: "array_sort_desc() with several arrays (it returns several columns) is not supported by trailhound",
  },
  {
    page: 'array-sort-desc-function.md',
    name: "#4 The following example shows the default behavior:",
    query: `print result=array_sort_desc(dynamic([null,"blue","yellow","green",null]))`,
    output: `
|result|
|---|
|["yellow","green","blue",null,null]|
`,
  },
  {
    page: 'array-sort-desc-function.md',
    name: "#5 The following example shows nondefault behavior using the `false` parameter, which specifies that nulls are pl",
    query: `print result=array_sort_desc(dynamic([null,"blue","yellow","green",null]), false)`,
    output: `
|result|
|---|
|[null,null,"yellow","green","blue"]|
`,
  },
  {
    page: 'array-split-function.md',
    name: "#1 print arr=dynamic([1,2,3,4,5])",
    query: `print arr=dynamic([1,2,3,4,5]) 
| extend arr_split=array_split(arr, 2)`,
    unsupported: "the function array_split() is not supported by trailhound",
  },
  {
    page: 'array-split-function.md',
    name: "#2 print arr=dynamic([1,2,3,4,5])",
    query: `print arr=dynamic([1,2,3,4,5]) 
| extend arr_split=array_split(arr, dynamic([1,3]))`,
    unsupported: "the function array_split() is not supported by trailhound",
  },
  {
    page: 'array-sum-function.md',
    name: "#1 The following example shows the sum of an array.",
    query: `print arr=dynamic([1,2,3,4]) 
| extend arr_sum=array_sum(arr)`,
    unsupported: "the function array_sum() is not supported by trailhound",
  },
  {
    page: 'bag-has-key-function.md',
    name: "#1 datatable(input: dynamic)",
    query: `datatable(input: dynamic)
[
    dynamic({'key1' : 123, 'key2': 'abc'}),
    dynamic({'key1' : 123, 'key3': 'abc'}),
]
| extend result = bag_has_key(input, 'key2')`,
    output: `
|input|result|
|---|---|
|{<br>  "key1": 123,<br>  "key2": "abc"<br>}|true<br>|
|{<br>  "key1": 123,<br>  "key3": "abc"<br>}|false<br>|
`,
  },
  {
    page: 'bag-has-key-function.md',
    name: "#2 The following example searches using a JSONPath key.",
    query: `datatable(input: dynamic)
[
    dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}),
]
| extend result = bag_has_key(input, '$.key2.prop1')`,
    output: `
|input|result|
|---|---|
|{<br>  "key1": 123,<br>  "key2": {<br>    "prop1": "abc",<br>    "prop2": "xyz"<br>  },<br>  "key3": [<br>    100,<br>    200<br>  ]<br>}|true<br>|
`,
  },
  {
    page: 'bag-keys-function.md',
    name: "#1 datatable(index:long, d:dynamic) [",
    query: `datatable(index:long, d:dynamic) [
    1, dynamic({'a':'b', 'c':123}), 
    2, dynamic({'a':'b', 'c':{'d':123}}),
    3, dynamic({'a':'b', 'c':[{'d':123}]}),
    4, dynamic(null),
    5, dynamic({}),
    6, dynamic('a'),
    7, dynamic([])
]
| extend keys = bag_keys(d)`,
    output: `
|index|d|keys|
|---|---|---|
|1|{<br>  "a": "b",<br>  "c": 123<br>}|[<br>  "a",<br>  "c"<br>]|
|2|{<br>  "a": "b",<br>  "c": {<br>    "d": 123<br>  }<br>}|[<br>  "a",<br>  "c"<br>]|
|3|{<br>  "a": "b",<br>  "c": [<br>    {<br>      "d": 123<br>    }<br>  ]<br>}|[<br>  "a",<br>  "c"<br>]|
|4|||
|5|{}|[]|
|6|a||
|7|[]||
`,
  },
  {
    page: 'bag-merge-function.md',
    name: "#1 print result = bag_merge(",
    query: `print result = bag_merge(
   dynamic({'A1':12, 'B1':2, 'C1':3}),
   dynamic({'A2':81, 'B2':82, 'A1':1}))`,
    output: `
|result|
|---|
|{<br>  "A1": 12,<br>  "B1": 2,<br>  "C1": 3,<br>  "A2": 81,<br>  "B2": 82<br>}|
`,
  },
  {
    page: 'bag-pack-columns-function.md',
    name: "#1 The following example creates a property bag that includes the `Id` and `Value` columns:",
    query: `datatable(Id: string, Value: string, Other: long)
[
    "A", "val_a", 1,
    "B", "val_b", 2,
    "C", "val_c", 3
]
| extend Packed = bag_pack_columns(Id, Value)`,
    unsupported: "the function bag_pack_columns() is not supported by trailhound",
  },
  {
    page: 'bag-remove-keys-function.md',
    name: "#1 datatable(input:dynamic)",
    query: `datatable(input:dynamic)
[
    dynamic({'key1' : 123,     'key2': 'abc'}),
    dynamic({'key1' : 'value', 'key3': 42.0}),
]
| extend result=bag_remove_keys(input, dynamic(['key2', 'key4']))`,
    output: `
|input|result|
|---|---|
|{<br>  "key1": 123,<br>  "key2": "abc"<br>}|{<br>  "key1": 123<br>}|
|{<br>  "key1": "value",<br>  "key3": 42.0<br>}|{<br>  "key1": "value",<br>  "key3": 42.0<br>}|
`,
  },
  {
    page: 'bag-remove-keys-function.md',
    name: "#2 The following example removes inner properties of dynamic values using JSONPath notation.",
    query: `datatable(input:dynamic)
[
    dynamic({'key1': 123, 'key2': {'prop1' : 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}),
]
| extend result=bag_remove_keys(input, dynamic(['$.key2.prop1', 'key3']))`,
    output: `
|input|result|
|---|---|
|{<br>  "key1": 123,<br>  "key2": {<br>    "prop1": "abc",<br>    "prop2": "xyz"<br>  },<br>  "key3": [<br>    100,<br>    200<br>  ]<br>}|{<br>  "key1": 123,<br>  "key2": {<br>    "prop2": "xyz"<br>  }<br>}|
`,
  },
  {
    page: 'bag-set-key-function.md',
    name: "#1 The following example demonstrates how to set a root-level key in a property bag.",
    query: `datatable(input: dynamic) [
    dynamic({'key1': 1, 'key2': 2}), 
    dynamic({'key1': 1, 'key3': 'abc'}),
]
| extend result = bag_set_key(input, 'key3', 3)`,
    unsupported: "the function bag_set_key() is not supported by trailhound",
  },
  {
    page: 'bag-set-key-function.md',
    name: "#2 The following example demonstrates how to set a JSONPath key in a property bag.",
    query: `datatable(input: dynamic)[
    dynamic({'key1': 123, 'key2': {'prop1': 123, 'prop2': 'xyz'}}),
    dynamic({'key1': 123})
]
| extend result = bag_set_key(input, '$.key2.prop1', 'abc')`,
    unsupported: "the function bag_set_key() is not supported by trailhound",
  },
  {
    page: 'base64-decode-toarray-function.md',
    name: "#1 The following example shows how to use `base64_decode_toarray()` to decode a base64 string into an array of lo",
    query: `print Quine=base64_decode_toarray("S3VzdG8=")  
// 'K', 'u', 's', 't', 'o'`,
    output: `
|Quine|
|-----|
|[75,117,115,116,111]|
`,
  },
  {
    page: 'base64-encode-fromarray-function.md',
    name: "#1 The following example shows how to use `base64_encode_fromarray()` to encode a bytes array into a base64 strin",
    query: `let bytes_array = toscalar(print base64_decode_toarray("S3VzdG8="));
print decoded_base64_string = base64_encode_fromarray(bytes_array)`,
    output: `
|decoded_base64_string|
|---|
|S3VzdG8=|
`,
  },
  {
    page: 'base64-encode-fromarray-function.md',
    name: "#2 Trying to encode a base64 string from an invalid bytes array that was generated from invalid UTF-8 encoded str",
    query: `let empty_bytes_array = toscalar(print base64_decode_toarray("U3RyaW5n0KHR0tGA0L7Rh9C60LA"));
print empty_string = base64_encode_fromarray(empty_bytes_array)`,
    output: `
|empty_string|
|---|
||
`,
  },
  {
    page: 'dynamic-to-json-function.md',
    name: "#1 The following example converts a `dynamic` value to a canonical string representation.",
    query: `let bag1 = dynamic_to_json(
  dynamic({
    'Y10':dynamic({}),
    'X8': dynamic({
      'c3':1,
      'd8':5,
      'a4':6
    }),
    'D1':114,
    'A1':12,
    'B1':2,
    'C1':3,
    'A14':[15, 13, 18]
}));
let bag2 = dynamic_to_json(
  dynamic({
    'X8': dynamic({
      'a4':6,
      'c3':1,
      'd8':5
    }),
    'A14':[15, 13, 18],
    'C1':3,
    'B1':2,
    'Y10': dynamic({}),
    'A1':12, 'D1':114
  }));
print AreEqual=bag1 == bag2, Result=bag1`,
    unsupported: "the function dynamic_to_json() is not supported by trailhound",
  },
  {
    page: 'jaccard-index-function.md',
    name: "#1 print set1=dynamic([1,2,3]), set2=dynamic([1,2,3,4])",
    query: `print set1=dynamic([1,2,3]), set2=dynamic([1,2,3,4])
| extend jaccard=jaccard_index(set1, set2)`,
    unsupported: "the function jaccard_index() is not supported by trailhound",
  },
  {
    page: 'pack-all-function.md',
    name: "#1 The following query uses `pack_all()` to create packed columns.",
    query: `datatable(Source:string,Target:string,CharsCount:long)
[
'555-1234','555-1212',46,
'555-1234','555-1213',50,
'555-1313','',42, 
'','555-3456',74 
]
| extend Packed=pack_all(), PackedIgnoreNullEmpty=pack_all(true)`,
    unsupported: "the function pack_all() is not supported by trailhound",
  },
  {
    page: 'pack-array-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| project pack_array(x, y, z)`,
    output: `
|Column1|
|---|
|[1,2,4]|
|[2,4,8]|
|[3,6,12]|
`,
  },
  {
    page: 'pack-array-function.md',
    name: "#2 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = tostring(x * 2)
| extend z = (x * 2) * 1s
| project pack_array(x, y, z)`,
    output: `
|Column1|
|---|
|[1,"2","00:00:02"]|
|[2,"4","00:00:04"]|
|[3,"6","00:00:06"]|
`,
  },
  {
    page: 'pack-function.md',
    name: "#1 The following example creates and returns a property bag from an alternating list of keys and values.",
    query: `print bag_pack("Level", "Information", "ProcessID", 1234, "Data", bag_pack("url", "www.bing.com"))`,
    output: `
|print_0|
|--|
|{"Level": "Information", "ProcessID": 1234, "Data": {"url":"www.bing.com"}}|
`,
  },
  {
    page: 'pack-function.md',
    name: "#2 The following example creates a property bag and extract value from property bag using '.' operator.",
    query: `datatable (
    Source: int,
    Destination: int,
    Message: string
) [
    1234, 100, "Hi", 
    4567, 200, "Hello",
    1212, 300, "Hey" 
]
| extend MyBag=bag_pack("Dest", Destination, "Text", Message)
| project-away Source, Destination, Message
| extend MyBag_Dest=MyBag.Dest, MyBag_Text=MyBag.Text`,
    output: `
|\`MyBag\`|\`MyBag_Dest\`|\`MyBag_Text\`|
|--|--|--|
|{"Dest":100,"Text":"Hi" }|100|Hi|
|{"Dest":200,"Text":"Hello" }|200|Hello|
|{"Dest":300,"Text":"Hey" }|300|Hey|
`,
  },
  {
    page: 'pack-function.md',
    name: "#3 MmsMessages",
    anyRowOrder: 'join does not define the order of its output rows',
    query: `let SmsMessages = datatable (
    SourceNumber: string,
    TargetNumber: string,
    CharsCount: string
) [
    "555-555-1234", "555-555-1212", "46", 
    "555-555-1234", "555-555-1213", "50",
    "555-555-1212", "555-555-1234", "32" 
];
let MmsMessages = datatable (
    SourceNumber: string,
    TargetNumber: string,
    FileSize: string,
    FileName: string
) [
    "555-555-1212", "555-555-1213", "200", "Pic1",
    "555-555-1234", "555-555-1212", "250", "Pic2",
    "555-555-1234", "555-555-1213", "300", "Pic3"
];
SmsMessages 
| join kind=inner MmsMessages on SourceNumber
| extend Packed=bag_pack("CharsCount", CharsCount, "FileSize", FileSize, "FileName", FileName) 
| where SourceNumber == "555-555-1234"
| project SourceNumber, TargetNumber, Packed`,
    output: `
| SourceNumber | TargetNumber | \`Packed\` |
|--|--|--|--|
| 555-555-1234 | 555-555-1213 | {"CharsCount":"50","FileSize":"250","FileName":"Pic2"} |
| 555-555-1234 | 555-555-1212 | {"CharsCount":"46","FileSize":"250","FileName":"Pic2"} |
| 555-555-1234 | 555-555-1213 | {"CharsCount":"50","FileSize":"300","FileName":"Pic3"} |
| 555-555-1234 | 555-555-1212 | {"CharsCount":"46","FileSize":"300","FileName":"Pic3"} |
`,
  },
  {
    page: 'parse-json-function.md',
    name: "#1 Then the following query retrieves the value of the `duration` slot in the object, and from that it retrieves ",
    query: `datatable(context_custom_metrics:string)
[
    '{"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}}'
]
| extend d = parse_json(context_custom_metrics)
| extend duration_value = d.duration.value, duration_min = d.duration.min`,
    output: `
| context_custom_metrics | d | duration_value | duration_min |
|--|--|--|--|
| {"duration":{"value":118.0,"count":5.0,"min":100.0,"max":150.0,"stdDev":0.0,"sampledValue":118.0,"sum":118.0}} | {"duration":{"value":118,"count":5,"min":100,"max":150,"stdDev":0,"sampledValue":118,"sum":118}} | 118 | 100 |
`,
  },
  {
    page: 'parse-json-function.md',
    name: "#2 let d='{\"a\":123, \"b\":\"{\\\\\\\\\"c\\\\\\\\\":456}\"}';",
    query: `let d='{"a":123, "b":"{\\\\"c\\\\":456}"}';
print d`,
    output: `
| print_0 |
|--|
| {"a":123, "b":"{\\"c\\":456}"} |
`,
  },
  {
    page: 'parse-json-function.md',
    name: "#3 In such cases, it isn't only necessary to invoke `parse_json` twice, but also to make sure that in the second ",
    query: `let d='{"a":123, "b":"{\\\\"c\\\\":456}"}';
print d_b_c=parse_json(tostring(parse_json(d).b)).c`,
    output: `
| d_b_c |
|--|
| 456 |
`,
  },
  {
    page: 'set-difference-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| extend w = z * 2
| extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(x,y,w)
| project set_difference(a1, a2, a3)`,
    output: `
|Column1|
|---|
|[4]|
|[8]|
|[12]|
`,
  },
  {
    page: 'set-difference-function.md',
    name: "#2 print arr = set_difference(dynamic([1,2,3]), dynamic([1,2,3]))",
    query: `print arr = set_difference(dynamic([1,2,3]), dynamic([1,2,3]))`,
    output: `
|arr|
|---|
|[]|
`,
  },
  {
    page: 'set-has-element-function.md',
    name: "#1 print arr=dynamic([\"this\", \"is\", \"an\", \"example\"])",
    query: `print arr=dynamic(["this", "is", "an", "example"]) 
| project Result=set_has_element(arr, "example")`,
    output: `
|Result|
|---|
|true|
`,
  },
  {
    page: 'set-intersect-function.md',
    name: "#1 range x from 1 to 3 step 1",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| extend w = z * 2
| extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(w,x)
| project set_intersect(a1, a2, a3)`,
    output: `
|Column1|
|---|
|[1]|
|[2]|
|[3]|
`,
  },
  {
    page: 'set-intersect-function.md',
    name: "#2 print arr = set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))",
    query: `print arr = set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))`,
    output: `
|arr|
|---|
|[]|
`,
  },
  {
    page: 'set-union-function.md',
    name: "#1 Set from multiple dynamic array",
    query: `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| extend w = z * 2
| extend a1 = pack_array(x,y,x,z), a2 = pack_array(x, y), a3 = pack_array(w)
| project a1,a2,a3,Out=set_union(a1, a2, a3)`,
    output: `
|a1|a2|a3|\`Out\`|
|---|---|---|---|
|[1,2,1,4]|[1,2]|[8]|[1,2,4,8]|
|[2,4,2,8]|[2,4]|[16]|[2,4,8,16]|
|[3,6,3,12]|[3,6]|[24]|[3,6,12,24]|
`,
  },
  {
    page: 'set-union-function.md',
    name: "#2 Set from one dynamic array",
    query: `datatable (Arr1: dynamic)
[
    dynamic(['A4', 'A2', 'A7', 'A2']), 
    dynamic(['C4', 'C7', 'C1', 'C4'])
] 
| extend Out=set_union(Arr1, Arr1)`,
    output: `
|Arr1|\`Out\`|
|---|---|
|["A4","A2","A7","A2"]|["A4","A2","A7"]|
|["C4","C7","C1","C4"]|["C4","C7","C1"]|
`,
  },
  {
    page: 'strcat-array-function.md',
    name: "#1 Custom delimeter",
    query: `print str = strcat_array(dynamic([1, 2, 3]), "->")`,
    output: `
|str|
|---|
|1->2->3|
`,
  },
  {
    page: 'strcat-array-function.md',
    name: "#2 To use quotes as the delimeter, enclose the quotes in single quotes.",
    query: `print str = strcat_array(dynamic([1, 2, 3]), '"')`,
    output: `
|str|
|---|
|1"2"3|
`,
  },
  {
    page: 'zip-function.md',
    name: "#1 print zip(dynamic([1,3,5]), dynamic([2,4,6]))",
    query: `print zip(dynamic([1,3,5]), dynamic([2,4,6]))`,
    output: `
|print_0|
|--|
|\`[[1,2],[3,4],[5,6]]\`|
`,
  },
  {
    page: 'zip-function.md',
    name: "#2 print zip(dynamic([\"A\", 1, 1.5]), dynamic([{}, \"B\"]))",
    query: `print zip(dynamic(["A", 1, 1.5]), dynamic([{}, "B"]))`,
    output: `
|print_0|
|--|
|\`[["A",{}], [1,"B"], [1.5, null]]\`|
`,
  },
  {
    page: 'zip-function.md',
    name: "#3 zip(a, b) of two make_list columns",
    decision:
      "`project zip(a, b)` names nothing, so the column is `Column1`; `print_0` is print's naming and does not apply to project. Values agree.",
    corrected: `
|Column1|
|--|
|\`[[1,"one"],[2,"two"],[3,"three"]]\`|
`,
    query: `datatable(a:int, b:string) [1,"one",2,"two",3,"three"]
| summarize a = make_list(a), b = make_list(b)
| project zip(a, b)`,
    output: `
|print_0|
|--|
|\`[[1,"one"],[2,"two"],[3,"three"]]\`|
`,
  },
  {
    page: 'bag-zip.md',
    name: "#1 The following example shows how to use `bag_zip()` to create a property-bag from two arrays. The first array c",
    query: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic(['a', 'b', 'c']), dynamic([1, '2', 3.4])
];
Data
| extend NewBag = bag_zip(KeysArray, ValuesArray)`,
    unsupported: "the function bag_zip() is not supported by trailhound",
  },
  {
    page: 'bag-zip.md',
    name: "#2 The following example shows how to use `bag_zip()` when the arrays have different lengths. In this case, the r",
    query: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic(['a', 'b', 'c']), dynamic([1, '2'])
];
Data
| extend NewBag = bag_zip(KeysArray, ValuesArray)`,
    unsupported: "the function bag_zip() is not supported by trailhound",
  },
  {
    page: 'bag-zip.md',
    name: "#3 The following example shows how to use `bag_zip()` when the arrays have different lengths. In this case, the r",
    query: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic(['a', 'b']), dynamic([1, '2', 2.5])
];
Data
| extend NewBag = bag_zip(KeysArray, ValuesArray)`,
    unsupported: "the function bag_zip() is not supported by trailhound",
  },
  {
    page: 'bag-zip.md',
    name: "#4 The following example demonstrates how `bag_zip()` handles cases where the keys array contains non-string valu",
    query: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic(['a', 8, 'b']), dynamic([1, '2', 2.5])
];
Data
| extend NewBag = bag_zip(KeysArray, ValuesArray)`,
    unsupported: "the function bag_zip() is not supported by trailhound",
  },
  {
    page: 'bag-zip.md',
    name: "#5 The following example demonstrates how `bag_zip()` behaves when the parameter intended to be an array of value",
    query: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic(['a', 8, 'b']), dynamic(1)
];
Data
| extend NewBag = bag_zip(KeysArray, ValuesArray)`,
    unsupported: "the function bag_zip() is not supported by trailhound",
  },
  {
    page: 'bag-zip.md',
    name: "#6 The following example demonstrates how `bag_zip()` behaves when the parameter intended to be an array of keys ",
    query: `let Data = datatable(KeysArray: dynamic, ValuesArray: dynamic) [
    dynamic('a'), dynamic([1, '2', 2.5])
];
Data
| extend NewBag = bag_zip(KeysArray, ValuesArray)
| extend IsNewBagEmpty=isnull(NewBag)`,
    unsupported: "the function bag_zip() is not supported by trailhound",
  },
]);
