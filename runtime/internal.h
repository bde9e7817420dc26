// internal.h: declarations shared by the runtime's own files, never seen by
// compiled code (that contract is runtime.h). Sections follow the files.
#ifndef MG_INTERNAL_H
#define MG_INTERNAL_H

#include "runtime.h"
#include "defer.h"

#include <stdarg.h>

// An mg_string initializer for a string literal.
#define MG_STR(lit) {(const uint8_t *)(lit), (mg_int)(sizeof(lit) - 1)}

// ---- goroutines (start.c, sched.c)

// A panic in flight. Records live on the C stack of the panicking call so
// that panicking never allocates; they are linked newest first.
typedef struct mg_panic_rec mg_panic_rec;
struct mg_panic_rec {
  mg_panic_rec *link;  // the panic this one interrupted, or NULL
  mg_iface arg;        // the value passed to panic
  bool recovered;      // recover() stopped it: printed with " [recovered]"
  // Not a panic: runtime.Goexit running the goroutine's deferred calls.
  // recover() returns nil for it and it is never printed.
  bool goexit;
  // A later panic unwound past the deferred call this one was running, so
  // this one will never resume; it is dropped when a later one recovers.
  bool aborted;
  // The record below the deferred call this panic is running: a later
  // panic that reaches it has unwound past that call (see aborted).
  mg_defer *resume_at;
  // The fatal-panic printer calls a compiled Error or String method of
  // the value before printing anything, as Go's preprintpanics does, and
  // keeps its result here (has_text).
  bool has_text;
  // That printer stopped before this value (a method panicked with nil):
  // it is printed as it is, without calling its method.
  bool unconverted;
  mg_string text;
  // Runtime errors box their value here rather than on the heap; whoever
  // hands the value out past the panicking frame (recover) must copy it.
  union {
    mg_int words[8];
    int64_t align;
  } inline_box;
};

// A goroutine's state in the scheduler (sched.c).
typedef enum mg_g_status {
  MG_G_NEW,       // created, its function not yet started
  MG_G_RUNNABLE,  // in the run queue
  MG_G_RUNNING,
  MG_G_WAITING,   // parked until mg_goready; sleeping until wake_at
  MG_G_DEAD,      // finished; kept with its stack and chunks for reuse
} mg_g_status;

// The per-goroutine state: what Go keeps per G.
typedef struct mg_g mg_g;
struct mg_g {
  mg_panic_rec *panic;  // innermost panic first; printing walks it
  // Signal that caused the current panic (0 for none). Go prints a
  // "[signal ...]" line for it; we raise SIGSEGV-style panics ourselves
  // for nil function calls.
  int sig;
  mg_defer_stack defers;  // pending deferred calls and their chunks
  int64_t goid;           // Go's goroutine number: main is 1
  mg_g_status status;
  const char *wait_reason;  // MG_G_WAITING: Go's words for why
  // Where a switched-out goroutine resumes: its registers, and its stack
  // pointer, from which the collector scans its stack.
  mg_context ctx;
  // The stack [stack_lo, stack_hi) and the guard region of guard bytes
  // below it: a fault there is a stack overflow (stack.c).
  uintptr_t stack_lo, stack_hi, guard;
  void (*entry)(void *args, void *token);  // what go started, and its
  void *entry_args;                        // argument block
  uintptr_t created_pc;  // the return address of the go statement's call
  int64_t wake_at;   // sleeping: the monotonic time to wake at, in ns
  mg_g *next;        // the run queue, the sleepers or the free list
  mg_g *all_next;    // every goroutine ever made, for the collector
};

// The main goroutine (start.c).
extern mg_g mg_main_g;

// The running goroutine (Go's getg); one global while there is one thread.
extern mg_g *mg_curg;
static inline mg_g *mg_getg(void) {
  return mg_curg;
}

// Blocking and waking goroutines (sched.c), what channels, select and
// sync's semaphores are built on. Goroutines run on one thread for now, so
// nothing else runs between a goroutine's checks and its park: no locks.
//
// Blocks the running goroutine until mg_goready(g) makes it runnable;
// reason is Go's wait reason as its traceback prints it ("chan receive",
// "select", "semacquire"), shown when every goroutine is blocked.
void mg_gopark(const char *reason);
// Makes the parked g runnable; it runs after those runnable already.
void mg_goready(mg_g *g);
// A uniformly distributed random number (select's choice among ready cases).
uint32_t mg_fastrand(void);

// ---- memory (mem.c)

// Prints Go's "fatal error: ..." and exits with status 2, as Go's throw.
noreturn void mg_throw(const char *msg);
// Creates a string object holding a copy of n bytes.
void mg_string_make(mg_string *out, const void *p, mg_int n);
void mg_os_save_args(int argc, char **argv);  // for os.Args (os.c)

// ---- traceback (traceback.c)

