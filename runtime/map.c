// map.c: Go's maps as a Swiss table (Abseil's design, as Go 1.24's
// internal/runtime/maps adopted it, here with one table per map that
// grows by rehashing).
//
// The table is a power-of-two number of groups of 8 slots, each slot a key
// and its value stored inline, and one control word per group, a control
// byte per slot. The control words come first, all together, then the
// slots: a big map's control words stay in the cache where its slots
// cannot, so that a miss usually reads no slot at all and a hit reads one.
// A key's 64-bit hash picks the first group to look in
// (bits 7 up) and gives a 7-bit fingerprint (bits 0-6) kept in the control
// byte of a full slot, so that one group's candidates are found with a few
// word operations on its control word (SWAR: the same code on amd64, arm
// and arm64, no vector unit needed), and keys are compared only where a
// fingerprint matches. A probe visits groups in triangular steps, which
// reach every group of a power-of-two table, and stops at a group with an
// empty slot: the key would have been put there.
//
// A deleted slot becomes empty again when its group has an empty slot (no
// probe went past that group), and a tombstone otherwise. The table grows
// (or, when it is mostly tombstones, is rebuilt at its size) when an insert
// would fill more than 7/8 of it with entries and tombstones.
#include "internal.h"

#include <string.h>

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "map.c reads a group's control bytes as a little-endian word"
#endif

enum { SLOTS = 8, CTRL_BYTES = 8 };
#define LSB 0x0101010101010101ull
#define MSB 0x8080808080808080ull
// Control bytes. Empty is zero, so that freshly allocated (zeroed) memory
// is an empty table; a full slot has the high bit and its fingerprint.
enum { CTRL_EMPTY = 0x00, CTRL_DELETED = 0x7f, CTRL_FULL = 0x80 };

// How keys are hashed and compared, chosen once at make: the common key
// kinds get inline code, the rest the generic functions of hash.c and
// iface.c.
enum key_class {
  KEY_GENERIC,  // mg_hash_value and mg_value_equal
  KEY_MEM8,     // 8 bytes compared as memory (int64, pointers on 64-bit, ...)
  KEY_MEM4,     // 4 bytes compared as memory
  KEY_MEM,      // key_size bytes compared as memory
  KEY_STRING,
};

struct mg_map {
  mg_int count;         // len(m): first, compiled code loads it
  uint8_t *ctrl;        // the table: NULL until the first insert
  uint8_t *slots;       // its slots, after the control words
  mg_uint mask;         // number of groups - 1
  mg_uint growth_left;  // empty slots that may still be filled before a rehash
  uint64_t seed;
  const mg_type *key;
  uint32_t key_size, elem_offset, slot_size;
  uint8_t key_class;
  bool noscan;          // neither keys nor values hold pointers
  bool hash_may_panic;  // the key is or holds an interface
  // Assigning to a present key stores the key again, as Go does for keys
  // whose equal values may differ (m[-0.0] after m[+0.0] keeps -0).
  bool update_key;
};

// ---- control words

static inline uint64_t ctrl_word(const uint8_t *group) {
  uint64_t w;
  memcpy(&w, group, sizeof w);
  return w;
}

// The high bit of each byte equal to the byte repeated in want. A byte just
// above a true match may show as a false one (a borrow); keys are compared
// anyway.
static inline uint64_t match_byte(uint64_t w, uint64_t want) {
  uint64_t x = w ^ want;
  return (x - LSB) & ~x & MSB;
}

// Exact: only an empty byte (0x00) borrows, and the byte above it, if not
// empty itself, is a tombstone (0x7f, which a borrow leaves with its high
// bit clear) or full (high bit set, masked by ~w).
static inline uint64_t match_empty(uint64_t w) {
  return (w - LSB) & ~w & MSB;
}

static inline uint64_t match_free(uint64_t w) {  // empty or deleted
  return ~w & MSB;
}

static inline uint64_t match_full(uint64_t w) {
  return w & MSB;
}

static inline unsigned first_slot(uint64_t bits) {
  return (unsigned)__builtin_ctzll(bits) >> 3;
}

static inline uint8_t fingerprint(uint64_t h) {
  return (uint8_t)(CTRL_FULL | (h & 0x7f));
}

static inline uint8_t *ctrl_at(uint8_t *table, mg_uint g) {
  return table + (size_t)g * CTRL_BYTES;
}

static inline uint8_t *slots_of(uint8_t *table, mg_uint mask) {
  return table + (size_t)(mask + 1) * CTRL_BYTES;
}

