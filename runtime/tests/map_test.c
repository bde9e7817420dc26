// map_test.c: the runtime's maps (map.c, hash.c, fmtsort.c) against
// simple references: random operation sequences checked against a sorted
// array, iteration while the map changes and grows, Go's key semantics
// (NaN, +0/-0, blank fields, interfaces), nil maps and their panics, and
// maps holding the only references to objects across collections.
#include <gc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "internal.h"

#define STR(lit) {(const uint8_t *)(lit), (mg_int)(sizeof(lit) - 1)}
#define BASIC(var, k, sz, nm) static const mg_type var = {.kind = k, .size = sz, .name = STR(nm)}
BASIC(t_int, MG_INT, sizeof(mg_int), "int");
BASIC(t_int32, MG_INT32, 4, "int32");
BASIC(t_int64, MG_INT64, 8, "int64");
BASIC(t_uint8, MG_UINT8, 1, "uint8");
BASIC(t_string, MG_STRING, sizeof(mg_string), "string");
BASIC(t_float64, MG_FLOAT64, 8, "float64");
BASIC(t_any, MG_IFACE, sizeof(mg_iface), "interface {}");
static const mg_type t_ints = {.kind = MG_SLICE, .size = sizeof(mg_slice), .name = STR("[]int"),
                               .elem = &t_int};
static const mg_type t_ptr = {.kind = MG_PTR, .size = sizeof(void *), .name = STR("*int64"),
                              .elem = &t_int64};
// struct { A int32; _ int32; B string }
typedef struct blank_key {
  int32_t a, blank;
  mg_string b;
} blank_key;
static const mg_field blank_fields[] = {
  {STR("A"), &t_int32, offsetof(blank_key, a), 0},
  {STR("_"), &t_int32, offsetof(blank_key, blank), 0},
  {STR("B"), &t_string, offsetof(blank_key, b), 0},
};
static const mg_type t_blank = {.kind = MG_STRUCT, .size = sizeof(blank_key),
                                .name = STR("main.K"), .len = 3, .fields = blank_fields};
static const mg_type t_any2 = {.kind = MG_ARRAY, .size = 2 * sizeof(mg_iface),
                               .name = STR("[2]interface {}"), .elem = &t_any, .len = 2};

#define MAP(var, k, e, nm) \
  static const mg_type var = {.kind = MG_MAP, .size = sizeof(void *), .name = STR(nm), .key = k, .elem = e}
MAP(m_int64, &t_int64, &t_int64, "map[int64]int64");
MAP(m_int32, &t_int32, &t_int64, "map[int32]int64");
MAP(m_string, &t_string, &t_int64, "map[string]int64");
MAP(m_float, &t_float64, &t_int64, "map[float64]int64");
MAP(m_blank, &t_blank, &t_int64, "map[main.K]int64");
MAP(m_any, &t_any, &t_int64, "map[interface {}]int64");
MAP(m_any2, &t_any2, &t_int64, "map[[2]interface {}]int64");
MAP(m_ptrs, &t_int64, &t_ptr, "map[int64]*int64");
MAP(m_strstr, &t_string, &t_string, "map[string]string");

static mg_int len_of(mg_map *m) {
  return m ? *(mg_int *)m : 0;  // compiled code reads the first word
}

// A small xorshift generator, so that every run checks the same sequences.
static uint64_t rng = 88172645463325252ull;
static uint64_t next_random(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

// ---- the reference: a sorted array of (key, value)

typedef struct ref {
  int64_t *keys, *vals;
  size_t n, cap;
} ref;

static size_t ref_find(const ref *r, int64_t k, bool *found) {
  size_t lo = 0, hi = r->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (r->keys[mid] < k)
      lo = mid + 1;
    else
      hi = mid;
  }
  *found = lo < r->n && r->keys[lo] == k;
  return lo;
}

static void ref_set(ref *r, int64_t k, int64_t v) {
  bool found;
  size_t i = ref_find(r, k, &found);
  if (!found) {
    if (r->n == r->cap) {
      r->cap = r->cap ? 2 * r->cap : 64;
      r->keys = realloc(r->keys, r->cap * sizeof *r->keys);
      r->vals = realloc(r->vals, r->cap * sizeof *r->vals);
    }
    memmove(r->keys + i + 1, r->keys + i, (r->n - i) * sizeof *r->keys);
    memmove(r->vals + i + 1, r->vals + i, (r->n - i) * sizeof *r->vals);
    r->keys[i] = k;
    r->n++;
  }
  r->vals[i] = v;
}

