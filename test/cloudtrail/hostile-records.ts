/**
 * Record texts that test the readers' fast paths (field-extract.ts, field-scan.ts) against
 * JSON.parse: duplicate keys, escapes and surrogates, strange numbers, wrong types, prototype-like
 * keys, things that are not plain records, white space JSON does and does not allow, raw control
 * characters, invalid escapes and numbers, broken structure. Each must be declined by a fast path
 * or read exactly as JSON.parse reads it.
 */
export const BASE_RECORD = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/a', accessKeyId: 'AKIA1', sessionContext: { attributes: { mfaAuthenticated: 'true', creationDate: '2023-07-10T11:42:31Z' }, sessionIssuer: { arn: 'arn:x' } } },
  eventTime: '2023-07-10T11:42:38Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  sourceIPAddress: '10.0.0.1',
  userAgent: 'aws-cli',
  requestParameters: { bucketName: 'b', ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' },
  responseElements: null,
  eventID: 'e-1',
  readOnly: true,
  managementEvent: false,
  tlsDetails: { tlsVersion: 'TLSv1.2' },
};
const base = JSON.stringify(BASE_RECORD);

/** Hand-written texts: each must either be declined or give exactly the parsed row. */
export const HOSTILE_TEXTS: readonly string[] = [
  // duplicate keys at every level: the last one wins, a later object replaces the whole earlier one
  '{"eventID":"a","eventName":"X","eventName":"Y","eventTime":"2023-01-01T00:00:00Z","eventTime":"bad"}',
  '{"eventID":"a","userIdentity":{"arn":"1","arn":"2","type":"T"},"userIdentity":{"type":"U"}}',
  '{"eventID":"a","userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":"true"},"attributes":{"creationDate":"2023-01-01T00:00:00Z"}}}}',
  '{"eventID":"a","userIdentity":{"arn":"x"},"userIdentity":"now a string"}',
  '{"eventID":"a","userIdentity":"a string","userIdentity":{"arn":"then an object"}}',
  '{"eventID":"a","requestParameters":{"fromPort":1},"requestParameters":{"toPort":2,"toPort":3}}',
  '{"eventID":"first","eventID":"second"}',
  '{"eventID":"first","eventID":7}',
  '{"eventID":"a","eventType":"AwsCloudTrailInsight","eventType":"AwsApiCall"}',
  '{"eventID":"a","eventType":"AwsApiCall","eventType":"AwsCloudTrailInsight"}',
  // escapes, surrogates (paired, lone, reversed), keys that decode to wanted names
  '{"eventID":"a\\u0062c","eventName":"A\\u0042\\n\\t\\"\\\\\\/\\b\\f\\r","userAgent":"\\ud83d\\ude00"}',
  '{"eventID":"a","eventName":"\\ud800","sourceIPAddress":"\\udc00x","userAgent":"\\ude00\\ud83d","errorCode":"x\\uD800\\uDBFF"}',
  '{"eventID":"a","event\\u004eame":"escaped key","userIdentity":{"\\u0061rn":"escaped arn"}}',
  '{"eventID":"a","eventName":"plain","event\\u004eame":"escaped key wins as the later one"}',
  '{"event\\u0049D":"id from an escaped key","eventTime":"2023-01-01T00:00:00Z"}',
  '{"eventID":"a","eventName":"\ud800 raw lone surrogate \udfff","errorMessage":"é ünïcödé 漢字 \u2028\u2029"}',
  '{"eventID":"a","\\"eventName\\"":"quoted key is another key","eventName\\u0000":"and so is this"}',
  // numbers in strange forms, in string and number-text columns
  '{"eventID":"a","eventName":1e400,"errorCode":-0,"userAgent":1.0,"sourceIPAddress":-1E+2,"requestParameters":{"fromPort":0.1e-5,"toPort":-0.0}}',
  '{"eventID":"a","requestParameters":{"fromPort":12345678901234567890,"toPort":1e-400},"errorMessage":123.456e7}',
  // wrong types for known fields
  '{"eventID":"a","eventName":{"x":[1,{"y":2}]},"eventSource":[1,"2"],"errorCode":true,"userAgent":null,"eventTime":5,"readOnly":"TRUE","managementEvent":"yes"}',
  '{"eventID":"a","userIdentity":[{"arn":"in an array"}],"tlsDetails":"str","requestParameters":"text params"}',
  '{"eventID":"a","userIdentity":null,"requestParameters":[1,2],"responseElements":true,"resources":7,"additionalEventData":"s"}',
  '{"eventID":"a","userIdentity":{"sessionContext":{"attributes":{"mfaAuthenticated":false,"creationDate":{}}}}}',
  '{"eventID":["not","a","string"],"eventTime":"2023-01-01T00:00:00Z"}',
  // prototype-looking keys
  '{"eventID":"a","__proto__":{"eventName":"from proto"},"userIdentity":{"__proto__":{"arn":"p"},"constructor":"c"}}',
  '{"eventID":"a","constructor":{"x":1},"toString":"t","hasOwnProperty":1}',
  // not records, or not plain ones: envelopes, Insights, Sentinel rows, digests, scalars
  '{"detail-type":"AWS API Call via CloudTrail","detail":{"eventID":"x","eventName":"Y"}}',
  '{"CloudTrailEvent":"{\\"eventID\\":\\"x\\"}","EventName":"Y"}',
  '{"eventVersion":"1.0","insightDetails":{}}',
  '{"AwsEventId":"x","EventName":"Y","TimeGenerated":"2023-01-01T00:00:00Z"}',
  '{"digestStartTime":"x","logFiles":[]}',
  '{"message":"{\\"eventID\\":\\"x\\"}","timestamp":1}',
  '{"eventTime":"2023-01-01T00:00:00Z"}',
  '{"eventTime":"2023-01-01T00:00:00Z","eventSource":"s"}',
  '{}',
  '[{"eventID":"a"}]',
  '"eventID"',
  'null',
  // whitespace: the four JSON allows, and others it does not
  ' \t\r\n{ \t\r\n"eventID" \t\r\n: \t\r\n"a" \t\r\n, "userIdentity" : { "arn" : "x" , "type" : [ 1 , 2 ] } \t\r\n} \t\r\n',
  '{"eventID":"a",\u00a0"eventName":"nbsp"}',
  '{"eventID":"a",\f"eventName":"ff"}',
  '{"eventID":"a",\v"eventName":"vt"}',
  '\ufeff{"eventID":"a"}',
  // raw control characters in strings (JSON forbids them), in wanted and unwanted fields
  '{"eventID":"a","eventName":"raw\nnewline"}',
  '{"eventID":"a","other":"raw\ttab"}',
  '{"eventID":"a","other":{"deep":"\u0001"}}',
  '{"eventID":"a","eventName":"ok"}\u0000',
  // invalid escapes and numbers
  '{"eventID":"a","eventName":"\\x41"}',
  '{"eventID":"a","other":"\\u12G4"}',
  '{"eventID":"a","other":"\\\'"}',
  '{"eventID":"a","other":"\\u00"}',
  '{"eventID":"a","eventName":01}',
  '{"eventID":"a","other":1.}',
  '{"eventID":"a","other":.5}',
  '{"eventID":"a","other":-}',
  '{"eventID":"a","other":+1}',
  '{"eventID":"a","other":1e}',
  '{"eventID":"a","other":NaN}',
  '{"eventID":"a","other":Infinity}',
  '{"eventID":"a","other":-Infinity}',
  '{"eventID":"a","other":0x10}',
  '{"eventID":"a","other":truex}',
  '{"eventID":"a","other":nul}',
  '{"eventID":"a","other":True}',
  // structure
  '{"eventID":"a",}',
  '{"eventID":"a","x":[1,2,]}',
  '{"eventID":"a" "eventName":"b"}',
  '{"eventID":"a","x":[1 2]}',
  '{"eventID":"a"}}',
  '{"eventID":"a"}]',
  '{"eventID":"a"} {"eventID":"b"}',
  '{"eventID":"a","x":{"y":1]}',
  '{"eventID":"a","x":[1}',
  '{"eventID" "a"}',
  '{"eventID":"a","eventName"}',
  '{eventID:"a"}',
  "{'eventID':'a'}",
  '{"eventID":"a","x":/*c*/1}',
  base,
];


/** A seeded pseudo-random number in [0, 1) (a linear congruential generator: tests repeat exactly). */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
}

const MUTATION_ALPHABET = ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\n', '\t', '\u0001', 'u', '0', '1', '-', '.', 'e', 'E', '+', 'a', 'n', 't', 'f', 'l', 'é', '\ud800', 'N', 'I'];

/** `text` with 1 to 3 characters inserted, deleted or replaced, at places `r` draws (JSON's structural characters favoured). */
export function mutated(text: string, r: () => number): string {
  const edits = 1 + Math.floor(r() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(r() * (text.length + 1));
    const ch = MUTATION_ALPHABET[Math.floor(r() * MUTATION_ALPHABET.length)]!;
    const op = r();
    text = op < 0.4 ? text.slice(0, at) + ch + text.slice(at) : op < 0.7 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + ch + text.slice(at + 1);
  }
  return text;
}