// Prints Go's traceback of the running goroutine, from a blank line and
// "goroutine 1 [running]:" on, as GOTRACEBACK says (nothing for none; for
// crash, raises SIGABRT after it).
void mg_print_traceback(void);
// The same for the running goroutine g, waiting for reason ("chan receive").
void mg_print_traceback_of(const mg_g *g, const char *reason);
// Writes "goroutine N [reason]:" and a newline to stderr.
void mg_write_goroutine_line(const mg_g *g, const char *reason);

// ---- statistics (stats.c)

// A runtime built with -DMG_STATS counts every heap allocation (calls and
// bytes) and prints "mg-stats: allocs=N bytes=M" to stderr when the program
// exits; tools/bench.py links benchmarks against it. Otherwise the hooks
// compile to nothing.
#ifdef MG_STATS
void mg_stats_count(size_t size);
void mg_stats_report(void);
#define MG_STATS_COUNT(size) mg_stats_count(size)
#define MG_STATS_REPORT() mg_stats_report()
#else
#define MG_STATS_COUNT(size) ((void)0)
#define MG_STATS_REPORT() ((void)0)
#endif

// ---- output helpers (print.c)

// Writes every byte, retrying short writes; errors are ignored like Go's
// runtime print does (there is nowhere to report them).
void mg_write_all(int fd, const void *p, size_t n);
void mg_write_str(int fd, const char *s);
// Decimal/hex text of v, written backwards ending at end; returns start.
// 24 bytes suffice for any 64-bit value with a sign.
char *mg_utoa(char *end, uint64_t v);
char *mg_itoa(char *end, int64_t v);
char *mg_utoa_hex(char *end, uint64_t v);

// A growable byte buffer: starts in caller-provided storage (usually a
// stack array) and moves to malloc'd memory when that is full, so that
// formatting short strings does not touch the heap at all.
typedef struct mg_buf {
  uint8_t *p;
  size_t len, cap;
  bool heap;  // p came from malloc and must be freed
} mg_buf;
// Moves the contents to a larger malloc'd block: mg_buf_grow's slow path.
void mg_buf_realloc(mg_buf *b, size_t extra);
void mg_buf_free_heap(mg_buf *b);

// The buffer's operations are inline: formatting a number appends a byte
// at a time, and a call per byte cost fmt.Sprint of a float a tenth of
// its time.

static inline void mg_buf_init(mg_buf *b, uint8_t *storage, size_t cap) {
  *b = (mg_buf){storage, 0, cap, false};
}

static inline void mg_buf_free(mg_buf *b) {
  if (b->heap)
    mg_buf_free_heap(b);
  *b = (mg_buf){NULL, 0, 0, false};
}

// Makes room for extra more bytes at b->p + b->len.
static inline void mg_buf_grow(mg_buf *b, size_t extra) {
  if (extra > b->cap - b->len)
    mg_buf_realloc(b, extra);
}

static inline void mg_buf_write(mg_buf *b, const void *p, size_t n) {
  if (n == 0)
    return;  // p may be NULL
  mg_buf_grow(b, n);
  __builtin_memcpy(b->p + b->len, p, n);
  b->len += n;
}

static inline void mg_buf_byte(mg_buf *b, uint8_t c) {
  mg_buf_grow(b, 1);
  b->p[b->len++] = c;
}

void mg_buf_str(mg_buf *b, const char *s);
void mg_buf_mgstr(mg_buf *b, const mg_string *s);
void mg_buf_rune(mg_buf *b, int32_t r);

// ---- floating-point text (ftoa.c)

// Appends strconv.AppendFloat(v, fmt, prec, bit_size) exactly as Go 1.19
// writes it: fmt is one of 'b' 'e' 'E' 'f' 'g' 'G' 'x' 'X', prec -1 asks
// for the shortest digits that read back as the same number, bit_size 32
// formats float32(v).
void mg_ftoa(mg_buf *b, double v, char fmt, int prec, int bit_size);

// ---- strings (string.c)

enum { MG_RUNE_ERROR = 0xFFFD, MG_MAX_RUNE = 0x10FFFF, MG_UTF_MAX = 4 };
// Decodes the rune at p (n > 0 bytes available) as Go's utf8.DecodeRune:
// invalid encodings give U+FFFD with width 1.
int mg_utf8_decode(const uint8_t *p, mg_int n, int32_t *rune);
// Encodes r (U+FFFD when invalid) into buf; returns the byte count.
int mg_utf8_encode(uint8_t *buf, int32_t r);
mg_int mg_utf8_count(const uint8_t *p, mg_int n);
bool mg_rune_valid(int64_t r);
// strconv.Quote / QuoteToASCII (quote '"') and QuoteRune (quote '\'').
void mg_quote(mg_buf *b, const uint8_t *s, mg_int n, bool ascii_only);
void mg_quote_rune(mg_buf *b, int32_t r, bool ascii_only);