static void ref_delete(ref *r, int64_t k) {
  bool found;
  size_t i = ref_find(r, k, &found);
  if (!found)
    return;
  memmove(r->keys + i, r->keys + i + 1, (r->n - i - 1) * sizeof *r->keys);
  memmove(r->vals + i, r->vals + i + 1, (r->n - i - 1) * sizeof *r->vals);
  r->n--;
}

// Keys of the string-keyed maps: the decimal text of the integer key,
// padded so that some are longer than 16 and 48 bytes.
static mg_string key_string(int64_t k) {
  char buf[96];
  int n = snprintf(buf, sizeof buf, "%lld", (long long)k);
  if (k % 3 == 0)
    n = snprintf(buf, sizeof buf, "%lld-and-a-suffix-long-enough-to-pass-48-bytes-%lld",
                 (long long)k, (long long)k);
  mg_string s;
  mg_string_make(&s, buf, n);
  return s;
}

// One map operation on key k of either map type, through the generic
// entry points or (fast) the specialized ones.
static int64_t *op_lookup(const mg_type *mt, mg_map *m, int64_t k, bool fast) {
  if (mt == &m_string) {
    mg_string s = key_string(k);
    return fast ? mg_map_lookup_faststr(mt, m, &s) : mg_map_lookup(mt, m, &s);
  }
  return fast ? mg_map_lookup_fast64(mt, m, (uint64_t)k) : mg_map_lookup(mt, m, &k);
}

static int64_t *op_access(const mg_type *mt, mg_map *m, int64_t k, bool fast) {
  if (mt == &m_string) {
    mg_string s = key_string(k);
    return fast ? mg_map_access_faststr(mt, m, &s) : mg_map_access(mt, m, &s);
  }
  return fast ? mg_map_access_fast64(mt, m, (uint64_t)k) : mg_map_access(mt, m, &k);
}

static int64_t *op_assign(const mg_type *mt, mg_map *m, int64_t k, bool fast) {
  if (mt == &m_string) {
    mg_string s = key_string(k);
    return fast ? mg_map_assign_faststr(mt, m, &s) : mg_map_assign(mt, m, &s);
  }
  return fast ? mg_map_assign_fast64(mt, m, (uint64_t)k) : mg_map_assign(mt, m, &k);
}

static void op_delete(const mg_type *mt, mg_map *m, int64_t k) {
  if (mt == &m_string) {
    mg_string s = key_string(k);
    mg_map_delete(mt, m, &s);
  } else {
    mg_map_delete(mt, m, &k);
  }
}

// The integer a key_string starts with (its bytes end without a NUL).
static int64_t parse_key(const mg_string *s) {
  char buf[32];
  mg_int n = 0;
  for (; n < s->len && n < 31 && (s->ptr[n] == '-' || (s->ptr[n] >= '0' && s->ptr[n] <= '9')); n++)
    buf[n] = (char)s->ptr[n];
  buf[n] = 0;
  return strtoll(buf, NULL, 10);
}

static int64_t key_of(const mg_type *mt, const void *key) {
  if (mt != &m_string)
    return *(const int64_t *)key;
  return parse_key(key);
}

// Every entry of m is in r with its value, once each, and len agrees.
static bool same_contents(const mg_type *mt, mg_map *m, const ref *r) {
  if ((size_t)len_of(m) != r->n)
    return false;
  char *seen = calloc(r->n + 1, 1);
  size_t count = 0;
  bool ok = true;
  mg_map_iter it;
  for (mg_map_iter_init(mt, m, &it); it.key; mg_map_iter_next(&it)) {
    bool found;
    size_t i = ref_find(r, key_of(mt, it.key), &found);
    if (!found || seen[i] || r->vals[i] != *(int64_t *)it.elem)
      ok = false;
    else
      seen[i] = 1;
    count++;
  }
  free(seen);
  return ok && count == r->n;
}

