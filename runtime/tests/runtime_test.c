// runtime_test.c: unit tests of the C runtime against Go's own results.
//
// The cases and their expected results are in expect.h, written by
// gen_expect.go running under Go 1.19. The test is linked like a compiled
// Mini program (the runtime's C main, libgc) and supplies main.init and
// main.main itself, so start-up is exercised too. Panics are checked in a
// child process, since every panic ends the program.
#include <gc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static int passed, failed;

static void report(bool ok, const char *what, const char *detail_fmt, ...) {
  if (ok) {
    passed++;
    return;
  }
  failed++;
  va_list ap;
  va_start(ap, detail_fmt);
  fprintf(stderr, "FAIL %s: ", what);
  vfprintf(stderr, detail_fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
}

static mg_string str(const char *p, size_t n) {
  return (mg_string){(const uint8_t *)p, (mg_int)n};
}

// Shows bytes with C escapes in failure messages.
static const char *show(const void *p, size_t n) {
  static char bufs[4][2048];
  static int which;
  char *out = bufs[which++ % 4], *o = out;
  const uint8_t *s = p;
  for (size_t i = 0; i < n && o < out + sizeof bufs[0] - 8; i++) {
    if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\')
      *o++ = (char)s[i];
    else
      o += sprintf(o, "\\x%02x", s[i]);
  }
  *o = 0;
  return out;
}

// ---- type descriptors by Go name, made on first use

enum { MAX_TYPES = 256 };
static struct { const char *name; mg_type *t; } made[MAX_TYPES];
static int nmade;

static void remember(const char *name, mg_type *t) {
  if (nmade == MAX_TYPES) {
    fprintf(stderr, "test: too many types\n");
    exit(1);
  }
  made[nmade].name = name;
  made[nmade++].t = t;
}

// Builds a slice, array, pointer, func or basic type from its name; struct
// and defined types must have been made by def_struct and def_named.
static const mg_type *ty(const char *name) {
  for (int i = 0; i < nmade; i++)
    if (strcmp(made[i].name, name) == 0)
      return made[i].t;
  static const struct { const char *name; uint32_t kind, size; } basic[] = {
    {"bool", MG_BOOL, 1}, {"int", MG_INT, sizeof(mg_int)}, {"int8", MG_INT8, 1},
    {"int16", MG_INT16, 2}, {"int32", MG_INT32, 4}, {"int64", MG_INT64, 8},
    {"uint", MG_UINT, sizeof(mg_uint)}, {"uint8", MG_UINT8, 1}, {"uint16", MG_UINT16, 2},
    {"uint32", MG_UINT32, 4}, {"uint64", MG_UINT64, 8},
    {"uintptr", MG_UINTPTR, sizeof(uintptr_t)}, {"string", MG_STRING, sizeof(mg_string)},
    {"interface {}", MG_IFACE, sizeof(mg_iface)}, {"error", MG_IFACE, sizeof(mg_iface)},
    {"float32", MG_FLOAT32, 4}, {"float64", MG_FLOAT64, 8},
    {"complex64", MG_COMPLEX64, 8}, {"complex128", MG_COMPLEX128, 16},
  };
  mg_type *t = calloc(1, sizeof *t);
  t->name = str(name, strlen(name));
  char *close;
  if (strncmp(name, "[]", 2) == 0) {
    t->kind = MG_SLICE;
    t->size = sizeof(mg_slice);
    t->elem = ty(name + 2);
  } else if (name[0] == '[') {
    t->kind = MG_ARRAY;
    t->len = strtol(name + 1, &close, 10);
    t->elem = ty(close + 1);
    t->size = (uint32_t)(t->len * t->elem->size);
  } else if (name[0] == '*') {
    t->kind = MG_PTR;
    t->size = sizeof(void *);
    t->elem = ty(name + 1);
  } else if (strncmp(name, "map[", 4) == 0) {
    // map[K]V: K ends at the bracket that closes map's.
    const char *p = name + 4;
    for (int depth = 1; depth > 0; p++)
      depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
    char *key = strndup(name + 4, (size_t)(p - 1 - (name + 4)));
    t->kind = MG_MAP;
    t->size = sizeof(void *);
    t->key = ty(key);
    t->elem = ty(p);
  } else if (strncmp(name, "func(", 5) == 0) {
    t->kind = MG_FUNC;
    t->size = sizeof(void *);
  } else {
    for (size_t i = 0; i < sizeof basic / sizeof basic[0]; i++) {
      if (strcmp(basic[i].name, name) == 0) {
        t->kind = basic[i].kind;
        t->size = basic[i].size;
      }
    }
  }
  if (t->kind == 0) {
    fprintf(stderr, "test: unknown type %s\n", name);
    exit(1);
  }
  remember(name, t);
  return t;
}

// The target C compiler's alignment of a value of type t, which is the
// one LLVM's data layout gives codegen.
static size_t align_of(const mg_type *t) {
  switch (t->kind) {
  case MG_BOOL: case MG_INT8: case MG_UINT8: return 1;
  case MG_INT16: case MG_UINT16: return 2;
  case MG_INT32: case MG_UINT32: return 4;
  case MG_INT64: case MG_UINT64: return _Alignof(int64_t);
  case MG_FLOAT32: case MG_COMPLEX64: return _Alignof(float);
  case MG_FLOAT64: case MG_COMPLEX128: return _Alignof(double);
  case MG_ARRAY: return align_of(t->elem);
  case MG_STRUCT: {
    size_t a = 1;
    for (mg_int i = 0; i < t->len; i++)
      if (align_of(t->fields[i].type) > a)
        a = align_of(t->fields[i].type);
    return a;
  }
  default: return _Alignof(void *);
  }
}

struct field_def {
  const char *name, *type;
  int embedded;
};

// A struct type (named main.T or unnamed "struct { X int }") with its
// fields laid out as C lays out the same struct.
static void def_struct(const char *name, int n, const struct field_def *defs) {
  mg_type *t = calloc(1, sizeof *t);
  mg_field *fields = calloc((size_t)n + 1, sizeof *fields);
  t->kind = MG_STRUCT;
  t->name = str(name, strlen(name));
  t->len = n;
  t->fields = fields;
  remember(name, t);  // first, for a field of type *T in T
  size_t off = 0;
  for (int i = 0; i < n; i++) {
    const mg_type *ft = ty(defs[i].type);
    size_t a = align_of(ft);
    off = (off + a - 1) / a * a;
    fields[i] = (mg_field){str(defs[i].name, strlen(defs[i].name)), ft, (mg_int)off,
                           (uint8_t)defs[i].embedded};
    off += ft->size;
  }
  size_t a = align_of(t);
  t->size = (uint32_t)((off + a - 1) / a * a);
}

// A defined type whose underlying type is not a struct: a copy of that
// type's descriptor under the new name.
static void def_named(const char *name, const char *underlying) {
  mg_type *t = calloc(1, sizeof *t);
  *t = *ty(underlying);
  t->name = str(name, strlen(name));
  remember(name, t);
}

// ---- interface values, boxed as compiled code boxes them

static mg_iface v_nil(void) {
  return (mg_iface){NULL, NULL};
}

static mg_iface v_int(const mg_type *t, long long v) {
  void *box = mg_alloc(t->size);
  switch (t->size) {
  case 1: *(int8_t *)box = (int8_t)v; break;
  case 2: *(int16_t *)box = (int16_t)v; break;
  case 4: *(int32_t *)box = (int32_t)v; break;
  default: *(int64_t *)box = (int64_t)v;
  }
  return (mg_iface){t, box};
}

static mg_iface v_uint(const mg_type *t, unsigned long long v) {
  return v_int(t, (long long)v);
}

// Floats and complex numbers from their bits (exact, NaN and -0 too).
static mg_iface v_f32(const mg_type *t, uint32_t bits) {
  void *box = mg_alloc(4);
  memcpy(box, &bits, 4);
  return (mg_iface){t, box};
}

static mg_iface v_f64(const mg_type *t, uint64_t bits) {
  void *box = mg_alloc(8);
  memcpy(box, &bits, 8);
  return (mg_iface){t, box};
}

static mg_iface v_c64(const mg_type *t, uint32_t re, uint32_t im) {
  uint32_t *box = mg_alloc(8);
  box[0] = re;
  box[1] = im;
  return (mg_iface){t, box};
}

static mg_iface v_c128(const mg_type *t, uint64_t re, uint64_t im) {
  uint64_t *box = mg_alloc(16);
  box[0] = re;
  box[1] = im;
  return (mg_iface){t, box};
}

static mg_iface v_str(const char *p, size_t n) {
  mg_string *box = mg_alloc(sizeof *box);
  *box = str(p, n);
  return (mg_iface){ty("string"), box};
}

static mg_iface v_bool(int v) {
  bool *box = mg_alloc(1);
  *box = v != 0;
  return (mg_iface){ty("bool"), box};
}

static void dummy_func(void) {}
static mg_closure dummy_closure = {(void *)dummy_func};

static mg_iface v_func(const mg_type *t, int non_nil) {
  void **box = mg_alloc(sizeof *box);
  *box = non_nil ? &dummy_closure : NULL;
  return (mg_iface){t, box};
}

// A slice of n elements given as interface values; n < 0 is a nil slice.
static mg_iface v_slice(const mg_type *t, int n, ...) {
  mg_slice *box = mg_alloc(sizeof *box);
  if (n >= 0) {
    const mg_type *et = t->elem;
    uint8_t *p = mg_alloc(n * et->size + 1);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
      mg_iface e = va_arg(ap, mg_iface);
      if (et->kind == MG_IFACE)
        memcpy(p + i * et->size, &e, sizeof e);
      else
        memcpy(p + i * et->size, mg_iface_value(&e), et->size);
    }
    va_end(ap);
    *box = (mg_slice){p, n, n};
  }
  return (mg_iface){t, box};
}

