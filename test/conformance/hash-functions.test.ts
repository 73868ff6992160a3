// Conformance with the examples of Microsoft's Kusto documentation (hash-functions); see harness.ts.
import { docCases } from './harness.ts';

docCases('hash-functions', [
  {
    page: 'hash-combine-function.md',
    name: "#1 print value1 = \"Hello\", value2 = \"World\"",
    query: `print value1 = "Hello", value2 = "World"
| extend h1 = hash(value1), h2=hash(value2)
| extend combined = hash_combine(h1, h2)`,
    unsupported: "the function hash_combine() is not supported by trailhound",
  },
  {
    page: 'hash-function.md',
    name: "#1 String input",
    query: `print result=hash("World")`,
    output: `
|result|
|--|
|1846988464401551951|
`,
  },
  {
    page: 'hash-function.md',
    name: "#2 String input with mod",
    query: `print result=hash("World", 100)`,
    output: `
|result|
|--|
|51|
`,
  },
  {
    page: 'hash-function.md',
    name: "#3 Datetime input",
    query: `print result=hash(datetime("2015-01-01"))`,
    unsupported: "hash() of a datetime value is not supported by trailhound",
  },
  {
    page: 'hash-many-function.md',
    name: "#1 print value1 = \"Hello\", value2 = \"World\"",
    query: `print value1 = "Hello", value2 = "World"
| extend combined = hash_many(value1, value2)`,
    unsupported: "the function hash_many() is not supported by trailhound",
  },
  {
    page: 'hash-md5-function.md',
    name: "#1 print",
    query: `print 
h1=hash_md5("World"),
h2=hash_md5(datetime(2020-01-01))`,
    output: `
|h1|h2|
|---|---|
|f5a7924e621e84c9280a9a27e1bcb7f6|786c530672d1f8db31fee25ea8a9390b|
`,
  },
  {
    page: 'hash-sha1-function.md',
    name: "#1 print",
    query: `print 
    h1=hash_sha1("World"),
    h2=hash_sha1(datetime(2020-01-01))`,
    output: `
|h1|h2|
|---|---|
|70c07ec18ef89c5309bbb0937f3a6342411e1fdd|e903e533f4d636b4fc0dcf3cf81e7b7f330de776|
`,
  },
  {
    page: 'hash-sha256-function.md',
    name: "#1 print",
    query: `print 
    h1=hash_sha256("World"),
    h2=hash_sha256(datetime(2020-01-01))`,
    output: `
|h1|h2|
|---|---|
|78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524|ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d|
`,
  },
  {
    page: 'hash-xxhash64-function.md',
    name: "#1 String input",
    query: `print result=hash_xxhash64("World")`,
    unsupported: "the function hash_xxhash64() is not supported by trailhound",
  },
  {
    page: 'hash-xxhash64-function.md',
    name: "#2 String input with mod",
    query: `print result=hash_xxhash64("World", 100)`,
    unsupported: "the function hash_xxhash64() is not supported by trailhound",
  },
  {
    page: 'hash-xxhash64-function.md',
    name: "#3 Datetime input",
    query: `print result=hash_xxhash64(datetime("2015-01-01"))`,
    unsupported: "the function hash_xxhash64() is not supported by trailhound",
  },
]);