// Random inserts, updates, lookups (hits and misses) and deletes over keys
// in [0, range), checked step by step against the reference.
static void random_ops(const mg_type *mt, int nops, int64_t range, bool fast) {
  mg_map *m = mg_map_make(mt, 0);
  ref r = {0};
  int bad_len = 0, bad_lookup = 0, bad_contents = 0;
  for (int i = 0; i < nops; i++) {
    int64_t k = (int64_t)(next_random() % (uint64_t)range) - range / 4;
    int what = (int)(next_random() % 10);
    bool found;
    size_t at = ref_find(&r, k, &found);
    if (what < 4) {
      int64_t v = (int64_t)next_random(), *slot = op_assign(mt, m, k, fast);
      if (*slot != (found ? r.vals[at] : 0))  // a new entry's value is zero
        bad_lookup++;
      *slot = v;
      ref_set(&r, k, v);
    } else if (what < 6) {
      op_delete(mt, m, k);
      ref_delete(&r, k);
    } else if (what < 8) {
      int64_t *v = op_lookup(mt, m, k, fast);
      if (found ? !v || *v != r.vals[at] : v != NULL)
        bad_lookup++;
    } else {
      int64_t *v = op_access(mt, m, k, fast);
      if (*v != (found ? r.vals[at] : 0))
        bad_lookup++;
    }
    if ((size_t)len_of(m) != r.n)
      bad_len++;
    if (i % 4096 == 0 && !same_contents(mt, m, &r))
      bad_contents++;
  }
  CHECK(bad_len == 0);
  CHECK(bad_lookup == 0);
  CHECK(bad_contents == 0);
  CHECK(same_contents(mt, m, &r));
  // Then everything deleted, in random order.
  while (r.n > 0) {
    int64_t k = r.keys[next_random() % r.n];
    op_delete(mt, m, k);
    ref_delete(&r, k);
  }
  CHECK(len_of(m) == 0);
  CHECK(same_contents(mt, m, &r));
  free(r.keys);
  free(r.vals);
}

static void test_random_int(void) {
  random_ops(&m_int64, 200000, 3000, false);
  random_ops(&m_int64, 200000, 40, true);
  random_ops(&m_int64, 100000, 1 << 20, true);  // mostly inserts: growth
}

static void test_random_string(void) {
  random_ops(&m_string, 100000, 2000, false);
  random_ops(&m_string, 100000, 2000, true);
}

// 4-byte keys, with hint.
static void test_int32_keys(void) {
  mg_map *m = mg_map_make(&m_int32, 1000);
  for (int32_t k = -5000; k < 5000; k += 3)
    *(int64_t *)mg_map_assign_fast32(&m_int32, m, k) = k * 7;
  int bad = 0;
  for (int32_t k = -5000; k < 5000; k++) {
    int64_t *v = mg_map_lookup(&m_int32, m, &k);
    bool want = (k + 5000) % 3 == 0;
    if (want ? !v || *v != k * 7 : v != NULL)
      bad++;
    if (*(int64_t *)mg_map_access_fast32(&m_int32, m, k) != (want ? k * 7 : 0))
      bad++;
  }
  CHECK(bad == 0);
  CHECK(len_of(m) == 3334);
}

// Churn at a constant small size: inserts of new keys and deletes of old
// ones leave tombstones, which rehashing at the same size must clear
// rather than grow the table forever.
static void test_tombstones(void) {
  mg_map *m = mg_map_make(&m_int64, 0);
  size_t heap_before = GC_get_heap_size();
  int bad = 0;
  for (int64_t k = 0; k < 300000; k++) {
    *(int64_t *)mg_map_assign(&m_int64, m, &k) = k;
    if (k >= 50) {
      int64_t old = k - 50;
      mg_map_delete(&m_int64, m, &old);
      if (mg_map_lookup(&m_int64, m, &old))
        bad++;
    }
    if (len_of(m) != (k >= 50 ? 50 : k + 1))
      bad++;
  }
  for (int64_t k = 300000 - 50; k < 300000; k++)
    if (*(int64_t *)mg_map_access(&m_int64, m, &k) != k)
      bad++;
  CHECK(bad == 0);
  CHECK(GC_get_heap_size() - heap_before < 4u << 20);
}

