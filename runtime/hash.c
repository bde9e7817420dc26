// hash.c: the hashes of map keys. Bytes hash with a function of wyhash's
// design (Wang Yi's, public domain): 128-bit multiply-and-fold rounds,
// fast and of good quality on short keys. Each map has its own random
// seed, drawn from a generator seeded by the kernel's AT_RANDOM bytes, so
// that no input can be prepared to collide in every run.
#include "internal.h"

#include <string.h>
#include <sys/auxv.h>

#define K2 0x8ebc6af09c88c6e3ull
#define K3 0x589965cc75374cc3ull

static inline uint64_t read8(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static inline uint64_t read4(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

// 1 to 3 bytes: the first, middle and last, which covers each of them.
static inline uint64_t read_small(const uint8_t *p, size_t n) {
  return (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
}

// More than 16 bytes: rounds of 16 (three lanes of 48 bytes at a time
// for long inputs), the last 16 bytes read again at the end.
static uint64_t hash_long(const uint8_t *p, size_t n, uint64_t *seed, uint64_t *b) {
  size_t i = n;
  uint64_t s = *seed;
  if (i > 48) {
    uint64_t s1 = s, s2 = s;
    do {
      s = mg_mix(read8(p) ^ MG_HASH_K1, read8(p + 8) ^ s);
      s1 = mg_mix(read8(p + 16) ^ K2, read8(p + 24) ^ s1);
      s2 = mg_mix(read8(p + 32) ^ K3, read8(p + 40) ^ s2);
      p += 48;
      i -= 48;
    } while (i > 48);
    s ^= s1 ^ s2;
  }
  while (i > 16) {
    s = mg_mix(read8(p) ^ MG_HASH_K1, read8(p + 8) ^ s);
    i -= 16;
    p += 16;
  }
  *seed = s;
  *b = read8(p + i - 8);
  return read8(p + i - 16);
}

uint64_t mg_hash_bytes(const void *key, size_t n, uint64_t seed) {
  const uint8_t *p = key;
  uint64_t a, b;
  if (n <= 16) {
    if (n >= 4) {
      size_t mid = (n >> 3) << 2;
      a = read4(p) << 32 | read4(p + mid);
      b = read4(p + n - 4) << 32 | read4(p + n - 4 - mid);
    } else if (n > 0) {
      a = read_small(p, n);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    a = hash_long(p, n, &seed, &b);
  }
  a ^= MG_HASH_K1;
  b ^= seed;
  mg_mum(&a, &b);
  return mg_mix(a ^ MG_HASH_K0 ^ n, b ^ MG_HASH_K1);
}

// ---- randomness

static uint64_t random_state;

static void random_init(void) {
  const uint8_t *r = (const uint8_t *)getauxval(AT_RANDOM);
  uint64_t s = 0x2d358dccaa6c78a5ull;
  if (r)
    s ^= read8(r) ^ mg_mix(read8(r + 8), K2);
  random_state = s | 1;
}

// wyrand: a 64-bit counter through one round of the mixer.
uint64_t mg_random(void) {
  if (!random_state)
    random_init();
  random_state += 0xa0761d6478bd642full;
  return mg_mix(random_state, random_state ^ MG_HASH_K1);
}

uint64_t mg_hash_seed(void) {
  uint64_t s = mg_random();
  return s ^ mg_mix(s ^ MG_HASH_K0, MG_HASH_K1);
}

// ---- hashing by type

static uint64_t hash_f64(double f, uint64_t seed) {
  if (f == 0)
    f = 0;  // -0 hashes as +0, since they are ==
  else if (f != f)
    return mg_random() ^ seed;  // NaN != NaN: any hash will do, a random one spreads them
  uint64_t bits;
  memcpy(&bits, &f, 8);
  return mg_hash_u64(bits, seed);
}

static uint64_t hash_f32(float f, uint64_t seed) {
  if (f == 0)
    f = 0;
  else if (f != f)
    return mg_random() ^ seed;
  uint32_t bits;
  memcpy(&bits, &f, 4);
  return mg_hash_u32(bits, seed);
}

// Go's interhash: the value an interface holds, which must be comparable.
static uint64_t hash_iface(const mg_type *t, const mg_iface *v, uint64_t seed) {
  const mg_type *dyn = mg_iface_type(t, v);
  if (!dyn)
    return mg_hash_u64(0, seed);
  if (!mg_type_comparable(dyn))
    mg_panic_rt_error("hash of unhashable type ", &dyn->name);
  mg_iface e = {dyn, v->data};
  return mg_hash_value(dyn, mg_iface_value(&e), seed ^ (uintptr_t)dyn);
}

static uint64_t hash_struct(const mg_type *t, const uint8_t *p, uint64_t seed) {
  for (mg_int i = 0; i < t->len; i++) {
    const mg_field *f = &t->fields[i];
    if (!mg_field_is_blank(f))
      seed = mg_hash_value(f->type, p + f->offset, seed);
  }
  return seed;
}

uint64_t mg_hash_value(const mg_type *t, const void *p, uint64_t seed) {
  switch (t->kind) {
  case MG_STRING: {
    const mg_string *s = p;
    return mg_hash_bytes(s->ptr, (size_t)s->len, seed);
  }
  case MG_FLOAT32: return hash_f32(*(const float *)p, seed);
  case MG_FLOAT64: return hash_f64(*(const double *)p, seed);
  case MG_COMPLEX64:
    return hash_f32(((const float *)p)[1], hash_f32(((const float *)p)[0], seed));
  case MG_COMPLEX128:
    return hash_f64(((const double *)p)[1], hash_f64(((const double *)p)[0], seed));
  case MG_IFACE: return hash_iface(t, p, seed);
  case MG_ARRAY:
    for (mg_int i = 0; i < t->len; i++)
      seed = mg_hash_value(t->elem, (const uint8_t *)p + (size_t)i * t->elem->size, seed);
    return seed;
  case MG_STRUCT: return hash_struct(t, p, seed);
  // mg_iface_equal compares the runtime's error values by their pointer
  // or by fields that are rarely keys: one hash for all of them is
  // consistent with it.
  case MG_ERROR_VALUE: return seed;
  case MG_SLICE:
  case MG_FUNC:
  case MG_MAP: mg_panic_rt_error("hash of unhashable type ", &t->name);
  default:
    // Integers, bools, pointers (and MG_ERROR_PTR's pointer).
    if (t->size == 8)
      return mg_hash_u64(*(const uint64_t *)p, seed);
    if (t->size == 4)
      return mg_hash_u32(*(const uint32_t *)p, seed);
    return mg_hash_bytes(p, t->size, seed);
  }
}

bool mg_hash_may_panic(const mg_type *t) {
  switch (t->kind) {
  case MG_IFACE: return true;
  case MG_ARRAY: return t->len > 0 && mg_hash_may_panic(t->elem);
  case MG_STRUCT:
    for (mg_int i = 0; i < t->len; i++)
      if (!mg_field_is_blank(&t->fields[i]) && mg_hash_may_panic(t->fields[i].type))
        return true;
    return false;
  default: return false;
  }
}

bool mg_type_is_memory(const mg_type *t) {
  switch (t->kind) {
  case MG_BOOL:
  case MG_CHAN:
  case MG_PTR: return true;
  case MG_ARRAY: return mg_type_is_memory(t->elem);
  case MG_STRUCT: {
    // Padding bytes need not be equal in equal values: every byte must
    // belong to a field, in order.
    mg_int end = 0;
    for (mg_int i = 0; i < t->len; i++) {
      const mg_field *f = &t->fields[i];
      if (mg_field_is_blank(f) || f->offset != end || !mg_type_is_memory(f->type))
        return false;
      end += f->type->size;
    }
    return end == (mg_int)t->size;
  }
  default: return t->kind >= MG_INT && t->kind <= MG_UINTPTR;
  }
}