// ---- slices (slice.c)

// Go 1.19's roundupsize: the size-class or page-rounded size that the
// allocator would hand out for a request of size bytes.
mg_uint mg_roundupsize(mg_uint size);

// ---- runtime-defined types with an Error method (iface.c)

// *errors.errorString: data is a pointer to this.
typedef struct mg_errors_string {
  mg_string s;
} mg_errors_string;
// *fmt.wrapError.
typedef struct mg_wrap_error {
  mg_string msg;
  mg_iface err;
} mg_wrap_error;
// runtime.errorString: Error() is "runtime error: " + text + suffix. The
// suffix lets "comparing uncomparable type T" be made without allocating.
typedef struct mg_rt_error_string {
  mg_string text;
  mg_string suffix;
} mg_rt_error_string;
// runtime.boundsError, laid out as Go's.
typedef struct mg_bounds_error {
  int64_t x;
  mg_int y;
  bool is_signed;
  uint8_t code;
} mg_bounds_error;
// *runtime.TypeAssertionError. iface is the static type's name or NULL
// (Go's _interface == nil prints "interface").
typedef struct mg_assert_error {
  const char *iface;
  const mg_type *concrete;
  const mg_type *asserted;
  const char *missing;      // missing method, or NULL
} mg_assert_error;

extern const mg_type mg_type_errors_errorString;
extern const mg_type mg_type_fmt_wrapError;
extern const mg_type mg_type_runtime_errorString;
extern const mg_type mg_type_runtime_boundsError;
extern const mg_type mg_type_runtime_TypeAssertionError;
// runtime.plainError: a runtime error whose value is its whole text.
extern const mg_type mg_type_runtime_plainError;

// The error value {t, data} for a runtime-defined error type t
// (*errors.errorString or *fmt.wrapError).
void mg_error_value(mg_iface *out, const mg_type *t, void *data);

// Writes err.Error() to b without allocating (the panic printer uses it
// for runtime-defined errors).
void mg_error_write(mg_buf *b, const mg_iface *err);

// ---- comparison (iface.c)

// a == b for two values of type t, a comparable type (Go's ==: blank
// fields ignored, floats by value, interfaces by dynamic type and value,
// panicking on an uncomparable dynamic type).
bool mg_value_equal(const mg_type *t, const void *a, const void *b);
// Whether values of t may be compared with ==: no slice, func or map in
// the value itself. Interfaces are comparable; what one holds is checked
// when it is compared or hashed.
bool mg_type_comparable(const mg_type *t);
static inline bool mg_field_is_blank(const mg_field *f) {
  return f->name.len == 1 && f->name.ptr[0] == '_';
}

// ---- types (map.c)

// Whether values of t hold pointers the collector must follow (Go's
// ptrdata != 0): maps' tables and channels' buffers of other types are
// allocated unscanned.
bool mg_type_has_pointers(const mg_type *t);

// ---- hashing (hash.c)

// A 64-bit hash of n bytes, of wyhash's design and quality; seed comes from
// mg_hash_seed (per map), so that inputs cannot be chosen to collide.
uint64_t mg_hash_bytes(const void *p, size_t n, uint64_t seed);
// A fresh random seed, already mixed with the per-process random secret.
uint64_t mg_hash_seed(void);
// A fast pseudo-random number (wyrand) seeded from the kernel's AT_RANDOM:
// map iteration's random start, NaN keys' hashes.
uint64_t mg_random(void);
// Go's hash of a value of the comparable type t, consistent with
// mg_value_equal: blank fields are skipped, +0 and -0 hash alike, a NaN
// hashes randomly, an interface hashes the value it holds and panics
// "runtime error: hash of unhashable type T" when T is not comparable.
uint64_t mg_hash_value(const mg_type *t, const void *p, uint64_t seed);
// Whether hashing a value of t can panic (t is or holds an interface).
bool mg_hash_may_panic(const mg_type *t);
// Whether t's values are equal exactly when their bytes are (integers,
// bools, pointers and padding-free arrays and structs of them without
// blank fields), so that they hash and compare as memory.
bool mg_type_is_memory(const mg_type *t);