static void test_growth(void) {
  enum { N = 200000 };
  mg_map *m = mg_map_make(&m_int64, 0);
  for (int64_t k = 0; k < N; k++)
    *(int64_t *)mg_map_assign(&m_int64, m, &k) = ~k;
  int bad = 0;
  for (int64_t k = 0; k < 2 * N; k++) {
    int64_t *v = mg_map_lookup(&m_int64, m, &k);
    if (k < N ? !v || *v != ~k : v != NULL)
      bad++;
  }
  CHECK(bad == 0);
  CHECK(len_of(m) == N);
  // A miss reads zero bytes, however large the value.
  static const mg_type big = {.kind = MG_ARRAY, .size = 5000, .name = STR("[5000]uint8"),
                              .elem = &t_uint8,
                              .len = 5000};
  MAP(m_big, &t_int64, &big, "map[int64][5000]uint8");
  mg_map *mb = mg_map_make(&m_big, 0);
  int64_t k = 1;
  memset(mg_map_assign(&m_big, mb, &k), 0xff, 5000);
  k = 2;
  const uint8_t *z = mg_map_access(&m_big, mb, &k);
  bool zero = true;
  for (int i = 0; i < 5000; i++)
    zero = zero && z[i] == 0;
  CHECK(zero);
  CHECK(len_of(mb) == 1);
}

// Deleting entries not yet produced while iterating: they are never
// produced; every other entry is produced exactly once.
static void test_iterate_deleting(void) {
  enum { N = 5000 };
  mg_map *m = mg_map_make(&m_int64, 0);
  for (int64_t k = 0; k < N; k++)
    *(int64_t *)mg_map_assign(&m_int64, m, &k) = k;
  static char state[N];  // 0 present, 1 seen, 2 deleted
  memset(state, 0, sizeof state);
  int bad = 0;
  mg_map_iter it;
  for (mg_map_iter_init(&m_int64, m, &it); it.key; mg_map_iter_next(&it)) {
    int64_t k = *(int64_t *)it.key;
    if (k < 0 || k >= N || state[k] != 0 || *(int64_t *)it.elem != k)
      bad++;
    else
      state[k] = 1;
    int64_t victim = (int64_t)(next_random() % N);
    if (state[victim] == 0) {
      mg_map_delete(&m_int64, m, &victim);
      state[victim] = 2;
    }
  }
  int missing = 0;
  for (int k = 0; k < N; k++)
    missing += state[k] == 0;
  CHECK(bad == 0);
  CHECK(missing == 0);
}

// Inserting while iterating, so that the table grows (several times)
// under the iterator, and deleting and updating old entries meanwhile.
// Old entries still present are produced exactly once, with their current
// values; deleted ones never after deletion; new ones at most once.
static void test_iterate_growing(const mg_type *mt) {
  enum { N = 1000, ADDED = 20, LIMIT = N * ADDED };
  mg_map *m = mg_map_make(mt, 0);
  static int64_t cur[N];
  static char state[LIMIT];  // 0 present, 1 seen, 2 deleted
  memset(state, 0, sizeof state);
  for (int64_t k = 0; k < N; k++)
    *op_assign(mt, m, k, false) = cur[k] = k * 10;
  int bad = 0;
  int64_t next_new = N;
  mg_map_iter it;
  for (mg_map_iter_init(mt, m, &it); it.key; mg_map_iter_next(&it)) {
    int64_t k = key_of(mt, it.key), v = *(int64_t *)it.elem;
    if (k < 0 || k >= next_new || state[k] != 0 || v != (k < N ? cur[k] : k))
      bad++;
    else
      state[k] = 1;
    for (int j = 0; j < ADDED && next_new < LIMIT; j++, next_new++)
      *op_assign(mt, m, next_new, false) = next_new;
    int64_t victim = (int64_t)(next_random() % N);
    if (state[victim] == 0 && victim % 2) {
      op_delete(mt, m, victim);
      state[victim] = 2;
    } else if (state[victim] == 0) {
      *op_assign(mt, m, victim, false) = cur[victim] = victim * 10 + 1;
    }
  }
  int missing = 0;
  for (int k = 0; k < N; k++)
    missing += state[k] == 0;
  CHECK(bad == 0);
  CHECK(missing == 0);
  CHECK(next_new == LIMIT);
}