// Stores the value v into a slot of type t (an element or a field).
static void store(const mg_type *t, void *slot, mg_iface v) {
  if (t->kind == MG_IFACE)
    memcpy(slot, &v, sizeof v);
  else
    memcpy(slot, mg_iface_value(&v), t->size);
}

static mg_iface v_array(const mg_type *t, int n, ...) {
  uint8_t *box = mg_alloc(t->size + 1);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++)
    store(t->elem, box + (size_t)i * t->elem->size, va_arg(ap, mg_iface));
  va_end(ap);
  return (mg_iface){t, box};
}

static mg_iface v_struct(const mg_type *t, int n, ...) {
  uint8_t *box = mg_alloc(t->size + 1);
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++)
    store(t->fields[i].type, box + t->fields[i].offset, va_arg(ap, mg_iface));
  va_end(ap);
  return (mg_iface){t, box};
}

// A map of n entries given as interface values, each key followed by its
// value; n < 0 is a nil map. The map is the interface's data word (direct).
static mg_iface v_map(const mg_type *t, int n, ...) {
  mg_map *m = NULL;
  if (n >= 0) {
    m = mg_map_make(t, n);
    uint8_t *key = mg_alloc(t->key->size + 1);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
      store(t->key, key, va_arg(ap, mg_iface));
      store(t->elem, mg_map_assign(t, m, key), va_arg(ap, mg_iface));
    }
    va_end(ap);
  }
  return (mg_iface){t, m};
}

