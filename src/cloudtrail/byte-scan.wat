;; Byte scanner for the CloudTrail splitter (byte-scan.ts drives it; scripts/build.mjs compiles this
;; file into byte-scan-wasm.ts). It walks a run of object items of a JSON array, 64 bytes at a time
;; with SIMD, and reports each item's [start, end) and whether it is a CANDIDATE: it holds one of the
;; needles, a `\u`, or (when asked) a non-ASCII byte. Items that are not candidates are never decoded
;; to strings: that is the point. Everything unusual is handed back to the JS splitter, whose rules
;; this must reproduce exactly (docs/cloudtrail.md "Pushdown").
;;
;; Memory layout (byte-scan.ts writes the first two areas and the data):
;;   0 .. 255        needle descriptors, 16 bytes each (at most 8):
;;                   +0 i32 offset of the needle bytes, +4 i32 length (1..64),
;;                   +8 first byte, +9 its case mask, +10 last byte, +11 its case mask
;;   256 .. 32767    needle bytes, each followed by its per-byte case masks (0x20 = ASCII letter
;;                   compared case-insensitively: (b | 0x20) == lower-case letter; 0 = exact)
;;   32768 .. 131071 output: one i32 triple (start, end, candidate) per item, at most 8192
;;   131072 ..       data areas (addresses are absolute); the data must be followed by at least
;;                   256 zero bytes (loads read past its end)
(module
  (memory (export "memory") 3)
  (global $count (mut i32) (i32.const 0))
  (global $status (mut i32) (i32.const 0))
  (func (export "count") (result i32) (global.get $count))
  ;; why scan stopped: 0 = at a byte that is not `{` (or at the end), 1 = the item starting at the
  ;; returned position must be walked by the JS splitter, 2 = the output is full
  (func (export "status") (result i32) (global.get $status))

  ;; 1 when needle $k occurs at $p
  (func $verify (param $p i32) (param $k i32) (result i32)
    (local $at i32) (local $len i32) (local $j i32)
    (local.set $at (i32.load (i32.shl (local.get $k) (i32.const 4))))
    (local.set $len (i32.load offset=4 (i32.shl (local.get $k) (i32.const 4))))
    (block $no
      (loop $next
        (if (i32.ge_u (local.get $j) (local.get $len)) (then (return (i32.const 1))))
        (br_if $no
          (i32.ne
            (i32.or
              (i32.load8_u (i32.add (local.get $p) (local.get $j)))
              (i32.load8_u (i32.add (i32.add (local.get $at) (local.get $len)) (local.get $j))))
            (i32.load8_u (i32.add (local.get $at) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  ;; Walks items from address $from up to $end. $needles: descriptors in use; $ascii: 1 =
  ;; a non-ASCII byte makes a candidate; $all: 1 = every item is a candidate (plain splitting).
  ;; Returns where it stopped (see `status`); the items are in the output area (`count`).
  (func (export "scan") (param $from i32) (param $end i32) (param $needles i32) (param $ascii i32) (param $all i32) (result i32)
    (local $p i32) (local $c i32) (local $start i32) (local $depth i32) (local $b i32)
    (local $k i32) (local $n i32) (local $desc i32) (local $len i32) (local $cand i32)
    (local $instr i64) (local $carry i64)
    (local $q i64) (local $bs i64) (local $open i64) (local $close i64) (local $flags i64)
    (local $esc i64) (local $str i64) (local $x i64) (local $bit i64) (local $hit i64)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $f v128) (local $fm v128) (local $l v128) (local $lm v128)
    (global.set $count (i32.const 0))
    (local.set $p (local.get $from))
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
      (if (i32.ge_u (global.get $count) (i32.const 8192))
        (then (global.set $status (i32.const 2)) (return (local.get $p))))
      (local.set $start (local.get $p))
      (local.set $depth (i32.const 1))
      (local.set $instr (i64.const 0))
      (local.set $carry (i64.const 0))
      (local.set $cand (local.get $all))
      (local.set $b (i32.add (local.get $p) (i32.const 1)))
      (loop $blocks
        (if (i32.ge_u (local.get $b) (local.get $end))
          (then (global.set $status (i32.const 1)) (return (local.get $start))))
        (local.set $v0 (v128.load (local.get $b)))
        (local.set $v1 (v128.load offset=16 (local.get $b)))
        (local.set $v2 (v128.load offset=32 (local.get $b)))
        (local.set $v3 (v128.load offset=48 (local.get $b)))
        (local.set $q
          (i64.or
            (i64.extend_i32_u
              (i32.or
                (i8x16.bitmask (i8x16.eq (local.get $v0) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22)))
                (i32.shl (i8x16.bitmask (i8x16.eq (local.get $v1) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22))) (i32.const 16))))
            (i64.shl
              (i64.extend_i32_u
                (i32.or
                  (i8x16.bitmask (i8x16.eq (local.get $v2) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22)))
                  (i32.shl (i8x16.bitmask (i8x16.eq (local.get $v3) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22))) (i32.const 16))))
              (i64.const 32))))
        (local.set $bs
          (i64.or
            (i64.extend_i32_u
              (i32.or
                (i8x16.bitmask (i8x16.eq (local.get $v0) (v128.const i8x16 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c)))
                (i32.shl (i8x16.bitmask (i8x16.eq (local.get $v1) (v128.const i8x16 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c))) (i32.const 16))))
            (i64.shl
              (i64.extend_i32_u
                (i32.or
                  (i8x16.bitmask (i8x16.eq (local.get $v2) (v128.const i8x16 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c)))
                  (i32.shl (i8x16.bitmask (i8x16.eq (local.get $v3) (v128.const i8x16 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c 0x5c))) (i32.const 16))))
              (i64.const 32))))
        ;; `{` 0x7b and `[` 0x5b, `}` 0x7d and `]` 0x5d differ only in bit 0x20: the JS splitter does
        ;; not match bracket kinds either
        (local.set $open
          (i64.or
            (i64.extend_i32_u
              (i32.or
                (i8x16.bitmask (i8x16.eq (v128.or (local.get $v0) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b)))
                (i32.shl
                  (i8x16.bitmask (i8x16.eq (v128.or (local.get $v1) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b)))
                  (i32.const 16))))
            (i64.shl
              (i64.extend_i32_u
                (i32.or
                  (i8x16.bitmask (i8x16.eq (v128.or (local.get $v2) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b)))
                  (i32.shl
                    (i8x16.bitmask
                      (i8x16.eq (v128.or (local.get $v3) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b 0x7b)))
                    (i32.const 16))))
              (i64.const 32))))
        (local.set $close
          (i64.or
            (i64.extend_i32_u
              (i32.or
                (i8x16.bitmask (i8x16.eq (v128.or (local.get $v0) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d)))
                (i32.shl
                  (i8x16.bitmask
                    (i8x16.eq (v128.or (local.get $v1) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d)))
                  (i32.const 16))))
            (i64.shl
              (i64.extend_i32_u
                (i32.or
                  (i8x16.bitmask
                    (i8x16.eq (v128.or (local.get $v2) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d)))
                  (i32.shl
                    (i8x16.bitmask
                      (i8x16.eq (v128.or (local.get $v3) (v128.const i8x16 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20 0x20)) (v128.const i8x16 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d 0x7d)))
                    (i32.const 16))))
              (i64.const 32))))
        ;; $flags: positions that make the item a candidate
        (local.set $flags (i64.const 0))
        (if (local.get $ascii)
          (then
            (local.set $flags
              (i64.or
                (i64.extend_i32_u (i32.or (i8x16.bitmask (local.get $v0)) (i32.shl (i8x16.bitmask (local.get $v1)) (i32.const 16))))
                (i64.shl
                  (i64.extend_i32_u (i32.or (i8x16.bitmask (local.get $v2)) (i32.shl (i8x16.bitmask (local.get $v3)) (i32.const 16))))
                  (i64.const 32))))))
        (local.set $esc (i64.const 0))
        (if (i64.ne (i64.or (local.get $bs) (local.get $carry)) (i64.const 0))
          (then
            ;; `\u` anywhere (the text check keeps such records: they may spell letters as escapes)
            (local.set $x (local.get $bs))
            (block $done_u
              (loop $each_u
                (br_if $done_u (i64.eqz (local.get $x)))
                (local.set $k (i32.wrap_i64 (i64.ctz (local.get $x))))
                (if (i32.eq (i32.load8_u offset=1 (i32.add (local.get $b) (local.get $k))) (i32.const 0x75))
                  (then (local.set $flags (i64.or (local.get $flags) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $k)))))))
                (local.set $x (i64.and (local.get $x) (i64.sub (local.get $x) (i64.const 1))))
                (br $each_u)))
            ;; escaped bytes: a backslash that is not itself escaped escapes the next byte
            (local.set $esc (local.get $carry))
            (local.set $x (i64.and (local.get $bs) (i64.xor (local.get $carry) (i64.const -1))))
            (local.set $carry (i64.const 0))
            (block $done_e
              (loop $each_e
                (br_if $done_e (i64.eqz (local.get $x)))
                (local.set $k (i32.wrap_i64 (i64.ctz (local.get $x))))
                (if (i32.eq (local.get $k) (i32.const 63))
                  (then (local.set $carry (i64.const 1)) (br $done_e)))
                (local.set $esc
                  (i64.or (local.get $esc) (i64.shl (i64.const 2) (i64.extend_i32_u (local.get $k)))))
                (local.set $x
                  (i64.and
                    (local.get $x)
                    (i64.xor (i64.shl (i64.const 3) (i64.extend_i32_u (local.get $k))) (i64.const -1))))
                (br $each_e)))))
        ;; inside strings: opening quote up to (not including) the closing one
        (local.set $str (i64.and (local.get $q) (i64.xor (local.get $esc) (i64.const -1))))
        (local.set $str (i64.xor (local.get $str) (i64.shl (local.get $str) (i64.const 1))))
        (local.set $str (i64.xor (local.get $str) (i64.shl (local.get $str) (i64.const 2))))
        (local.set $str (i64.xor (local.get $str) (i64.shl (local.get $str) (i64.const 4))))
        (local.set $str (i64.xor (local.get $str) (i64.shl (local.get $str) (i64.const 8))))
        (local.set $str (i64.xor (local.get $str) (i64.shl (local.get $str) (i64.const 16))))
        (local.set $str (i64.xor (local.get $str) (i64.shl (local.get $str) (i64.const 32))))
        (local.set $str (i64.xor (local.get $str) (local.get $instr)))
        (local.set $instr (i64.shr_s (local.get $str) (i64.const 63)))
        ;; a backslash outside strings: the JS splitter ignores it there, the escape logic above would
        ;; not; let the JS splitter walk this item
        (if (i64.ne (i64.and (i64.and (local.get $bs) (i64.xor (local.get $esc) (i64.const -1)))
                             (i64.xor (local.get $str) (i64.const -1)))
                    (i64.const 0))
          (then (global.set $status (i32.const 1)) (return (local.get $start))))
        (local.set $open (i64.and (local.get $open) (i64.xor (local.get $str) (i64.const -1))))
        (local.set $close (i64.and (local.get $close) (i64.xor (local.get $str) (i64.const -1))))
        ;; needles: first and last byte compared 64 positions at a time, then verified byte by byte
        (local.set $n (i32.const 0))
        (block $done_n
          (loop $each_n
            (br_if $done_n (i32.ge_u (local.get $n) (local.get $needles)))
            (local.set $desc (i32.shl (local.get $n) (i32.const 4)))
            (local.set $len (i32.load offset=4 (local.get $desc)))
            (local.set $f (i8x16.splat (i32.load8_u offset=8 (local.get $desc))))
            (local.set $fm (i8x16.splat (i32.load8_u offset=9 (local.get $desc))))
            (local.set $l (i8x16.splat (i32.load8_u offset=10 (local.get $desc))))
            (local.set $lm (i8x16.splat (i32.load8_u offset=11 (local.get $desc))))
            (local.set $c (i32.add (local.get $b) (i32.sub (local.get $len) (i32.const 1))))
            (local.set $hit
              (i64.or
                (i64.extend_i32_u
                  (i32.or
                    (i8x16.bitmask
                      (v128.and
                        (i8x16.eq (v128.or (local.get $v0) (local.get $fm)) (local.get $f))
                        (i8x16.eq (v128.or (v128.load (local.get $c)) (local.get $lm)) (local.get $l))))
                    (i32.shl
                      (i8x16.bitmask
                        (v128.and
                          (i8x16.eq (v128.or (local.get $v1) (local.get $fm)) (local.get $f))
                          (i8x16.eq
                            (v128.or (v128.load offset=16 (local.get $c)) (local.get $lm))
                            (local.get $l))))
                      (i32.const 16))))
                (i64.shl
                  (i64.extend_i32_u
                    (i32.or
                      (i8x16.bitmask
                        (v128.and
                          (i8x16.eq (v128.or (local.get $v2) (local.get $fm)) (local.get $f))
                          (i8x16.eq
                            (v128.or (v128.load offset=32 (local.get $c)) (local.get $lm))
                            (local.get $l))))
                      (i32.shl
                        (i8x16.bitmask
                          (v128.and
                            (i8x16.eq (v128.or (local.get $v3) (local.get $fm)) (local.get $f))
                            (i8x16.eq
                              (v128.or (v128.load offset=48 (local.get $c)) (local.get $lm))
                              (local.get $l))))
                        (i32.const 16))))
                  (i64.const 32))))
            (block $done_h
              (loop $each_h
                (br_if $done_h (i64.eqz (local.get $hit)))
                (local.set $k (i32.wrap_i64 (i64.ctz (local.get $hit))))
                (if (call $verify (i32.add (local.get $b) (local.get $k)) (local.get $n))
                  (then (local.set $flags (i64.or (local.get $flags) (i64.shl (i64.const 1) (i64.extend_i32_u (local.get $k)))))))
                (local.set $hit (i64.and (local.get $hit) (i64.sub (local.get $hit) (i64.const 1))))
                (br $each_h)))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $each_n)))
        ;; the item cannot end in this block when even all its closing brackets leave it open
        (if (i64.lt_u (i64.popcnt (local.get $close)) (i64.extend_i32_u (local.get $depth)))
          (then
            (local.set $depth
              (i32.add (local.get $depth)
                (i32.wrap_i64 (i64.sub (i64.popcnt (local.get $open)) (i64.popcnt (local.get $close))))))
            (if (i64.ne (local.get $flags) (i64.const 0)) (then (local.set $cand (i32.const 1))))
            (local.set $b (i32.add (local.get $b) (i32.const 64)))
            (br $blocks)))
        (local.set $x (i64.or (local.get $open) (local.get $close)))
        (block $walked
          (loop $each_s
            (br_if $walked (i64.eqz (local.get $x)))
            (local.set $bit (i64.and (local.get $x) (i64.sub (i64.const 0) (local.get $x))))
            (if (i64.ne (i64.and (local.get $open) (local.get $bit)) (i64.const 0))
              (then (local.set $depth (i32.add (local.get $depth) (i32.const 1))))
              (else
                (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
                (if (i32.eqz (local.get $depth))
                  (then
                    ;; the item ends here: only flags up to this byte are its own
                    (if (i64.ne (i64.and (local.get $flags) (i64.sub (i64.shl (local.get $bit) (i64.const 1)) (i64.const 1))) (i64.const 0))
                      (then (local.set $cand (i32.const 1))))
                    (local.set $p
                      (i32.add
                        (i32.add (local.get $b) (i32.wrap_i64 (i64.ctz (local.get $bit))))
                        (i32.const 1)))
                    (local.set $k (i32.add (i32.const 32768) (i32.mul (global.get $count) (i32.const 12))))
                    (i32.store (local.get $k) (local.get $start))
                    (i32.store offset=4 (local.get $k) (local.get $p))
                    (i32.store offset=8 (local.get $k) (local.get $cand))
                    (global.set $count (i32.add (global.get $count) (i32.const 1)))
                    (br $items)))))
            (local.set $x (i64.xor (local.get $x) (local.get $bit)))
            (br $each_s)))
        (if (i64.ne (local.get $flags) (i64.const 0)) (then (local.set $cand (i32.const 1))))
        (local.set $b (i32.add (local.get $b) (i32.const 64)))
        (br $blocks)))
    (unreachable))
)