static void test_iterate_growing_all(void) {
  test_iterate_growing(&m_int64);
  test_iterate_growing(&m_string);
}

// Growth under an iterator that runs to the end: every old entry is
// produced once.
static void test_iterate_growing_complete(void) {
  enum { N = 300 };
  mg_map *m = mg_map_make(&m_int64, 0);
  for (int64_t k = 0; k < N; k++)
    *(int64_t *)mg_map_assign(&m_int64, m, &k) = k;
  static int seen[N + 20000];
  memset(seen, 0, sizeof seen);
  int64_t next_new = N, dup = 0;
  mg_map_iter it;
  for (mg_map_iter_init(&m_int64, m, &it); it.key; mg_map_iter_next(&it)) {
    int64_t k = *(int64_t *)it.key;
    if (seen[k]++)
      dup++;
    if (next_new < N + 20000 - 50)
      for (int j = 0; j < 50; j++, next_new++)
        *(int64_t *)mg_map_assign(&m_int64, m, &next_new) = next_new;
  }
  int missing = 0;
  for (int k = 0; k < N; k++)
    missing += seen[k] != 1;
  CHECK(dup == 0);
  CHECK(missing == 0);
  CHECK(len_of(m) == next_new);
}

// Each range starts somewhere else: over 20 loops, the first key differs.
static void test_iterate_random_start(void) {
  mg_map *m = mg_map_make(&m_int64, 0);
  for (int64_t k = 0; k < 100; k++)
    *(int64_t *)mg_map_assign(&m_int64, m, &k) = k;
  int64_t firsts[20];
  int distinct = 0;
  for (int i = 0; i < 20; i++) {
    mg_map_iter it;
    mg_map_iter_init(&m_int64, m, &it);
    firsts[i] = *(int64_t *)it.key;
    bool is_new = true;
    for (int j = 0; j < i; j++)
      is_new = is_new && firsts[j] != firsts[i];
    distinct += is_new;
  }
  CHECK(distinct >= 5);
  // A map of 1 entry still produces it, then stops.
  mg_map *one = mg_map_make(&m_int64, 0);
  int64_t k = 42;
  *(int64_t *)mg_map_assign(&m_int64, one, &k) = 1;
  mg_map_iter it;
  mg_map_iter_init(&m_int64, one, &it);
  CHECK(it.key && *(int64_t *)it.key == 42);
  mg_map_iter_next(&it);
  CHECK(it.key == NULL);
}

static void test_float_keys(void) {
  mg_map *m = mg_map_make(&m_float, 0);
  double nan = NAN;
  for (int i = 0; i < 3; i++)
    *(int64_t *)mg_map_assign(&m_float, m, &nan) = i;
  CHECK(len_of(m) == 3);
  CHECK(mg_map_lookup(&m_float, m, &nan) == NULL);
  mg_map_delete(&m_float, m, &nan);
  CHECK(len_of(m) == 3);
  double pz = 0.0, nz = -0.0;
  *(int64_t *)mg_map_assign(&m_float, m, &pz) = 1;
  *(int64_t *)mg_map_assign(&m_float, m, &nz) = 2;
  CHECK(len_of(m) == 4);
  CHECK(*(int64_t *)mg_map_access(&m_float, m, &pz) == 2);
  int nans = 0;
  bool negative_zero = false;
  mg_map_iter it;
  for (mg_map_iter_init(&m_float, m, &it); it.key; mg_map_iter_next(&it)) {
    double k = *(double *)it.key;
    nans += k != k;
    if (k == 0)
      negative_zero = signbit(k);  // Go stores the key again: -0 now
  }
  CHECK(nans == 3);
  CHECK(negative_zero);
  // NaN entries survive growth, still produced once each.
  for (int64_t i = 0; i < 1000; i++) {
    double k = (double)i + 0.5;
    *(int64_t *)mg_map_assign(&m_float, m, &k) = i;
  }
  nans = 0;
  for (mg_map_iter_init(&m_float, m, &it); it.key; mg_map_iter_next(&it))
    nans += *(double *)it.key != *(double *)it.key;
  CHECK(nans == 3);
  CHECK(len_of(m) == 1004);
}