// A pointer to object id (0: nil), made from target the first time the id
// is seen, so that pointers Go found equal share one object.
static mg_iface v_ptr(const mg_type *t, int id, mg_iface target) {
  static void *objects[256];
  if (id >= 256)
    abort();
  if (id > 0 && !objects[id]) {
    objects[id] = target.data;
    if (mg_type_is_direct(t->elem)) {  // a pointer to a pointer: box it
      objects[id] = mg_alloc(sizeof(void *));
      memcpy(objects[id], &target.data, sizeof(void *));
    }
    if (t->elem->kind == MG_IFACE) {
      objects[id] = mg_alloc(sizeof target);
      memcpy(objects[id], &target, sizeof target);
    }
  }
  return (mg_iface){t, id > 0 ? objects[id] : NULL};  // direct: no box
}

// errors.New(text) as an interface {} argument: the error value's
// dynamic type in place of its itab.
static mg_iface v_err(const char *p, size_t n) {
  mg_iface e;
  mg_string s = str(p, n);
  mg_errors_new(&e, &s);
  e.type = mg_iface_type(&mg_type_error, &e);
  return e;
}

// errors.New(text) as object id: the same object wherever Go's error was
// the same, since errors compare by identity.
static mg_iface v_errid(int id, const char *p, size_t n) {
  static mg_iface errs[256];
  if (id >= 256)
    abort();
  if (!errs[id].type)
    errs[id] = v_err(p, n);
  return errs[id];
}