// The 64x64->128-bit multiply wyhash is built on, folded by mg_mix.
static inline void mg_mum(uint64_t *a, uint64_t *b) {
#ifdef __SIZEOF_INT128__
  __uint128_t r = (__uint128_t)*a * *b;
  *a = (uint64_t)r;
  *b = (uint64_t)(r >> 64);
#else
  // 32-bit targets: four 32x32->64 multiplies, each one instruction there.
  uint64_t ha = *a >> 32, hb = *b >> 32, la = (uint32_t)*a, lb = (uint32_t)*b;
  uint64_t hi = ha * hb, m0 = ha * lb, m1 = hb * la, lo = la * lb;
  uint64_t t = lo + (m0 << 32), carry = t < lo;
  uint64_t r = t + (m1 << 32);
  carry += r < t;
  *a = r;
  *b = hi + (m0 >> 32) + (m1 >> 32) + carry;
#endif
}
static inline uint64_t mg_mix(uint64_t a, uint64_t b) {
  mg_mum(&a, &b);
  return a ^ b;
}
#define MG_HASH_K0 0xa0761d6478bd642full
#define MG_HASH_K1 0xe7037ed1a0b428dbull
// wyhash of an 8-byte key, in two multiplies: maps' fast path for
// integers and pointers of 8 bytes.
static inline uint64_t mg_hash_u64(uint64_t k, uint64_t seed) {
  uint64_t a = k ^ MG_HASH_K1, b = ((k << 32) | (k >> 32)) ^ seed;
  mg_mum(&a, &b);
  return mg_mix(a ^ MG_HASH_K0 ^ 8, b ^ MG_HASH_K1);
}
// The same for 4-byte keys.
static inline uint64_t mg_hash_u32(uint32_t k, uint64_t seed) {
  uint64_t a = ((uint64_t)k << 32 | k) ^ MG_HASH_K1, b = ((uint64_t)k << 32 | k) ^ seed;
  mg_mum(&a, &b);
  return mg_mix(a ^ MG_HASH_K0 ^ 4, b ^ MG_HASH_K1);
}

// ---- maps for fmt (fmtsort.c)

typedef struct mg_map_entry {
  const void *key, *elem;
} mg_map_entry;
// m's entries in the order Go's internal/fmtsort gives them, *n of them
// (NULL and 0 for a nil or empty map). The addresses stay good while the
// entries are printed, whatever methods called meanwhile do to m (though
// a value updated meanwhile may then show its old value).
mg_map_entry *mg_map_sorted(const mg_type *maptype, mg_map *m, mg_int *n);
// fmtsort's compare of two values of type t: -1, 0 or 1.
int mg_fmtsort_compare(const mg_type *t, const void *a, const void *b);

// ---- panics (panic.c)

// Starts a panic with the record p (already filled with the value).
noreturn void mg_panic_start(mg_panic_rec *p);
// The panic's value for recover(): a value boxed inside the record (on the
// panicking C stack) is copied to the heap first.
void mg_panic_value_copy(mg_iface *out, const mg_panic_rec *p);
// Panics with a runtime.errorString whose Error() is "runtime error: " +
// text + suffix; the strings must outlive the panic (literals, type names).
noreturn void mg_panic_rt_error(const char *text, const mg_string *suffix);

// Panics with a runtime.plainError, a runtime.Error whose Error() is text
// alone ("assignment to entry in nil map"); text must outlive the panic.
noreturn void mg_panic_plain(const char *text);

// ---- calls from C into compiled code that may panic (defer.c)

// A C frame's stand-in for a deferred function that calls recover(), so
// that C can call methods that may panic (fmt calling String methods). It is
// an open-coded frame record with one pending call: a panic finds it on
// the defer list like any compiled frame's. Set up once by
// mg_recovering_init, then used by any number of mg_call_recovering calls
// one at a time (the context is the running call's).
typedef struct mg_recovering {
  mg_frame frame;  // first: the panic hands its runner the frame's address
  void (*on_panic)(void *env, const mg_iface *value);
  void *env;
} mg_recovering;

void mg_recovering_init(mg_recovering *r,
                        void (*on_panic)(void *env, const mg_iface *value), void *env);
// A method in the interface calling convention (runtime.h's mg_method)
// with no parameters and one string result: String and Error.
typedef void (*mg_string_method)(mg_string *out, void *token, void *data);
// Calls fn(out, NULL, data). When it panics, r->on_panic(r->env, &value)
// runs as the deferred call that recovered the panic, with its value (nil
// for panic(nil), as recover() returns in Go 1.19), on top of the
// panicking stack; once it returns, the C caller continues after the call.
// on_panic may panic again, and the new panic then finds the recovered
// one on the panic list, as in Go. Returns whether fn panicked (*out is
// then unset). A call that does not panic costs a context save and a few
// stores.
bool mg_call_recovering(mg_recovering *r, mg_string_method fn, mg_string *out, void *data);

// ---- stack overflow (stack.c)

// Runs body as the main goroutine: on a stack of Go's size limit (the
// thread's own if none can be mapped), where running off the end gives Go's
// "fatal error: stack overflow" report (exit status 2) instead of a bare
// SIGSEGV. Returns when body does.
void mg_run_goroutine(void (*body)(void));
// Maps a goroutine stack of size bytes above a guard region of guard
// bytes, committed as touched; returns its lowest address, NULL if the
// address space is full.
void *mg_stack_map(size_t size, size_t guard);

#endif