// Blank fields take no part in == (iface.c's mg_value_equal), nor in the
// hash.
static void test_struct_keys(void) {
  mg_map *m = mg_map_make(&m_blank, 0);
  blank_key a = {1, 100, {(const uint8_t *)"x", 1}};
  blank_key b = {1, 200, {(const uint8_t *)"x", 1}};
  blank_key c = {1, 100, {(const uint8_t *)"y", 1}};
  *(int64_t *)mg_map_assign(&m_blank, m, &a) = 1;
  *(int64_t *)mg_map_assign(&m_blank, m, &b) = 2;
  *(int64_t *)mg_map_assign(&m_blank, m, &c) = 3;
  CHECK(len_of(m) == 2);
  CHECK(*(int64_t *)mg_map_access(&m_blank, m, &a) == 2);
  for (int32_t i = 0; i < 2000; i++) {
    blank_key k = {i, i, {(const uint8_t *)"z", 1}};
    *(int64_t *)mg_map_assign(&m_blank, m, &k) = i;
  }
  blank_key probe = {77, -1, {(const uint8_t *)"z", 1}};
  int64_t *v = mg_map_lookup(&m_blank, m, &probe);
  CHECK(v && *v == 77);
}

static mg_iface box_int64(int64_t v) {
  int64_t *p = mg_alloc(8);
  *p = v;
  return (mg_iface){&t_int64, p};
}

static mg_iface box_int(mg_int v) {
  mg_int *p = mg_alloc(sizeof *p);
  *p = v;
  return (mg_iface){&t_int, p};
}

static mg_iface box_string(const char *s) {
  mg_string *p = mg_alloc(sizeof *p);
  mg_string_make(p, s, (mg_int)strlen(s));
  return (mg_iface){&t_string, p};
}

// Interface keys are equal when their dynamic types and values are.
static void test_iface_keys(void) {
  mg_map *m = mg_map_make(&m_any, 0);
  mg_iface keys[] = {box_int(1), box_int64(1), box_string("1"), {NULL, NULL},
                     box_int(2)};
  for (int i = 0; i < 5; i++)
    *(int64_t *)mg_map_assign(&m_any, m, &keys[i]) = i;
  CHECK(len_of(m) == 5);
  mg_iface again[] = {box_int(1), box_int64(1), box_string("1"), {NULL, NULL}, box_int(2)};
  int bad = 0;
  for (int i = 0; i < 5; i++) {
    int64_t *v = mg_map_lookup(&m_any, m, &again[i]);
    if (!v || *v != i)
      bad++;
  }
  CHECK(bad == 0);
  mg_iface absent = box_int64(2);
  CHECK(mg_map_lookup(&m_any, m, &absent) == NULL);
  // Pointers as dynamic values: direct interfaces, by identity.
  int64_t obj;
  mg_iface p1 = {&t_ptr, &obj}, p2 = {&t_ptr, &obj};
  *(int64_t *)mg_map_assign(&m_any, m, &p1) = 9;
  CHECK(*(int64_t *)mg_map_access(&m_any, m, &p2) == 9);
  // Arrays of interfaces, compared element-wise.
  mg_map *ma = mg_map_make(&m_any2, 0);
  mg_iface pair1[2] = {box_int(1), box_string("a")}, pair2[2] = {box_int(1), box_string("a")};
  *(int64_t *)mg_map_assign(&m_any2, ma, pair1) = 5;
  CHECK(*(int64_t *)mg_map_access(&m_any2, ma, pair2) == 5);
}

// ---- panics, each in a child process whose stderr is compared


static mg_iface unhashable(void) {
  mg_slice *s = mg_alloc(sizeof *s);
  return (mg_iface){&t_ints, s};
}

static void assign_nil(void) {
  int64_t k = 1;
  mg_map_assign(&m_int64, NULL, &k);
}
static void assign_nil_fast(void) {
  mg_map_assign_fast64(&m_int64, NULL, 1);
}
static void access_nil_unhashable(void) {
  mg_iface k = unhashable();
  mg_map_access(&m_any, NULL, &k);
}
static void lookup_empty_unhashable(void) {
  mg_iface k = unhashable();
  mg_map_lookup(&m_any, mg_map_make(&m_any, 0), &k);
}
static void delete_nil_unhashable(void) {
  mg_iface k = unhashable();
  mg_map_delete(&m_any, NULL, &k);
}
static void assign_unhashable(void) {
  mg_iface k = unhashable();
  mg_map_assign(&m_any, mg_map_make(&m_any, 0), &k);
}
static void assign_unhashable_in_array(void) {
  mg_iface k[2] = {box_int(1), unhashable()};
  mg_map_assign(&m_any2, mg_map_make(&m_any2, 0), k);
}

