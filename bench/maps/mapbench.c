// mapbench.c: the runtime's maps (runtime/map.c) under mapbench.go's
// operations, keys and counts, called as compiled code calls them. Prints
// "NAME ns/op" per benchmark; MAPBENCH=mem-int or mem-string only builds
// the 1,000,000-entry map (for peak memory); MAPBENCH_FAST=1 uses the
// fast64/faststr entry points; MAPBENCH_ONLY=int/1000000 (say) runs only
// that key kind and count. Build (from the top of the tree):
//   cc -O2 -Iruntime bench/maps/mapbench.c build/runtime/libminigo_rt.a \
//      $(pkg-config --libs bdw-gc) -o mapbench
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "internal.h"

#define STR(lit) {(const uint8_t *)(lit), (mg_int)(sizeof(lit) - 1)}
static const mg_type t_int = {.kind = MG_INT, .size = sizeof(mg_int), .name = STR("int")};
static const mg_type t_string = {.kind = MG_STRING, .size = sizeof(mg_string), .name = STR("string")};
static const mg_type m_int = {.kind = MG_MAP, .size = sizeof(void *), .name = STR("map[int]int"),
                              .key = &t_int, .elem = &t_int};
static const mg_type m_str = {.kind = MG_MAP, .size = sizeof(void *), .name = STR("map[string]int"),
                              .key = &t_string, .elem = &t_int};

static volatile mg_int sink;
static bool fast;

// The process's CPU time in ns, as mapbench.go measures it.
static double now(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
}

static void report(const char *op, const char *tag, double ns, double n) {
  char name[64];
  snprintf(name, sizeof name, "%s %s", op, tag);
  printf("%-28s %8.2f ns/op\n", name, ns / n);
}

static mg_int *int_keys(mg_int n) {
  mg_int *k = malloc(n * sizeof *k);
  for (mg_int i = 0; i < n; i++)
    k[i] = (mg_int)((uint64_t)i * 0x9E3779B97F4A7C15ull >> 1);
  return k;
}

static mg_string *str_keys(mg_int n) {
  mg_string *k = mg_alloc(n * (mg_int)sizeof *k);
  for (mg_int i = 0; i < n; i++) {
    char buf[32];
    int len = snprintf(buf, sizeof buf, "key-%ld", (long)(i * 7919));
    mg_string_make(&k[i], buf, len);
  }
  return k;
}

// One key type's operations: the key at index i of keys, by address.
typedef struct ops {
  const mg_type *mt;
  size_t key_size;
  void *(*assign)(const mg_type *, mg_map *, const void *);
  void *(*access)(const mg_type *, mg_map *, const void *);
} ops;

static void *assign_fast64(const mg_type *mt, mg_map *m, const void *k) {
  return mg_map_assign_fast64(mt, m, *(const uint64_t *)k);
}
static void *access_fast64(const mg_type *mt, mg_map *m, const void *k) {
  return mg_map_access_fast64(mt, m, *(const uint64_t *)k);
}
static void *assign_faststr(const mg_type *mt, mg_map *m, const void *k) {
  return mg_map_assign_faststr(mt, m, k);
}
static void *access_faststr(const mg_type *mt, mg_map *m, const void *k) {
  return mg_map_access_faststr(mt, m, k);
}

static mg_map *build(const ops *o, const uint8_t *keys, mg_int n) {
  mg_map *m = mg_map_make(o->mt, 0);
  for (mg_int i = 0; i < n; i++)
    *(mg_int *)o->assign(o->mt, m, keys + i * o->key_size) = i;
  return m;
}

static void bench(const ops *o, const char *kind, const uint8_t *keys, mg_int n, int reps) {
  const uint8_t *miss = keys + n * o->key_size;
  char tag[32];
  snprintf(tag, sizeof tag, "%s/%ld", kind, (long)n);
  const char *only = getenv("MAPBENCH_ONLY");
  if (only && strcmp(only, tag) != 0)
    return;
  mg_map *m = NULL;
  double t = now();
  for (int r = 0; r < reps; r++)
    m = build(o, keys, n);
  report("insert", tag, now() - t, (double)n * reps);
  t = now();
  for (int r = 0; r < reps * 4; r++)
    for (mg_int i = 0; i < n; i++)
      sink += *(mg_int *)o->access(o->mt, m, keys + i * o->key_size);
  report("hit", tag, now() - t, (double)n * reps * 4);
  t = now();
  for (int r = 0; r < reps * 4; r++)
    for (mg_int i = 0; i < n; i++)
      sink += *(mg_int *)o->access(o->mt, m, miss + i * o->key_size);
  report("miss", tag, now() - t, (double)n * reps * 4);
  t = now();
  for (int r = 0; r < reps * 4; r++) {
    mg_map_iter it;
    for (mg_map_iter_init(o->mt, m, &it); it.key; mg_map_iter_next(&it))
      sink += *(mg_int *)it.elem;
  }
  report("iterate", tag, now() - t, (double)n * reps * 4);
  double elapsed = 0;
  for (int r = 0; r < reps; r++) {
    m = build(o, keys, n);
    t = now();
    for (mg_int i = 0; i < n; i++)
      mg_map_delete(o->mt, m, keys + i * o->key_size);
    elapsed += now() - t;
  }
  report("delete", tag, elapsed, (double)n * reps);
}

static void run(void) {
  fast = getenv("MAPBENCH_FAST") != NULL;
  ops io = {&m_int, sizeof(mg_int), mg_map_assign, mg_map_access};
  ops so = {&m_str, sizeof(mg_string), mg_map_assign, mg_map_access};
  if (fast) {
    io.assign = assign_fast64, io.access = access_fast64;
    so.assign = assign_faststr, so.access = access_faststr;
  }
  const char *mode = getenv("MAPBENCH");
  if (mode && strcmp(mode, "mem-int") == 0) {
    printf("%ld\n", (long)*(mg_int *)build(&io, (uint8_t *)int_keys(1000000), 1000000));
    return;
  }
  if (mode && strcmp(mode, "mem-string") == 0) {
    printf("%ld\n", (long)*(mg_int *)build(&so, (uint8_t *)str_keys(1000000), 1000000));
    return;
  }
  bench(&io, "int", (uint8_t *)int_keys(2000), 1000, 2000);
  bench(&io, "int", (uint8_t *)int_keys(2000000), 1000000, 2);
  bench(&so, "string", (uint8_t *)str_keys(2000), 1000, 1000);
  bench(&so, "string", (uint8_t *)str_keys(2000000), 1000000, 1);
}

void bench_init(void *ctx, void *token) __asm__("main.init");
void bench_main(void *ctx, void *token) __asm__("main.main");
void bench_init(void *ctx, void *token) {
  (void)ctx, (void)token;
}
void bench_main(void *ctx, void *token) {
  (void)ctx, (void)token;
  run();
  fflush(stdout);
}