static inline uint8_t *slot_at(const mg_map *m, uint8_t *slots, mg_uint g, unsigned i) {
  return slots + ((size_t)g * SLOTS + i) * m->slot_size;
}

// ---- keys

#define INLINE static inline __attribute__((always_inline))

INLINE uint64_t key_hash(const mg_map *m, int cls, const void *key) {
  switch (cls) {
  case KEY_MEM8: {
    uint64_t k;
    memcpy(&k, key, 8);
    return mg_hash_u64(k, m->seed);
  }
  case KEY_MEM4: {
    uint32_t k;
    memcpy(&k, key, 4);
    return mg_hash_u32(k, m->seed);
  }
  case KEY_MEM: return mg_hash_bytes(key, m->key_size, m->seed);
  case KEY_STRING: {
    const mg_string *s = key;
    return mg_hash_bytes(s->ptr, (size_t)s->len, m->seed);
  }
  default: return mg_hash_value(m->key, key, m->seed);
  }
}

INLINE bool key_equal(const mg_map *m, int cls, const void *a, const void *b) {
  switch (cls) {
  case KEY_MEM8: {
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return x == y;
  }
  case KEY_MEM4: {
    uint32_t x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return x == y;
  }
  case KEY_MEM: return memcmp(a, b, m->key_size) == 0;
  case KEY_STRING: {
    const mg_string *x = a, *y = b;
    return x->len == y->len && (x->ptr == y->ptr || memcmp(x->ptr, y->ptr, (size_t)x->len) == 0);
  }
  default: return mg_value_equal(m->key, a, b);
  }
}

// ---- the table

// A table of at least this many groups outgrows the L2 cache: a lookup
// there fetches the slots of its first group while it reads the control
// word, so that a hit waits for one memory access rather than two in turn.
// Entries fill a group's slots from the first, so the first two lines of
// slots hold most of them.
enum { PREFETCH_GROUPS = 1 << 12, PREFETCH_BYTES = 128 };

static inline void prefetch_slots(const mg_map *m, mg_uint g) {
  const uint8_t *first = slot_at(m, m->slots, g, 0);
  size_t bytes = SLOTS * m->slot_size;
  for (size_t off = 0; off < bytes && off < PREFETCH_BYTES; off += 64)
    __builtin_prefetch(first + off);
}

// The slot holding key (hash h), or NULL; *group and *index say where.
INLINE uint8_t *find(const mg_map *m, int cls, const void *key, uint64_t h,
                     uint8_t **group, unsigned *index) {
  uint64_t want = LSB * fingerprint(h);
  mg_uint mask = m->mask, g = (mg_uint)(h >> 7) & mask;
  if (mask >= PREFETCH_GROUPS)
    prefetch_slots(m, g);
  for (mg_uint step = 1;; step++) {
    uint8_t *grp = ctrl_at(m->ctrl, g);
    uint64_t w = ctrl_word(grp);
    for (uint64_t bits = match_byte(w, want); bits; bits &= bits - 1) {
      uint8_t *slot = slot_at(m, m->slots, g, first_slot(bits));
      if (key_equal(m, cls, key, slot)) {
        *group = grp;
        *index = first_slot(bits);
        return slot;
      }
    }
    if (match_empty(w))
      return NULL;
    g = (g + step) & mask;
  }
}

// The first free slot on h's probe sequence, where a key known to be
// absent goes: its group, and its index there.
static mg_uint free_slot(const mg_map *m, uint64_t h, unsigned *index) {
  mg_uint mask = m->mask, g = (mg_uint)(h >> 7) & mask;
  for (mg_uint step = 1;; step++) {
    uint64_t free = match_free(ctrl_word(ctrl_at(m->ctrl, g)));
    if (free) {
      *index = first_slot(free);
      return g;
    }
    g = (g + step) & mask;
  }
}

// Fills free slot index of group g with a key of hash h: returns the slot.
static uint8_t *fill_slot(mg_map *m, mg_uint g, unsigned index, uint64_t h) {
  uint8_t *ctrl = ctrl_at(m->ctrl, g);
  if (ctrl[index] == CTRL_EMPTY)
    m->growth_left--;
  ctrl[index] = fingerprint(h);
  return slot_at(m, m->slots, g, index);
}

// The most groups a table may have: its bytes must be a valid size.
static mg_uint max_groups(const mg_map *m) {
  return (mg_uint)(PTRDIFF_MAX / 2) / (CTRL_BYTES + SLOTS * m->slot_size);
}

