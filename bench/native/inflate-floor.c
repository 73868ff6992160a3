/*
 * The decompression floor of a full scan (issue #15): how fast the best native DEFLATE decoders on
 * this machine's package registry (Debian's libdeflate and Intel ISA-L) and zlib inflate every
 * .json.gz file of a tree held in memory, one thread, no parsing. bench/inflate-floor.ts runs this
 * beside trailhound's own inflate (src/cloudtrail/inflate.ts) and prints the ratios.
 *
 *   apt-get install libdeflate-dev libisal-dev zlib1g-dev
 *   gcc -O2 -o .bench-data/inflate-floor bench/native/inflate-floor.c -lz -ldeflate -lisal
 *   .bench-data/inflate-floor DIR [ROUNDS]     -> lines "RESULT <decoder> <seconds> <bytes out>"
 */
#include <dirent.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

typedef struct { unsigned char *data; size_t size; } File;
static File *files;
static size_t nfiles, cap;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void load(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  char path[4096];
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (e->d_type == DT_DIR) { load(path); continue; }
    size_t len = strlen(path);
    if (len < 3 || strcmp(path + len - 3, ".gz") != 0) continue;
    FILE *f = fopen(path, "rb");
    if (!f) continue;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    if (nfiles == cap) files = realloc(files, (cap = cap ? cap * 2 : 1024) * sizeof *files);
    files[nfiles].data = malloc(size);
    files[nfiles].size = fread(files[nfiles].data, 1, size, f);
    nfiles++;
    fclose(f);
  }
  closedir(d);
}

/* Where the DEFLATE stream starts after a gzip header (FEXTRA, FNAME, FCOMMENT, FHCRC skipped). */
static size_t body(const unsigned char *d, size_t n) {
  size_t p = 10;
  int flags = d[3];
  if (flags & 4) p += 2 + (d[p] | d[p + 1] << 8);
  for (int bit = 8; bit <= 16; bit <<= 1)
    if (flags & bit) { while (p < n && d[p]) p++; p++; }
  if (flags & 2) p += 2;
  return p;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: inflate-floor DIR [ROUNDS]\n"); return 2; }
  load(argv[1]);
  int rounds = argc > 2 ? atoi(argv[2]) : 3;
  size_t outCap = 256u << 20;
  unsigned char *out = malloc(outCap);
  struct libdeflate_decompressor *dd = libdeflate_alloc_decompressor();
  const char *names[] = {"zlib-gzip", "libdeflate-gzip", "libdeflate-raw", "isal-gzip"};
  for (int which = 0; which < 4; which++) {
    double best = 1e9;
    size_t total = 0;
    for (int r = 0; r < rounds; r++) {
      double t = now();
      total = 0;
      for (size_t i = 0; i < nfiles; i++) {
        const unsigned char *d = files[i].data;
        size_t n = files[i].size, got = 0;
        if (which == 0) {
          z_stream s = {0};
          inflateInit2(&s, 31);
          s.next_in = (unsigned char *)d; s.avail_in = n; s.next_out = out; s.avail_out = outCap;
          inflate(&s, Z_FINISH);
          got = s.total_out;
          inflateEnd(&s);
        } else if (which == 1) {
          libdeflate_gzip_decompress(dd, d, n, out, outCap, &got);
        } else if (which == 2) {
          size_t h = body(d, n), used = 0;
          libdeflate_deflate_decompress_ex(dd, d + h, n - h, out, outCap, &used, &got);
        } else {
          struct inflate_state st;
          isal_inflate_init(&st);
          st.crc_flag = ISAL_GZIP;
          st.next_in = (unsigned char *)d; st.avail_in = n; st.next_out = out; st.avail_out = outCap;
          isal_inflate(&st);
          got = st.total_out;
        }
        total += got;
      }
      double s = now() - t;
      if (s < best) best = s;
    }
    printf("RESULT %s %.3f %zu\n", names[which], best, total);
  }
  return 0;
}
