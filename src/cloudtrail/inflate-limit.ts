/**
 * How far a gzip file may inflate. A gzip stream can expand about a thousand times (DEFLATE's
 * limit is 1032:1), so a 1 MB file can hold a gigabyte of blanks and a 2 MB one can be read
 * whole into memory. A CloudTrail log compresses about 10-20 times; reading stops once a file
 * has inflated to more than `ratio` times its own size, and at least FLOOR_BYTES (small files
 * of very repetitive records compress better than large ones).
 */
export const DEFAULT_MAX_INFLATE_RATIO = 250;
const FLOOR_BYTES = 64 * 1024 * 1024;

/** Decompressed bytes a gzip file of `compressedBytes` may give. */
export function inflateLimit(compressedBytes: number, ratio: number): number {
  return Math.max(FLOOR_BYTES, compressedBytes * ratio);
}

/** A gzip file went past its inflate limit: the records before that point are kept. */
export class InflateLimitError extends Error {
  constructor(compressedBytes: number, ratio: number) {
    super(
      `gzip stream inflates to more than ${ratio} times the file's ${compressedBytes.toLocaleString('en-US')} bytes ` +
        `(reading stopped at ${inflateLimit(compressedBytes, ratio).toLocaleString('en-US')} decompressed bytes; no CloudTrail log compresses that well: ` +
        `a decompression bomb?); records before that point were kept`,
    );
  }
}

/** Counts inflated bytes of one file; throws InflateLimitError past the limit. */
export class InflateBudget {
  private seen = 0;
  private readonly limit: number;

  constructor(
    private readonly compressedBytes: number,
    private readonly ratio: number,
  ) {
    this.limit = inflateLimit(compressedBytes, ratio);
  }

  add(bytes: number): void {
    this.seen += bytes;
    if (this.seen > this.limit) throw new InflateLimitError(this.compressedBytes, this.ratio);
  }
}