static void test_panics(void) {
  const char *nil_map = "panic: assignment to entry in nil map\n";
  const char *unhash = "panic: runtime error: hash of unhashable type []int\n";
  expect_exit2("assign to nil map", assign_nil, nil_map);
  expect_exit2("assign to nil map (fast)", assign_nil_fast, nil_map);
  expect_exit2("access nil map, unhashable key", access_nil_unhashable, unhash);
  expect_exit2("lookup empty map, unhashable key", lookup_empty_unhashable, unhash);
  expect_exit2("delete nil map, unhashable key", delete_nil_unhashable, unhash);
  expect_exit2("assign unhashable key", assign_unhashable, unhash);
  expect_exit2("assign array holding unhashable", assign_unhashable_in_array, unhash);
}

// The nil-map panic is a runtime.Error (runtime.plainError), as recover()
// sees it in Go.
static mg_iface recovered;
static void on_panic(void *env, const mg_iface *v) {
  (void)env;
  recovered = *v;
}
static void assign_nil_method(mg_string *out, void *token, void *data) {
  (void)out, (void)token, (void)data;
  assign_nil();
}

static void test_nil_maps(void) {
  int64_t k = 5;
  CHECK(mg_map_lookup(&m_int64, NULL, &k) == NULL);
  CHECK(*(int64_t *)mg_map_access(&m_int64, NULL, &k) == 0);
  CHECK(*(int64_t *)mg_map_access_fast64(&m_int64, NULL, 5) == 0);
  mg_map_delete(&m_int64, NULL, &k);
  mg_map_iter it;
  mg_map_iter_init(&m_int64, NULL, &it);
  CHECK(it.key == NULL);
  mg_iface hashable = box_int(3);
  CHECK(mg_map_lookup(&m_any, NULL, &hashable) == NULL);
  mg_recovering r;
  mg_recovering_init(&r, on_panic, NULL);
  mg_string out;
  CHECK(mg_call_recovering(&r, assign_nil_method, &out, NULL));
  CHECK(recovered.type == &mg_type_runtime_plainError);
  uint8_t storage[64];
  mg_buf b;
  mg_buf_init(&b, storage, sizeof storage);
  mg_error_write(&b, &recovered);
  CHECK(b.len == 30 && memcmp(b.p, "assignment to entry in nil map", 30) == 0);
}

// Maps hold the only references to objects: keys (heap strings) and
// values (pointers) survive collections, in a table that grows meanwhile.
static void test_gc(void) {
  enum { N = 20000 };
  mg_map *m = mg_map_make(&m_ptrs, 0);
  mg_map *ms = mg_map_make(&m_strstr, 0);
  for (int64_t k = 0; k < N; k++) {
    int64_t *obj = mg_alloc(sizeof *obj);
    *obj = k * 3;
    *(int64_t **)mg_map_assign(&m_ptrs, m, &k) = obj;
    mg_string key = key_string(k), val = key_string(k + 1);
    *(mg_string *)mg_map_assign(&m_strstr, ms, &key) = val;
    if (k % 2000 == 0)
      GC_gcollect();
  }
  for (int i = 0; i < 3; i++) {
    GC_gcollect();
    for (int64_t j = 0; j < 10000; j++)  // garbage that reuses freed memory
      memset(mg_alloc(24), 0xAB, 24);
  }
  int bad = 0;
  for (int64_t k = 0; k < N; k++) {
    int64_t **p = mg_map_lookup(&m_ptrs, m, &k);
    if (!p || **p != k * 3)
      bad++;
    mg_string key = key_string(k), want = key_string(k + 1);
    mg_string *v = mg_map_lookup(&m_strstr, ms, &key);
    if (!v || !mg_string_equal(v, &want))
      bad++;
  }
  int iterated = 0;
  mg_map_iter it;
  for (mg_map_iter_init(&m_strstr, ms, &it); it.key; mg_map_iter_next(&it)) {
    int64_t k = parse_key(it.key);
    mg_string want = key_string(k + 1);
    iterated += mg_string_equal(it.elem, &want);
  }
  CHECK(bad == 0);
  CHECK(iterated == N);
}