static void table_alloc(mg_map *m, mg_uint ngroups) {
  if (ngroups > max_groups(m))
    mg_throw("runtime: out of memory");
  mg_int bytes = (mg_int)(ngroups * (CTRL_BYTES + SLOTS * m->slot_size));
  m->ctrl = m->noscan ? mg_alloc_noscan(bytes) : mg_alloc(bytes);
  m->mask = ngroups - 1;
  m->slots = slots_of(m->ctrl, m->mask);
  m->growth_left = ngroups * (SLOTS - 1);  // 7/8 of the slots
}

static uint64_t hash_any(const mg_map *m, const void *key) {
  switch (m->key_class) {
  case KEY_MEM8: return key_hash(m, KEY_MEM8, key);
  case KEY_MEM4: return key_hash(m, KEY_MEM4, key);
  case KEY_MEM: return key_hash(m, KEY_MEM, key);
  case KEY_STRING: return key_hash(m, KEY_STRING, key);
  default: return key_hash(m, KEY_GENERIC, key);
  }
}

// Moves every entry into a new table of ngroups groups.
static void resize(mg_map *m, mg_uint ngroups) {
  uint8_t *old = m->ctrl, *old_slots = m->slots;
  mg_uint old_groups = m->mask + 1;
  table_alloc(m, ngroups);
  for (mg_uint g = 0; g < old_groups; g++) {
    for (uint64_t full = match_full(ctrl_word(ctrl_at(old, g))); full; full &= full - 1) {
      const uint8_t *slot = slot_at(m, old_slots, g, first_slot(full));
      uint64_t h = hash_any(m, slot);
      unsigned index;
      mg_uint to = free_slot(m, h, &index);
      memcpy(fill_slot(m, to, index, h), slot, m->slot_size);
    }
  }
  // The old table is left to the collector: an iterator may still walk
  // it. (Freeing it at once when none does lowered no peak measured.)
}

// Makes room for one more entry: doubles the table, or rebuilds it at its
// size when tombstones rather than entries fill it.
static void grow(mg_map *m) {
  mg_uint ngroups = m->mask + 1;
  bool crowded = (mg_uint)m->count * 2 >= ngroups * (SLOTS - 1);
  resize(m, crowded ? ngroups * 2 : ngroups);
}

// The groups a table needs for hint entries, a power of two.
static mg_uint groups_for(mg_uint hint) {
  mg_uint n = 1;
  while (n * (SLOTS - 1) < hint)
    n *= 2;
  return n;
}

// ---- operations by key class, inlined into each entry point

INLINE void *lookup_in(const mg_map *m, int cls, const void *key) {
  uint8_t *group;
  unsigned index;
  uint8_t *slot = find(m, cls, key, key_hash(m, cls, key), &group, &index);
  return slot ? slot + m->elem_offset : NULL;
}

INLINE void *assign_in(mg_map *m, int cls, const void *key) {
  uint64_t h = key_hash(m, cls, key);
  if (!m->ctrl)
    table_alloc(m, 1);
  uint8_t *group;
  unsigned index;
  uint8_t *slot = find(m, cls, key, h, &group, &index);
  if (slot) {
    if (m->update_key)
      memcpy(slot, key, m->key_size);
    return slot + m->elem_offset;
  }
  mg_uint g = free_slot(m, h, &index);
  if (ctrl_at(m->ctrl, g)[index] == CTRL_EMPTY && m->growth_left == 0) {
    grow(m);
    g = free_slot(m, h, &index);
  }
  slot = fill_slot(m, g, index, h);
  memcpy(slot, key, m->key_size);
  m->count++;
  return slot + m->elem_offset;
}

INLINE void delete_in(mg_map *m, int cls, const void *key) {
  uint8_t *group;
  unsigned index;
  uint8_t *slot = find(m, cls, key, key_hash(m, cls, key), &group, &index);
  if (!slot)
    return;
  m->count--;
  // Cleared, so that the collector does not keep what it referenced.
  memset(slot, 0, m->slot_size);
  if (match_empty(ctrl_word(group))) {
    group[index] = CTRL_EMPTY;
    m->growth_left++;
  } else {
    group[index] = CTRL_DELETED;
  }
}

#define DISPATCH(m, call)                                \
  switch ((m)->key_class) {                              \
  case KEY_MEM8: return call(KEY_MEM8);                  \
  case KEY_MEM4: return call(KEY_MEM4);                  \
  case KEY_MEM: return call(KEY_MEM);                    \
  case KEY_STRING: return call(KEY_STRING);              \
  default: return call(KEY_GENERIC);                     \
  }