static mg_iface v_wrap(const char *p, size_t n, mg_iface inner) {
  mg_wrap_error *e = mg_alloc(sizeof *e);
  e->msg = str(p, n);
  e->err = inner;
  return (mg_iface){&mg_type_fmt_wrapError, e};
}

// ---- fmt

#define ARGS(n, ...) ((mg_iface[]){v_nil(), ##__VA_ARGS__}) + 1, n

static void check_string(const char *what, const char *fmt_text, size_t fmt_len,
                         mg_string got, const char *want, size_t want_len) {
  bool ok = got.len == (mg_int)want_len && (want_len == 0 || memcmp(got.ptr, want, want_len) == 0);
  report(ok, what, "format \"%s\": got \"%s\", want \"%s\"", show(fmt_text, fmt_len),
         show(got.ptr, (size_t)got.len), show(want, want_len));
}

static void check_printf(const char *f, size_t fn, const char *want, size_t wn,
                         const mg_iface *args, mg_int n) {
  mg_string format = str(f, fn), got;
  mg_fmt_sprintf(&got, &format, args, n);
  check_string("Sprintf", f, fn, got, want, wn);
}

static void check_sprint(bool ln, const char *want, size_t wn, const mg_iface *args,
                         mg_int n) {
  mg_string got;
  if (ln)
    mg_fmt_sprintln(&got, args, n);
  else
    mg_fmt_sprint(&got, args, n);
  check_string(ln ? "Sprintln" : "Sprint", "", 0, got, want, wn);
}

static void check_errorf(const char *f, size_t fn, const char *want, size_t wn,
                         const char *type, size_t tn, const mg_iface *args, mg_int n) {
  mg_string format = str(f, fn), got;
  mg_iface err;
  mg_fmt_errorf(&err, &format, args, n);
  const mg_itab *tab = (const mg_itab *)(const void *)err.type;
  ((void (*)(mg_string *, void *, void *))tab->fun[0])(&got, NULL, err.data);
  check_string("Errorf", f, fn, got, want, wn);
  check_string("Errorf type", f, fn, tab->type->name, type, tn);
}

