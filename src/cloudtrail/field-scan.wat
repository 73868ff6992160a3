;; Field scanner for full scans (field-scan.ts drives it; scripts/build.mjs compiles this file into
;; field-scan-wasm.ts). It walks a run of object items of a JSON array like byte-scan.wat, but
;; instead of only finding each item's end it VALIDATES the item against the JSON grammar (what
;; JSON.parse accepts of the item's text) and records where the values of the wanted fields are
;; (a field plan: field-plan.ts), so JavaScript decodes those values and nothing else. It is the
;; byte-level twin of field-extract.ts: same grammar, same plan walk. Whatever it does not decide
;; itself (an invalid item, an escaped key, a wanted key given twice, nesting past MAXDEPTH, an
;; item running past the data) stops the run with status 1 at that item, which the JS splitter
;; then walks as before: errors, messages and counts do not depend on this scanner.
;;
;; Linear and without recursion: one pass over each byte (strings 16 bytes at a time with SIMD),
;; an explicit stack of container kinds.
;;
;; It shares the byte scanner's memory (imported); addresses are absolute:
;;   131072 .. 133119  plan nodes, 32 bytes each (at most 64), node 0 = the record itself:
;;                     +0 i32 address of the name bytes, +4 i32 name length, +16 i32 flags (1 =
;;                     leaf: an object or array here is taken whole; 2 = read: the value is
;;                     recorded; 4 = intern its strings, below), +20 i32 presence bit (root fields; 0 = none), +24 i32 next node
;;                     in the same key-table bucket (-1: none), +28 i32 parent node
;;   133120 .. 139263  node names
;;   139264 .. 143359  container kind per depth (1 = object, 2 = array), depth < 4096
;;   143360 .. 143615  plan node of the object open at each depth whose fields are read (< 64)
;;   145408 .. 147455  key table: u8 per bucket, 1 + the first node in it (0: empty); bucket =
;;                     (parent * 97 + length * 31 + first byte * 7 + last byte * 3) & 2047
;;   147456 .. 262143  output: one record of 12 * nodes bytes per item: i32 start, end, presence
;;                     bits, then for each plan node k >= 1 at +12k: i32 value start, end, KIND
;; The data must be followed by at least 64 zero bytes: loads read past a string's end, and a
;; zero byte is invalid everywhere in JSON, so nothing is ever accepted past the data's end.
;;
;; KIND: 0 absent, 1 string of ASCII bytes without escapes, 2 string with a byte >= 0x80 and no
;; escape, 3 string with an escape, 4 number, 5 true, 6 false, 7 null, 8 object whose fields are
;; read (start only), 9 object or array taken whole. Strings span their quotes. A string of kind 1
;; or 2 of a node with flag 4 (intern) may carry 1 + its intern id in the KIND word's bits 4 and up.
;;
;; Interning (field-scan.ts keeps one JavaScript string per id, made at the id's first use, so
;; repeated values are one string object: no decoding for a repeat, less garbage, and V8 has the
;; string's hash cached for every Map lookup after the first). Only values without escapes, of at
;; most 256 bytes, of nodes flagged 4; a value not interned is read as before:
;;   262144 .. 1310719  slots: 2^16 of 16 bytes: i32 hash, i32 1 + id (0: free), i32 address of
;;                      the value's bytes in the arena, i32 their length; linear probing, at most
;;                      16 slots per lookup (a longer run: the value is not interned); at most 2^15
;;                      ids (load factor <= 1/2)
;;   1310720 .. 1311743 per plan node (16 bytes): i32 lookups and i32 hits in the current window,
;;                      i32 values still to skip (a node whose values rarely repeat is not looked
;;                      up for a while: it would pay for a table that never hits and fill it)
;;   1311744 .. 2360319 arena: the values' bytes (1 MiB, values of at most 256 bytes); up to 8
;;                      more bytes are read past its end
;; An id is the same exact bytes for as long as the table lives: a lookup compares the bytes, never
;; only the hash. The hash is seeded (`seed`, from JS: crypto random per process). When the
;; ids or the arena are used up nothing more is added and `full` says so; JS resets the table
;; between runs (`reset`), never during one, so the ids of a run's output stay valid until JS has
;; read them.
(module
  (import "env" "memory" (memory 1))
  (global $count (mut i32) (i32.const 0))
  (global $status (mut i32) (i32.const 0))
  ;; set by $str: the string had an escape / a byte >= 0x80
  (global $esc (mut i32) (i32.const 0))
  (global $wide (mut i32) (i32.const 0))
  (global $seen (mut i32) (i32.const 0))
  ;; interning: the hash seed, a mask on the hash (tests: 0 makes every value collide), the entries
  ;; and arena bytes in use, whether an entry did not fit
  (global $seed (mut i64) (i64.const 0))
  (global $hmask (mut i32) (i32.const -1))
  (global $icount (mut i32) (i32.const 0))
  (global $iarena (mut i32) (i32.const 0))
  (global $ifull (mut i32) (i32.const 0))
  (func (export "seed") (param $lo i32) (param $hi i32)
    (global.set $seed (i64.or (i64.extend_i32_u (local.get $lo)) (i64.shl (i64.extend_i32_u (local.get $hi)) (i64.const 32)))))
  (func (export "hashMask") (param $m i32) (global.set $hmask (local.get $m)))
  (func (export "full") (result i32) (global.get $ifull))
  (func (export "entries") (result i32) (global.get $icount))
  (func (export "reset")
    (memory.fill (i32.const 262144) (i32.const 0) (i32.const 1048576))
    (global.set $icount (i32.const 0))
    (global.set $iarena (i32.const 0))
    (global.set $ifull (i32.const 0)))
  ;; the node statistics (plan nodes change meaning with the plan: JS calls this on a new plan)
  (func (export "resetStats")
    (memory.fill (i32.const 1310720) (i32.const 0) (i32.const 1024)))
  (func (export "count") (result i32) (global.get $count))
  ;; why the run stopped: 0 = at a byte that is not `{` (or at the end), 1 = the item starting at
  ;; the returned position must be walked by the JS splitter, 2 = the output is full
  (func (export "status") (result i32) (global.get $status))

  ;; first position at or after $i that is not JSON white space
  (func $ws (param $i i32) (result i32)
    (local $c i32)
    (loop $next
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.or
            (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x0a)))
            (i32.or (i32.eq (local.get $c) (i32.const 0x0d)) (i32.eq (local.get $c) (i32.const 0x09))))
        (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $next))))
    (local.get $i))

  (func $hex (param $c i32) (result i32)
    (i32.or
      (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10))
      (i32.lt_u (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x61)) (i32.const 6))))

  (func $digit (param $c i32) (result i32)
    (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10)))

  ;; The string starting at $i (a quote): the position after its closing quote, or 0 when it is
  ;; not a valid JSON string (a raw control character, an unknown escape, a bad \u, the data's end).
  (func $str (param $i i32) (result i32)
    (local $v v128) (local $m i32) (local $k i32) (local $c i32) (local $e i32) (local $w i32) (local $x i32)
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (loop $blocks
      (local.set $v (v128.load (local.get $i)))
      (local.set $m
        (i8x16.bitmask
          (v128.or
            (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22))
              (i8x16.eq (local.get $v) (v128.const i8x16 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c)))
            (i8x16.lt_u (local.get $v) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)))))
      (if (i32.eqz (local.get $m))
        (then
          (local.set $w (i32.or (local.get $w) (i8x16.bitmask (local.get $v))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $blocks)))
      (local.set $k (i32.ctz (local.get $m)))
      (local.set $w
        (i32.or (local.get $w)
          (i32.and (i8x16.bitmask (local.get $v)) (i32.sub (i32.shl (i32.const 1) (local.get $k)) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (local.get $k)))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 0x22))
        (then
          (global.set $esc (local.get $e))
          (global.set $wide (local.get $w))
          (return (i32.add (local.get $i) (i32.const 1)))))
      (if (i32.ne (local.get $c) (i32.const 0x5c)) (then (return (i32.const 0)))) ;; a control character
      (local.set $e (i32.const 1))
      (local.set $x (i32.load8_u offset=1 (local.get $i)))
      (if (i32.eq (local.get $x) (i32.const 0x75))
        (then
          (if (i32.eqz
                (i32.and
                  (i32.and (call $hex (i32.load8_u offset=2 (local.get $i))) (call $hex (i32.load8_u offset=3 (local.get $i))))
                  (i32.and (call $hex (i32.load8_u offset=4 (local.get $i))) (call $hex (i32.load8_u offset=5 (local.get $i))))))
            (then (return (i32.const 0))))
          (local.set $i (i32.add (local.get $i) (i32.const 6)))
          (br $blocks)))
      ;; " \ / b f n r t
      (if (i32.or
            (i32.or
              (i32.or (i32.eq (local.get $x) (i32.const 0x22)) (i32.eq (local.get $x) (i32.const 0x5c)))
              (i32.or (i32.eq (local.get $x) (i32.const 0x2f)) (i32.eq (local.get $x) (i32.const 0x62))))
            (i32.or
              (i32.or (i32.eq (local.get $x) (i32.const 0x66)) (i32.eq (local.get $x) (i32.const 0x6e)))
              (i32.or (i32.eq (local.get $x) (i32.const 0x72)) (i32.eq (local.get $x) (i32.const 0x74)))))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 2)))
          (br $blocks)))
      (return (i32.const 0)))
    (i32.const 0))

  ;; The number starting at $i: the position after it, or 0 when it breaks JSON's number grammar
  ;; (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?).
  (func $num (param $i i32) (result i32)
    (local $c i32)
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 0x2d))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i)))))
    (if (i32.eq (local.get $c) (i32.const 0x30))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i))))
      (else
        (if (i32.eqz (call $digit (local.get $c))) (then (return (i32.const 0))))
        (loop $int
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $c (i32.load8_u (local.get $i)))
          (br_if $int (call $digit (local.get $c))))))
    (if (i32.eq (local.get $c) (i32.const 0x2e))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eqz (call $digit (i32.load8_u (local.get $i)))) (then (return (i32.const 0))))
        (loop $frac
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $c (i32.load8_u (local.get $i)))
          (br_if $frac (call $digit (local.get $c))))))
    (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x65))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x2b)) (i32.eq (local.get $c) (i32.const 0x2d)))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (local.set $c (i32.load8_u (local.get $i)))))
        (if (i32.eqz (call $digit (local.get $c))) (then (return (i32.const 0))))
        (loop $exp
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $exp (call $digit (i32.load8_u (local.get $i)))))))
    (local.get $i))

  ;; The intern id of the string value bytes [$at, $at + $len) of plan node $node (added when new
  ;; and there is room), or -1: not looked up (too long, the node skipping), no free slot within
  ;; 16 probes, or the table full. (Hashing and comparing inline: a call per 8 bytes cost ~30 %.)
  (func $intern (param $node i32) (param $at i32) (param $len i32) (result i32)
    (local $st i32) (local $skip i32) (local $h64 i64) (local $h i32) (local $k i32) (local $p i32)
    (local $slot i32) (local $e i32) (local $id i32) (local $hit i32) (local $n i32) (local $tries i32) (local $hits i32)
    (local $tail i64) (local $mask i64) (local $b i32)
    (local.set $st (i32.add (i32.const 1310720) (i32.shl (local.get $node) (i32.const 4))))
    (local.set $skip (i32.load offset=8 (local.get $st)))
    (if (local.get $skip)
      (then
        (i32.store offset=8 (local.get $st) (i32.sub (local.get $skip) (i32.const 1)))
        (return (i32.const -1))))
    (if (i32.gt_u (local.get $len) (i32.const 256)) (then (return (i32.const -1))))
    ;; the seeded hash of the bytes, 8 at a time; the last 1..8 bytes masked (bytes past the value
    ;; are not hashed: loads may read up to 7 bytes past it, see the data's zero bytes above)
    (local.set $h64 (i64.xor (global.get $seed) (i64.extend_i32_u (local.get $len))))
    (block $tail
      (loop $words
        (br_if $tail (i32.ge_u (i32.add (local.get $k) (i32.const 8)) (local.get $len)))
        (local.set $h64
          (i64.rotl
            (i64.mul (i64.xor (local.get $h64) (i64.load (i32.add (local.get $at) (local.get $k)))) (i64.const 0x9e3779b97f4a7c15))
            (i64.const 31)))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $words)))
    ;; 0 to 8 bytes left: a mask of that many low bytes (a shift by 64 would be a shift by 0)
    (local.set $mask
      (i64.shr_u (i64.const -1) (i64.extend_i32_u (i32.shl (i32.sub (i32.const 8) (i32.sub (local.get $len) (local.get $k))) (i32.const 3)))))
    (if (i32.eq (local.get $len) (local.get $k)) (then (local.set $mask (i64.const 0))))
    (local.set $tail (i64.and (i64.load (i32.add (local.get $at) (local.get $k))) (local.get $mask)))
    (local.set $h64 (i64.mul (i64.xor (local.get $h64) (local.get $tail)) (i64.const 0x9e3779b97f4a7c15)))
    (local.set $h64 (i64.mul (i64.xor (local.get $h64) (i64.shr_u (local.get $h64) (i64.const 33))) (i64.const 0xff51afd7ed558ccd)))
    (local.set $h (i32.and (i32.wrap_i64 (i64.xor (local.get $h64) (i64.shr_u (local.get $h64) (i64.const 33)))) (global.get $hmask)))
    ;; probe: a slot of the same hash holds the value only if its bytes are equal
    (local.set $id (i32.const -1))
    (local.set $p (local.get $h))
    (block $probed
      (loop $probe
        (local.set $slot (i32.add (i32.const 262144) (i32.shl (i32.and (local.get $p) (i32.const 65535)) (i32.const 4))))
        (local.set $e (i32.load offset=4 (local.get $slot)))
        (if (i32.eqz (local.get $e))
          (then
            ;; a free slot: the value is new
            (if (i32.or
                  (i32.ge_u (global.get $icount) (i32.const 32768))
                  (i32.gt_u (i32.add (global.get $iarena) (local.get $len)) (i32.const 1048576)))
              (then (global.set $ifull (i32.const 1)) (br $probed)))
            (local.set $b (i32.add (i32.const 1311744) (global.get $iarena)))
            (memory.copy (local.get $b) (local.get $at) (local.get $len))
            (local.set $id (global.get $icount))
            (i32.store (local.get $slot) (local.get $h))
            (i32.store offset=4 (local.get $slot) (i32.add (local.get $id) (i32.const 1)))
            (i32.store offset=8 (local.get $slot) (local.get $b))
            (i32.store offset=12 (local.get $slot) (local.get $len))
            (global.set $icount (i32.add (local.get $id) (i32.const 1)))
            (global.set $iarena (i32.add (global.get $iarena) (local.get $len)))
            (br $probed)))
        (block $differs
          (br_if $differs (i32.ne (i32.load (local.get $slot)) (local.get $h)))
          (br_if $differs (i32.ne (i32.load offset=12 (local.get $slot)) (local.get $len)))
          ;; the same bytes: whole words, then the tail under the same mask
          (local.set $b (i32.load offset=8 (local.get $slot)))
          (local.set $k (i32.const 0))
          (block $tailcmp
            (loop $cmp
              (br_if $tailcmp (i32.ge_u (i32.add (local.get $k) (i32.const 8)) (local.get $len)))
              (br_if $differs
                (i64.ne (i64.load (i32.add (local.get $at) (local.get $k))) (i64.load (i32.add (local.get $b) (local.get $k)))))
              (local.set $k (i32.add (local.get $k) (i32.const 8)))
              (br $cmp)))
          (br_if $differs (i64.ne (local.get $tail) (i64.and (i64.load (i32.add (local.get $b) (local.get $k))) (local.get $mask))))
          (local.set $id (i32.sub (local.get $e) (i32.const 1)))
          (local.set $hit (i32.const 1))
          (br $probed))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $probe (i32.lt_u (local.get $n) (i32.const 16)))))
    ;; the node's hit rate, per window of 1024 lookups: under 1/4, skip its next 16384 values
    (local.set $tries (i32.add (i32.load (local.get $st)) (i32.const 1)))
    (local.set $hits (i32.add (i32.load offset=4 (local.get $st)) (local.get $hit)))
    (if (i32.ge_u (local.get $tries) (i32.const 1024))
      (then
        (if (i32.lt_u (i32.shl (local.get $hits) (i32.const 2)) (local.get $tries))
          (then (i32.store offset=8 (local.get $st) (i32.const 16384))))
        (local.set $tries (i32.const 0))
        (local.set $hits (i32.const 0))))
    (i32.store (local.get $st) (local.get $tries))
    (i32.store offset=4 (local.get $st) (local.get $hits))
    (local.get $id))

  ;; The child of plan node $node named by the key bytes [$at, $at + $len), or -1: looked up in the
  ;; key table (a bucket per hash of parent, length, first and last byte; field-scan.ts builds it).
  (func $child (param $node i32) (param $at i32) (param $len i32) (result i32)
    (local $ch i32) (local $name i32) (local $j i32) (local $d i32)
    (if (i32.eqz (local.get $len)) (then (return (i32.const -1))))
    (local.set $ch
      (i32.sub
        (i32.load8_u offset=145408
          (i32.and
            (i32.add
              (i32.add (i32.mul (local.get $node) (i32.const 97)) (i32.mul (local.get $len) (i32.const 31)))
              (i32.add
                (i32.mul (i32.load8_u (local.get $at)) (i32.const 7))
                (i32.mul (i32.load8_u (i32.sub (i32.add (local.get $at) (local.get $len)) (i32.const 1))) (i32.const 3))))
            (i32.const 2047)))
        (i32.const 1)))
    (block $none
      (loop $next
        (br_if $none (i32.lt_s (local.get $ch) (i32.const 0)))
        (local.set $d (i32.shl (local.get $ch) (i32.const 5)))
        (block $differs
          (br_if $differs (i32.ne (i32.load offset=131100 (local.get $d)) (local.get $node)))
          (br_if $differs (i32.ne (i32.load offset=131076 (local.get $d)) (local.get $len)))
          (local.set $name (i32.load offset=131072 (local.get $d)))
          (local.set $j (i32.const 0))
          (loop $bytes
            (if (i32.ge_u (local.get $j) (local.get $len)) (then (return (local.get $ch))))
            (br_if $differs
              (i32.ne (i32.load8_u (i32.add (local.get $at) (local.get $j))) (i32.load8_u (i32.add (local.get $name) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $bytes)))
        (local.set $ch (i32.load offset=131096 (local.get $d)))
        (br $next)))
    (i32.const -1))

  ;; One item starting at $p (a `{`), its slots at $rec: the position after its closing brace, or 0
  ;; when the JS splitter must walk it. Sets $seen (presence bits of the root fields).
  (func $item (param $p i32) (param $rec i32) (result i32)
    (local $i i32) (local $c i32) (local $depth i32) (local $built i32) (local $target i32)
    (local $wholeDepth i32) (local $wholeSlot i32) (local $closed i32) (local $member i32)
    (local $isObj i32) (local $q i32) (local $slot i32) (local $seen i32) (local $ch i32) (local $kind i32)
    (local.set $i (local.get $p))
    (local.set $target (i32.const -1))
    (loop $value
      ;; a value starts at $i (white space skipped)
      (local.set $c (i32.load8_u (local.get $i)))
      (local.set $closed (i32.const 0))
      (local.set $member (i32.const 0))
      (block $done
        ;; `{` 0x7b and `[` 0x5b differ only in bit 0x20
        (if (i32.eq (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x7b))
          (then
            (local.set $isObj (i32.eq (local.get $c) (i32.const 0x7b)))
            (local.set $depth (i32.add (local.get $depth) (i32.const 1)))
            (if (i32.ge_u (local.get $depth) (i32.const 4096)) (then (return (i32.const 0))))
            (i32.store8 offset=139264 (local.get $depth) (select (i32.const 1) (i32.const 2) (local.get $isObj)))
            (if (i32.eq (local.get $depth) (i32.const 1))
              (then
                (local.set $built (i32.const 1))
                (i32.store offset=143364 (i32.const 0) (i32.const 0)))
              (else
                (if (i32.ge_s (local.get $target) (i32.const 0))
                  (then
                    (local.set $slot (i32.add (local.get $rec) (i32.mul (local.get $target) (i32.const 12))))
                    (i32.store (local.get $slot) (local.get $i))
                    (if (i32.and
                          (local.get $isObj)
                          (i32.eqz (i32.and (i32.load offset=131088 (i32.shl (local.get $target) (i32.const 5))) (i32.const 1))))
                      (then
                        ;; an object whose fields are read: a built depth (at most 63 deep)
                        (if (i32.ge_u (local.get $depth) (i32.const 64)) (then (return (i32.const 0))))
                        (i32.store offset=8 (local.get $slot) (i32.const 8))
                        (local.set $built (local.get $depth))
                        (i32.store offset=143360 (i32.shl (local.get $depth) (i32.const 2)) (local.get $target)))
                      (else
                        (i32.store offset=8 (local.get $slot) (i32.const 9))
                        (local.set $wholeDepth (local.get $depth))
                        (local.set $wholeSlot (local.get $slot))))
                    (local.set $target (i32.const -1))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 0x20)) (then (local.set $i (call $ws (local.get $i)))))
            (local.set $c (i32.load8_u (local.get $i)))
            (if (local.get $isObj)
              (then
                (if (i32.eq (local.get $c) (i32.const 0x7d))
                  (then (local.set $closed (i32.const 1)))
                  (else
                    (if (i32.ne (local.get $c) (i32.const 0x22)) (then (return (i32.const 0))))
                    (local.set $member (i32.const 1)))))
              (else
                (if (i32.ne (local.get $c) (i32.const 0x5d)) (then (br $value))) ;; an array's first element
                (local.set $closed (i32.const 1))))
            (br $done)))
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then
            (local.set $q (call $str (local.get $i)))
            (if (i32.eqz (local.get $q)) (then (return (i32.const 0))))
            (if (i32.ge_s (local.get $target) (i32.const 0))
              (then
                (local.set $slot (i32.add (local.get $rec) (i32.mul (local.get $target) (i32.const 12))))
                (i32.store (local.get $slot) (local.get $i))
                (i32.store offset=4 (local.get $slot) (local.get $q))
                (local.set $kind (select (i32.const 3) (select (i32.const 2) (i32.const 1) (global.get $wide)) (global.get $esc)))
                (if (i32.and
                      (i32.eqz (global.get $esc))
                      (i32.shr_u (i32.and (i32.load offset=131088 (i32.shl (local.get $target) (i32.const 5))) (i32.const 4)) (i32.const 2)))
                  (then
                    (local.set $kind
                      (i32.or (local.get $kind)
                        (i32.shl
                          (i32.add
                            (call $intern (local.get $target) (i32.add (local.get $i) (i32.const 1)) (i32.sub (i32.sub (local.get $q) (local.get $i)) (i32.const 2)))
                            (i32.const 1))
                          (i32.const 4))))))
                (i32.store offset=8 (local.get $slot) (local.get $kind))
                (local.set $target (i32.const -1))))
            (local.set $i (local.get $q))
            (br $done)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x2d)) (call $digit (local.get $c)))
          (then
            (local.set $q (call $num (local.get $i)))
            (if (i32.eqz (local.get $q)) (then (return (i32.const 0))))
            (local.set $kind (i32.const 4)))
          (else
            (if (i32.eq (i32.load (local.get $i)) (i32.const 0x65757274)) ;; "true"
              (then
                (local.set $q (i32.add (local.get $i) (i32.const 4)))
                (local.set $kind (i32.const 5)))
              (else
                (if (i32.and
                      (i32.eq (local.get $c) (i32.const 0x66))
                      (i32.eq (i32.load offset=1 (local.get $i)) (i32.const 0x65736c61))) ;; "f" "alse"
                  (then
                    (local.set $q (i32.add (local.get $i) (i32.const 5)))
                    (local.set $kind (i32.const 6)))
                  (else
                    (if (i32.ne (i32.load (local.get $i)) (i32.const 0x6c6c756e)) (then (return (i32.const 0)))) ;; "null"
                    (local.set $q (i32.add (local.get $i) (i32.const 4)))
                    (local.set $kind (i32.const 7))))))))
        (if (i32.ge_s (local.get $target) (i32.const 0))
          (then
            (local.set $slot (i32.add (local.get $rec) (i32.mul (local.get $target) (i32.const 12))))
            (i32.store (local.get $slot) (local.get $i))
            (i32.store offset=4 (local.get $slot) (local.get $q))
            (i32.store offset=8 (local.get $slot) (local.get $kind))
            (local.set $target (i32.const -1))))
        (local.set $i (local.get $q)))

      ;; after a value, or at a container's close when $closed: commas and closing brackets
      (loop $after
        (if (local.get $closed)
          (then
            (local.set $closed (i32.const 0))
            ;; $i is at the bracket closing the container at $depth
            (if (i32.eq (local.get $depth) (local.get $wholeDepth))
              (then
                (i32.store offset=4 (local.get $wholeSlot) (i32.add (local.get $i) (i32.const 1)))
                (local.set $wholeDepth (i32.const 0))))
            (if (i32.eq (local.get $built) (local.get $depth))
              (then (local.set $built (i32.sub (local.get $built) (i32.const 1)))))
            (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.eqz (local.get $depth))
              (then
                (global.set $seen (local.get $seen))
                (return (local.get $i))))))
        (local.set $i (local.get $i))
            (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 0x20)) (then (local.set $i (call $ws (local.get $i)))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (i32.load8_u offset=139264 (local.get $depth)) (i32.const 1))
          (then
            (if (i32.eqz (local.get $member))
              (then
                (if (i32.eq (local.get $c) (i32.const 0x7d))
                  (then (local.set $closed (i32.const 1)) (br $after)))
                (if (i32.ne (local.get $c) (i32.const 0x2c)) (then (return (i32.const 0))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 0x20)) (then (local.set $i (call $ws (local.get $i)))))
                (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x22)) (then (return (i32.const 0))))))
            (local.set $member (i32.const 0))
            ;; a key at $i
            (local.set $q (call $str (local.get $i)))
            (if (i32.eqz (local.get $q)) (then (return (i32.const 0))))
            (if (i32.eq (local.get $depth) (local.get $built))
              (then
                ;; an escaped key is compared after decoding: the JS path does that
                (if (global.get $esc) (then (return (i32.const 0))))
                (local.set $ch
                  (call $child
                    (i32.load offset=143360 (i32.shl (local.get $depth) (i32.const 2)))
                    (i32.add (local.get $i) (i32.const 1))
                    (i32.sub (i32.sub (local.get $q) (local.get $i)) (i32.const 2))))
                (if (i32.ge_s (local.get $ch) (i32.const 0))
                  (then
                    (if (i32.eq (local.get $depth) (i32.const 1))
                      (then (local.set $seen (i32.or (local.get $seen) (i32.load offset=131092 (i32.shl (local.get $ch) (i32.const 5)))))))
                    (if (i32.and (i32.load offset=131088 (i32.shl (local.get $ch) (i32.const 5))) (i32.const 2))
                      (then
                        ;; a wanted key given twice: JSON.parse keeps the last value; the JS path does that
                        (if (i32.load offset=8 (i32.add (local.get $rec) (i32.mul (local.get $ch) (i32.const 12))))
                          (then (return (i32.const 0))))
                        (local.set $target (local.get $ch))))))))
            (local.set $i (local.get $q))
            (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 0x20)) (then (local.set $i (call $ws (local.get $i)))))
            (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x3a)) (then (return (i32.const 0))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 0x20)) (then (local.set $i (call $ws (local.get $i)))))
            (br $value)))
        ;; in an array
        (if (i32.eq (local.get $c) (i32.const 0x5d))
          (then (local.set $closed (i32.const 1)) (br $after)))
        (if (i32.ne (local.get $c) (i32.const 0x2c)) (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.le_u (i32.load8_u (local.get $i)) (i32.const 0x20)) (then (local.set $i (call $ws (local.get $i)))))
        (br $value)))
    (unreachable))

  ;; Walks items from address $from up to $end, $nodes plan nodes (slots: nodes - 1), at most
  ;; $max items. Returns where it stopped (see `status`); the items are in the output area (`count`).
  (func (export "extract") (param $from i32) (param $end i32) (param $nodes i32) (param $max i32) (result i32)
    (local $p i32) (local $c i32) (local $rec i32) (local $size i32) (local $k i32) (local $r i32)
    (global.set $count (i32.const 0))
    (local.set $p (local.get $from))
    (local.set $size (i32.mul (local.get $nodes) (i32.const 12)))
    (loop $items
      ;; between items: skip white space and commas, as the JS splitter does
      (block $significant
        (loop $sep
          (if (i32.ge_u (local.get $p) (local.get $end))
            (then (global.set $status (i32.const 0)) (return (local.get $end))))
          (local.set $c (i32.load8_u (local.get $p)))
          (br_if $significant
            (i32.eqz
              (i32.or
                (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x2c)))
                (i32.or
                  (i32.or (i32.eq (local.get $c) (i32.const 0x0a)) (i32.eq (local.get $c) (i32.const 0x0d)))
                  (i32.eq (local.get $c) (i32.const 0x09))))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $sep)))
      (if (i32.ne (local.get $c) (i32.const 0x7b))
        (then (global.set $status (i32.const 0)) (return (local.get $p))))
      (if (i32.ge_u (global.get $count) (local.get $max))
        (then (global.set $status (i32.const 2)) (return (local.get $p))))
      ;; the item's record: start, end, bits, then slot k-1 of node k at $rec + 12 * k
      (local.set $rec (i32.add (i32.const 147456) (i32.mul (global.get $count) (local.get $size))))
      (local.set $k (i32.const 1))
      (loop $clear
        (if (i32.lt_u (local.get $k) (local.get $nodes))
          (then
            (i32.store offset=8 (i32.add (local.get $rec) (i32.mul (local.get $k) (i32.const 12))) (i32.const 0))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $clear))))
      (local.set $r (call $item (local.get $p) (local.get $rec)))
      (if (i32.or (i32.eqz (local.get $r)) (i32.gt_u (local.get $r) (local.get $end)))
        (then (global.set $status (i32.const 1)) (return (local.get $p))))
      (i32.store (local.get $rec) (local.get $p))
      (i32.store offset=4 (local.get $rec) (local.get $r))
      (i32.store offset=8 (local.get $rec) (global.get $seen))
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (local.set $p (local.get $r))
      (br $items))
    (unreachable)))