INLINE void *lookup_any(const mg_map *m, const void *key) {
#define LOOKUP(cls) lookup_in(m, cls, key)
  DISPATCH(m, LOOKUP)
#undef LOOKUP
}

// ---- zero values

// What m[k] reads for an absent key: never written.
static const uint64_t zero_small[128];
static void *zero_big;
static size_t zero_big_size;

static void *zero_value_big(size_t size) {
  if (size > zero_big_size) {
    zero_big = mg_alloc_noscan((mg_int)size);
    zero_big_size = size;
  }
  return zero_big;
}

INLINE void *zero_value(size_t size) {
  return size <= sizeof zero_small ? (void *)zero_small : zero_value_big(size);
}

// ---- making a map

static size_t type_align(const mg_type *t) {
  switch (t->kind) {
  case MG_BOOL:
  case MG_INT8:
  case MG_UINT8: return 1;
  case MG_INT16:
  case MG_UINT16: return 2;
  case MG_INT32:
  case MG_UINT32:
  case MG_FLOAT32:
  case MG_COMPLEX64: return 4;
  case MG_INT64:
  case MG_UINT64: return _Alignof(int64_t);
  case MG_FLOAT64:
  case MG_COMPLEX128: return _Alignof(double);
  case MG_INT:
  case MG_UINT:
  case MG_UINTPTR: return _Alignof(mg_int);
  case MG_ARRAY: return type_align(t->elem);
  case MG_STRUCT: {
    size_t a = 1;
    for (mg_int i = 0; i < t->len; i++) {
      size_t fa = type_align(t->fields[i].type);
      a = fa > a ? fa : a;
    }
    return a;
  }
  default: return _Alignof(void *);  // strings, slices, interfaces, pointers...
  }
}

bool mg_type_has_pointers(const mg_type *t) {
  switch (t->kind) {
  case MG_ARRAY: return t->len > 0 && mg_type_has_pointers(t->elem);
  case MG_STRUCT:
    for (mg_int i = 0; i < t->len; i++)
      if (mg_type_has_pointers(t->fields[i].type))
        return true;
    return false;
  case MG_BOOL:
  case MG_FLOAT32:
  case MG_FLOAT64:
  case MG_COMPLEX64:
  case MG_COMPLEX128: return false;
  default: return !(t->kind >= MG_INT && t->kind <= MG_UINTPTR);
  }
}

static uint8_t key_class_of(const mg_type *k) {
  if (k->kind == MG_STRING)
    return KEY_STRING;
  if (!mg_type_is_memory(k))
    return KEY_GENERIC;
  return k->size == 8 ? KEY_MEM8 : k->size == 4 ? KEY_MEM4 : KEY_MEM;
}

static size_t align_up(size_t n, size_t a) {
  return (n + a - 1) & ~(a - 1);
}

mg_map *mg_map_make(const mg_type *mt, mg_int hint) {
  const mg_type *k = mt->key, *e = mt->elem;
  mg_map *m = mg_alloc(sizeof *m);
  m->seed = mg_hash_seed();
  m->key = k;
  m->key_class = key_class_of(k);
  m->hash_may_panic = mg_hash_may_panic(k);
  m->update_key = !mg_type_is_memory(k);
  m->noscan = !mg_type_has_pointers(k) && !mg_type_has_pointers(e);
  size_t ka = type_align(k), ea = type_align(e);
  m->key_size = k->size;
  m->elem_offset = (uint32_t)align_up(k->size, ea);
  m->slot_size = (uint32_t)align_up(m->elem_offset + e->size, ka > ea ? ka : ea);
  // Go's makemap: a hint that cannot be met is no hint. Small maps get
  // their table at the first insert.
  if (hint > SLOTS - 1 && (mg_uint)hint / SLOTS < max_groups(m))
    table_alloc(m, groups_for((mg_uint)hint));
  return m;
}

// ---- the entry points

// Go hashes the key of an empty or nil map when hashing can panic, so that
// m[k] with an unhashable k panics whatever m holds.
static void hash_for_panic(const mg_type *mt, const mg_map *m, const void *key) {
  if (m ? m->hash_may_panic : mg_hash_may_panic(mt->key))
    (void)mg_hash_value(mt->key, key, 0);
}

void *mg_map_lookup(const mg_type *mt, mg_map *m, const void *key) {
  if (!m || m->count == 0) {
    hash_for_panic(mt, m, key);
    return NULL;
  }
  return lookup_any(m, key);
}