// The hash: no collisions among many small keys, different per seed,
// and equal for equal strings wherever their bytes are.
static void test_hash(void) {
  enum { N = 1 << 16 };
  uint64_t *hs = malloc(N * sizeof *hs);
  uint64_t seed = mg_hash_seed();
  for (int i = 0; i < N; i++)
    hs[i] = mg_hash_u64((uint64_t)i, seed);
  int collisions = 0;
  for (int i = 0; i < N; i++)
    for (int j = i + 1; j < i + 64 && j < N; j++)
      collisions += hs[i] == hs[j];
  CHECK(collisions == 0);
  // The low 7 bits (fingerprints) are spread: each value about N/128 times.
  int counts[128] = {0}, worst = 0;
  for (int i = 0; i < N; i++)
    counts[hs[i] & 127]++;
  for (int i = 0; i < 128; i++)
    worst = abs(counts[i] - N / 128) > worst ? abs(counts[i] - N / 128) : worst;
  CHECK(worst < N / 128 / 4);
  free(hs);
  CHECK(mg_hash_u64(1, seed) != mg_hash_u64(1, mg_hash_seed()));
  char a[100], b[101];
  for (int n = 0; n <= 99; n++) {
    for (int i = 0; i < n; i++)
      a[i] = b[i + 1] = (char)('a' + i % 26);
    if (mg_hash_bytes(a, (size_t)n, seed) != mg_hash_bytes(b + 1, (size_t)n, seed))
      collisions++;
    if (n > 0) {
      b[1 + n - 1] ^= 1;  // one bit in the last byte
      if (mg_hash_bytes(a, (size_t)n, seed) == mg_hash_bytes(b + 1, (size_t)n, seed))
        collisions++;
    }
  }
  CHECK(collisions == 0);
}

// fmtsort's order, by Go's rules: NaN first, then numbers in order.
static void test_sorted(void) {
  mg_map *m = mg_map_make(&m_float, 0);
  double keys[] = {2.5, INFINITY, -1, NAN, -INFINITY, 0, NAN, 1e300};
  double want[] = {NAN, NAN, -INFINITY, -1, 0, 2.5, 1e300, INFINITY};
  for (int i = 0; i < 8; i++)
    *(int64_t *)mg_map_assign(&m_float, m, &keys[i]) = i;
  mg_int n;
  mg_map_entry *e = mg_map_sorted(&m_float, m, &n);
  bool ok = n == 8;
  for (int i = 0; ok && i < 8; i++) {
    double k = *(const double *)e[i].key;
    ok = isnan(want[i]) ? isnan(k) : k == want[i];
  }
  CHECK(ok);
  // Interfaces: nil first, then by type (Go orders basic types by name),
  // then by value.
  mg_map *mi = mg_map_make(&m_any, 0);
  mg_iface ks[] = {box_string("b"), box_int(2), {NULL, NULL}, box_int64(-5), box_int(-1),
                   box_string("a")};
  for (int i = 0; i < 6; i++)
    *(int64_t *)mg_map_assign(&m_any, mi, &ks[i]) = i;
  e = mg_map_sorted(&m_any, mi, &n);
  int64_t order[6];
  for (int i = 0; i < 6 && i < n; i++)
    order[i] = *(const int64_t *)e[i].elem;
  CHECK(n == 6 && order[0] == 2 && order[1] == 4 && order[2] == 1 && order[3] == 3 &&
        order[4] == 5 && order[5] == 0);
  CHECK(mg_map_sorted(&m_any, NULL, &n) == NULL && n == 0);
}

MG_TEST_MAIN(test_hash, test_random_int, test_random_string, test_int32_keys, test_tombstones,
             test_growth, test_iterate_deleting, test_iterate_growing_all,
             test_iterate_growing_complete, test_iterate_random_start, test_float_keys,
             test_struct_keys, test_iface_keys, test_nil_maps, test_panics, test_gc,
             test_sorted)