static bool is_hex_digit(uint8_t c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

// Whether got reads as want, where gen_expect.go replaced each address in
// Go's output (hex with or without 0x, or decimal) by ADDR: there got must
// have an address of ours, 5 or more digits after an optional 0x.
static bool matches_masked(mg_string got, const char *want, size_t wn) {
  mg_int g = 0;
  for (size_t w = 0; w < wn;) {
    if (wn - w >= 4 && memcmp(want + w, "ADDR", 4) == 0) {
      if (got.len - g >= 2 && got.ptr[g] == '0' && (got.ptr[g + 1] | 0x20) == 'x')
        g += 2;
      mg_int digits = g;
      while (g < got.len && is_hex_digit(got.ptr[g]))
        g++;
      if (g - digits < 5)
        return false;
      w += 4;
      continue;
    }
    if (g == got.len || got.ptr[g] != (uint8_t)want[w])
      return false;
    g++;
    w++;
  }
  return g == got.len;
}

static void check_printf_masked(const char *f, size_t fn, const char *want, size_t wn,
                                const mg_iface *args, mg_int n) {
  mg_string format = str(f, fn), got;
  mg_fmt_sprintf(&got, &format, args, n);
  report(matches_masked(got, want, wn), "Sprintf (addresses masked)",
         "format \"%s\": got \"%s\", want \"%s\"", show(f, fn),
         show(got.ptr, (size_t)got.len), show(want, wn));
}

#define CHECK_PRINTF(f, want, ...) check_printf(f, want, ARGS(__VA_ARGS__))
#define CHECK_PRINTF_MASKED(f, want, ...) check_printf_masked(f, want, ARGS(__VA_ARGS__))
#define CHECK_SPRINT(want, ...) check_sprint(false, want, ARGS(__VA_ARGS__))
#define CHECK_SPRINTLN(want, ...) check_sprint(true, want, ARGS(__VA_ARGS__))
#define CHECK_ERRORF(f, want, type, ...) check_errorf(f, want, type, ARGS(__VA_ARGS__))

// ---- strings

static void check_rune_string(long long r, const char *want, size_t wn) {
  mg_string got;
  mg_string_from_rune(&got, r);
  char what[64];
  snprintf(what, sizeof what, "string(rune(%lld))", r);
  check_string(what, "", 0, got, want, wn);
}

static void check_decode(const char *s, size_t n, const long *idx, const long *runes) {
  mg_string str_ = str(s, n);
  int k = 0;
  bool ok = true;
  for (mg_int i = 0; i < str_.len; k++) {
    int32_t r;
    mg_int next = mg_decode_rune(&str_, i, &r);
    if (idx[k] != i || runes[k] != r)
      ok = false;
    if (idx[k] < 0)
      break;
    i = next;
  }
  if (idx[k] != -1)
    ok = false;
  report(ok, "range over string", "\"%s\"", show(s, n));
  report(mg_utf8_count((const uint8_t *)s, (mg_int)n) == k, "rune count", "\"%s\"", show(s, n));
}

static void check_quote(const char *s, size_t n, const char *q, size_t qn,
                        const char *a, size_t an) {
  uint8_t st[64];
  mg_buf b;
  mg_buf_init(&b, st, sizeof st);
  mg_quote(&b, (const uint8_t *)s, (mg_int)n, false);
  check_string("Quote", s, n, (mg_string){b.p, (mg_int)b.len}, q, qn);
  b.len = 0;
  mg_quote(&b, (const uint8_t *)s, (mg_int)n, true);
  check_string("QuoteToASCII", s, n, (mg_string){b.p, (mg_int)b.len}, a, an);
  mg_buf_free(&b);
}

static void check_quote_rune(int32_t r, const char *q, size_t qn, const char *a,
                             size_t an) {
  uint8_t st[64];
  mg_buf b;
  mg_buf_init(&b, st, sizeof st);
  mg_quote_rune(&b, r, false);
  check_string("QuoteRune", "", 0, (mg_string){b.p, (mg_int)b.len}, q, qn);
  b.len = 0;
  mg_quote_rune(&b, r, true);
  check_string("QuoteRuneToASCII", "", 0, (mg_string){b.p, (mg_int)b.len}, a, an);
}

static void check_bytes_cap(const char *s, size_t n, long want) {
  mg_string in = str(s, n);
  mg_slice b;
  mg_bytes_from_string(&b, &in);
  report(b.cap == want && b.len == (mg_int)n &&
             (n == 0 || memcmp(b.ptr, s, n) == 0),
         "[]byte(s)", "len %zu: cap %ld, want %ld", n, (long)b.cap, want);
}

#define CHECK_RUNE_STRING(r, want) check_rune_string(r, want)
#define CHECK_DECODE(s, idx, runes) check_decode(s, idx, runes)
#define CHECK_QUOTE(s, q, a) check_quote(s, q, a)
#define CHECK_QUOTE_RUNE(r, q, a) check_quote_rune(r, q, a)
#define CHECK_BYTES_CAP(s, cap) check_bytes_cap(s, cap)

// ---- panics: run the code in a child and read what it prints

static void make_slice(mg_int elem_size, mg_int len, mg_int cap) {
  mg_slice s;
  mg_make_slice(&s, elem_size, len, cap);
}

// The first line of what a child writes to fd, and its exit status.
static const char *child_output(int fd, pid_t pid, int *status, size_t *len) {
  static char out[4096];
  size_t n = 0;
  ssize_t r;
  while (n < sizeof out - 1 && (r = read(fd, out + n, sizeof out - 1 - n)) > 0)
    n += (size_t)r;
  out[n] = 0;
  close(fd);
  waitpid(pid, status, 0);
  *len = n;
  return out;
}

// A panic whose value prints with an address: the first line is compared
// with the addresses masked.
static void check_panic_output_masked(const char *what, const char *want, size_t wn,
                                      int fd, pid_t pid) {
  int status;
  size_t n;
  const char *out = child_output(fd, pid, &status, &n);
  const char *nl = strchr(out, '\n');
  mg_string first = str(out, nl ? (size_t)(nl - out) : n);
  char head[1024];
  snprintf(head, sizeof head, "panic: %.*s", (int)wn, want);
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 2 &&
            matches_masked(first, head, strlen(head)) &&
            strstr(out, "\n\ngoroutine 1 [running]:\n") != NULL;
  report(ok, what, "status %d, output \"%s\"", status, show(out, n));
}

static void check_panic_output(const char *what, const char *want, size_t wn,
                               int fd, pid_t pid) {
  int status;
  size_t n;
  const char *out = child_output(fd, pid, &status, &n);
  char head[1024];
  snprintf(head, sizeof head, "panic: %.*s\n", (int)wn, want);
  bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 2 &&
            strncmp(out, head, strlen(head)) == 0 &&
            strstr(out, "\n\ngoroutine 1 [running]:\n") != NULL;
  report(ok, what, "status %d, output \"%s\"", status, show(out, n));
}

// Runs the statements in a child with stderr on a pipe; the parent gets
// the pipe's reading end and the child's pid.
#define IN_CHILD(fd, pid, ...)                                  \
  do {                                                          \
    int fds[2];                                                 \
    if (pipe(fds) != 0)                                         \
      abort();                                                  \
    pid = fork();                                               \
    if (pid == 0) {                                             \
      dup2(fds[1], 2);                                          \
      close(fds[0]);                                            \
      __VA_ARGS__;                                              \
      _exit(99);                                                \
    }                                                           \
    close(fds[1]);                                              \
    fd = fds[0];                                                \
  } while (0)

#define CHECK_PANIC(want, ...)                                  \
  do {                                                          \
    int fd;                                                     \
    pid_t pid;                                                  \
    IN_CHILD(fd, pid, __VA_ARGS__);                             \
    check_panic_output(#__VA_ARGS__, want, fd, pid);            \
  } while (0)

#define CHECK_PANIC_MASKED(want, ...)                           \
  do {                                                          \
    int fd;                                                     \
    pid_t pid;                                                  \
    IN_CHILD(fd, pid, __VA_ARGS__);                             \
    check_panic_output_masked(#__VA_ARGS__, want, fd, pid);     \
  } while (0)

// a == b of interfaces, when Go's does not panic.
static void check_equal(bool want, mg_iface a, mg_iface b, const char *what) {
  bool got = mg_iface_equal(&a, &b);
  report(got == want, "==", "%s: got %d", what, got);
}

#define CHECK_EQUAL(want, a, b) check_equal(want, a, b, #a " == " #b)

#include "expect.h"

static void grow_tests(void) {
  for (size_t c = 0; c < sizeof grow_cases / sizeof grow_cases[0]; c++) {
    const struct grow_case *g = &grow_cases[c];
    mg_slice s = {NULL, 0, 0};
    int change = 0;
    mg_int prev_cap = 0;
    bool ok = true;
    for (int i = 0; i < g->nsteps && ok; i++) {
      mg_int new_len = s.len + (g->steps ? g->steps[i] : 1);
      if (new_len > s.cap)
        mg_grow_slice(&s, g->elem_size, new_len);
      s.len = new_len;
      if (s.cap != prev_cap) {
        ok = change < g->nchanges && g->changes[change][0] == s.len &&
             g->changes[change][1] == s.cap;
        if (!ok)
          fprintf(stderr, "  size %d len %ld: cap %ld, want len %ld cap %ld\n",
                  g->elem_size, (long)s.len, (long)s.cap,
                  change < g->nchanges ? g->changes[change][0] : -1,
                  change < g->nchanges ? g->changes[change][1] : -1);
        change++;
        prev_cap = s.cap;
      }
    }
    report(ok && change == g->nchanges, "growslice caps", "element size %d",
           g->elem_size);
  }
}

static void print_tests(void) {
  // print/println's formats, captured from stderr in a child.
  int fds[2];
  if (pipe(fds) != 0)
    abort();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 2);
    mg_print_int(-9223372036854775807LL - 1);
    mg_print_space();
    mg_print_uint(18446744073709551615ULL);
    mg_print_space();
    mg_print_bool(true);
    mg_string s = str(S("str"));
    mg_print_string(&s);
    mg_print_pointer((void *)0x1234);
    mg_print_pointer(NULL);
    mg_slice sl = {(void *)0xc0, 2, 5};
    mg_print_slice(&sl);
    mg_iface i = {(const mg_type *)0x10, (void *)0x20};
    mg_print_iface(&i);
    mg_print_newline();
    _exit(0);
  }
  close(fds[1]);
  char out[256];
  size_t n = 0;
  ssize_t r;
  while (n < sizeof out - 1 && (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
    n += (size_t)r;
  out[n] = 0;
  close(fds[0]);
  waitpid(pid, NULL, 0);
  const char *want = "-9223372036854775808 18446744073709551615 truestr0x12340x0"
                     "[2/5]0xc0(0x10,0x20)\n";
  report(strcmp(out, want) == 0, "print", "got \"%s\"", show(out, strlen(out)));
}

static void iface_tests(void) {
  mg_iface a = v_err(S("x")), b = v_err(S("x"));
  report(!mg_iface_equal(&a, &b), "errors.New identity", "two errors compared equal");
  report(mg_iface_equal(&a, &a), "errors.New identity", "an error differs from itself");
  mg_iface s1 = v_str(S("ab")), s2 = v_str(S("ab")), s3 = v_str(S("ac"));
  report(mg_iface_equal(&s1, &s2) && !mg_iface_equal(&s1, &s3), "string ==", "");
  mg_iface i1 = v_int(ty("int"), 3), i2 = v_int(ty("int"), 3), i3 = v_int(ty("int64"), 3);
  report(mg_iface_equal(&i1, &i2) && !mg_iface_equal(&i1, &i3), "int ==", "");
  mg_iface n1 = v_nil(), n2 = v_nil();
  report(mg_iface_equal(&n1, &n2) && !mg_iface_equal(&n1, &i1), "nil ==", "");
  mg_string x = str(S("a")), y = str(S("ab")), z = str(S("b"));
  report(mg_string_compare(&x, &y) < 0 && mg_string_compare(&z, &y) > 0 &&
             mg_string_compare(&x, &x) == 0,
         "string compare", "");
  mg_string cat;
  mg_string_concat(&cat, &x, &y);
  report(cat.len == 3 && memcmp(cat.ptr, "aab", 3) == 0, "concat", "");
}

// A frame far larger than a call needs: the recursion below gets past the
// thread's 8 MB stack in 20,000 calls. The volatile buffer, used after the
// recursive call, keeps the compiler from turning it into a loop.
static int deep(int n) {
  volatile char pad[512];
  pad[0] = (char)n;
  if (n == 0)
    return 0;
  return deep(n - 1) + 1 + pad[0] - (char)n;
}

// The program runs on a stack of Go's size (stack.c): deep recursion fits,
// and the collector finds pointers held only there. Were that stack not
// scanned, the blocks below would be freed by the collections and handed
// out again to the same-sized allocations that follow, which overwrite
// them.
// The collector's warnings must not reach a program's stderr: the one the
// runtime installs is called here, as the collector would, with stderr
// pointed at a temporary file that must stay empty.
static void collector_warning_cases(void) {
  FILE *tmp = tmpfile();
  int saved = dup(2);
  fflush(stderr);
  dup2(fileno(tmp), 2);
  GC_get_warn_proc()("GC Warning: Repeated allocation of very large block "
                     "(appr. size %ld)\n", (GC_word)151552);
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  report(ftell(tmp) == 0 && lseek(fileno(tmp), 0, SEEK_END) == 0,
         "collector warnings stay off stderr", "");
  fclose(tmp);
}

static void goroutine_stack_cases(void) {
  enum { KEPT = 256 };
  int *volatile kept[KEPT];
  for (int i = 0; i < KEPT; i++) {
    kept[i] = GC_MALLOC(32);
    kept[i][0] = i;
  }
  size_t collections = GC_get_gc_no();
  for (int round = 0; round < 4; round++) {
    GC_gcollect();
    for (int j = 0; j < 4096; j++)
      memset(GC_MALLOC(32), 0xee, 32);
  }
  bool intact = true;
  for (int i = 0; i < KEPT; i++)
    intact = intact && kept[i][0] == i;
  report(GC_get_gc_no() >= collections + 4 && intact, "collector scans the goroutine's stack", "");
  report(deep(100000) == 100000, "recursion 50 MB deep", "");
}

void test_init(void *ctx, void *token) __asm__("main.init");
void test_main(void *ctx, void *token) __asm__("main.main");

void test_init(void *ctx, void *token) {
  (void)ctx;
  (void)token;
}

void test_main(void *ctx, void *token) {
  (void)ctx;
  (void)token;
  define_types();
  fmt_cases();
  float_fmt_cases();
  aggregate_cases();
  equal_cases();
  aggregate_panic_cases();
  map_cases();
  string_cases();
  grow_tests();
  print_tests();
  iface_tests();
  panic_cases();
  goroutine_stack_cases();
  collector_warning_cases();
  printf("%d passed, %d failed\n", passed, failed);
  fflush(stdout);
  mg_os_exit(failed ? 1 : 0);
}