void *mg_map_access(const mg_type *mt, mg_map *m, const void *key) {
  void *v = NULL;
  if (!m || m->count == 0)
    hash_for_panic(mt, m, key);
  else
    v = lookup_any(m, key);
  return v ? v : zero_value(mt->elem->size);
}

static noreturn void panic_nil_map(void) {
  mg_panic_plain("assignment to entry in nil map");
}

void *mg_map_assign(const mg_type *mt, mg_map *m, const void *key) {
  (void)mt;
  if (!m) {
    hash_for_panic(mt, m, key);
    panic_nil_map();
  }
#define ASSIGN(cls) assign_in(m, cls, key)
  DISPATCH(m, ASSIGN)
#undef ASSIGN
}

void mg_map_delete(const mg_type *mt, mg_map *m, const void *key) {
  if (!m || m->count == 0) {
    hash_for_panic(mt, m, key);
    return;
  }
#define DELETE(cls) delete_in(m, cls, key)
  DISPATCH(m, DELETE)
#undef DELETE
}

// The fast forms: the key class is known from the key type.
#define FAST_FORMS(suffix, cls, key_type, key_ref)                                  \
  void *mg_map_lookup_##suffix(const mg_type *mt, mg_map *m, key_type key) {        \
    (void)mt;                                                                      \
    return m && m->count ? lookup_in(m, cls, key_ref) : NULL;                      \
  }                                                                                \
  void *mg_map_access_##suffix(const mg_type *mt, mg_map *m, key_type key) {        \
    void *v = m && m->count ? lookup_in(m, cls, key_ref) : NULL;                   \
    return v ? v : zero_value(mt->elem->size);                                     \
  }                                                                                \
  void *mg_map_assign_##suffix(const mg_type *mt, mg_map *m, key_type key) {        \
    (void)mt;                                                                      \
    if (!m)                                                                        \
      panic_nil_map();                                                             \
    return assign_in(m, cls, key_ref);                                             \
  }
FAST_FORMS(fast64, KEY_MEM8, uint64_t, &key)
FAST_FORMS(fast32, KEY_MEM4, int, &key)
FAST_FORMS(faststr, KEY_STRING, const mg_string *, key)

// ---- iteration

void mg_map_iter_init(const mg_type *mt, mg_map *m, mg_map_iter *it) {
  (void)mt;
  memset(it, 0, sizeof *it);
  if (!m || m->count == 0)
    return;
  it->map = m;
  it->groups = m->ctrl;
  it->mask = m->mask;
  // Go's random start: a random group, and a random rotation of the
  // slots within each group.
  it->start = (mg_uint)mg_random();
  mg_map_iter_next(it);
}

// The entry in slot of a table the map has replaced: the map's current
// entry for that key, if it still has one. A key not equal to itself (NaN)
// cannot have been deleted or updated, nor be looked up: it is the entry.
static bool current_entry(mg_map_iter *it, uint8_t *slot) {
  mg_map *m = it->map;
  if (m->key_class == KEY_GENERIC && !mg_value_equal(m->key, slot, slot)) {
    it->key = slot;
    it->elem = slot + m->elem_offset;
    return true;
  }
  uint8_t *elem = m->count ? lookup_any(m, slot) : NULL;
  if (!elem)
    return false;
  it->key = elem - m->elem_offset;
  it->elem = elem;
  return true;
}

void mg_map_iter_next(mg_map_iter *it) {
  mg_map *m = it->map;
  if (!m)
    return;
  mg_uint n = (it->mask + 1) * SLOTS, start_group = it->start / SLOTS;
  uint8_t *table = it->groups, *slots = slots_of(table, it->mask);
  while (it->i < n) {
    mg_uint i = it->i++, g = (i / SLOTS + start_group) & it->mask;
    uint8_t *group = ctrl_at(table, g);
    if (i % SLOTS == 0 && !match_full(ctrl_word(group))) {
      it->i += SLOTS - 1;  // nothing in this group
      continue;
    }
    unsigned index = (unsigned)((i + it->start) % SLOTS);
    if (!(group[index] & CTRL_FULL))
      continue;
    uint8_t *slot = slot_at(m, slots, g, index);
    if (it->groups != m->ctrl) {
      if (current_entry(it, slot))
        return;
      continue;
    }
    it->key = slot;
    it->elem = slot + m->elem_offset;
    return;
  }
  it->key = it->elem = NULL;
  it->map = NULL;
}
