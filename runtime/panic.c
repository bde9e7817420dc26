// panic.c: panics and runtime errors. A panic pushes a record on the G's
// panic list and runs the goroutine's deferred calls (defer.c); a panic no
// deferred call recovers prints the list as Go's printpanics does.
#include "internal.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

static void write_num(int64_t v, bool is_signed) {
  char buf[24], *end = buf + sizeof buf;
  char *s = is_signed ? mg_itoa(end, v) : mg_utoa(end, (uint64_t)v);
  mg_write_all(2, s, (size_t)(end - s));
}

static void write_hex(uintptr_t v) {
  char buf[24], *end = buf + sizeof buf;
  char *s = mg_utoa_hex(end, v);
  *--s = 'x';
  *--s = '0';
  mg_write_all(2, s, (size_t)(end - s));
}

static void print_value(const mg_iface *v);

// A defined type's run-time name is qualified (main.T); a basic type's is not.
static bool is_defined_type(const mg_type *t) {
  return memchr(t->name.ptr, '.', (size_t)t->name.len) != NULL;
}

static bool is_float_kind(uint32_t kind) {
  return kind >= MG_FLOAT32 && kind <= MG_COMPLEX128;
}

static bool is_basic_kind(uint32_t kind) {
  return (kind >= MG_BOOL && kind <= MG_STRING) || is_float_kind(kind);
}

// Go keeps a pointer-shaped value (a pointer, a func, or a struct or array
// of exactly one such) in the interface's data word itself rather than in
// a box, and printpanicval shows that word.
static bool is_direct_iface(const mg_type *t) {
  switch (t->kind) {
  case MG_PTR:
  case MG_FUNC:
  case MG_MAP:
  case MG_CHAN:
    return true;
  case MG_ARRAY:
    return t->len == 1 && is_direct_iface(t->elem);
  case MG_STRUCT:
    return t->len == 1 && is_direct_iface(t->fields[0].type);
  default:
    return false;
  }
}

// An error's text (preprintpanics calls Error()); runtime errors are
// formatted in a stack buffer, since printing a panic must work when the
// heap is exhausted.
static void print_error_text(const mg_iface *v) {
  uint8_t storage[512];
  mg_buf b;
  mg_buf_init(&b, storage, sizeof storage);
  mg_error_write(&b, v);
  mg_write_all(2, b.p, b.len);
  mg_buf_free(&b);
}

// Go's printpanicval after preprintpanics: errors and Stringers print the
// text their method returned, basic types their value, defined types with
// a basic underlying type "main.T(1)" or `main.S("x")`
// (printanycustomtype), anything else "(T) address".
static void print_panic_value(const mg_panic_rec *p) {
  const mg_type *t = p->arg.type;
  if (!t) {
    mg_write_str(2, "nil");
    return;
  }
  if (p->has_text) {
    mg_print_string(&p->text);
    return;
  }
  if (t->error && !p->unconverted) {
    print_error_text(&p->arg);  // a runtime-defined error
    return;
  }
  bool custom = is_basic_kind(t->kind) && is_defined_type(t);
  // A complex number brings its own parentheses: main.C(+1.0e+000+2.0e+000i).
  bool parens = custom && t->kind != MG_COMPLEX64 && t->kind != MG_COMPLEX128;
  if (custom)
    mg_print_string(&t->name);
  if (parens)
    mg_write_str(2, t->kind == MG_STRING ? "(\"" : "(");
  print_value(&p->arg);
  if (parens)
    mg_write_str(2, t->kind == MG_STRING ? "\")" : ")");
}

// The value itself, as printpanicval shows a value without methods.
static void print_value(const mg_iface *v) {
  const mg_type *t = v->type;
  const void *d = mg_iface_value(v);
  switch (t->kind) {
  case MG_BOOL: mg_write_str(2, *(const bool *)d ? "true" : "false"); return;
  case MG_INT: write_num(*(const mg_int *)d, true); return;
  case MG_INT8: write_num(*(const int8_t *)d, true); return;
  case MG_INT16: write_num(*(const int16_t *)d, true); return;
  case MG_INT32: write_num(*(const int32_t *)d, true); return;
  case MG_INT64: write_num(*(const int64_t *)d, true); return;
  case MG_UINT: write_num((int64_t)*(const mg_uint *)d, false); return;
  case MG_UINT8: write_num(*(const uint8_t *)d, false); return;
  case MG_UINT16: write_num(*(const uint16_t *)d, false); return;
  case MG_UINT32: write_num(*(const uint32_t *)d, false); return;
  case MG_UINT64: write_num((int64_t)*(const uint64_t *)d, false); return;
  case MG_UINTPTR: write_num((int64_t)*(const uintptr_t *)d, false); return;
  case MG_STRING: mg_print_string(d); return;
  case MG_FLOAT32: mg_print_float(*(const float *)d); return;
  case MG_FLOAT64: mg_print_float(*(const double *)d); return;
  case MG_COMPLEX64: {
    const float *c = d;
    mg_print_complex(c[0], c[1]);
    return;
  }
  case MG_COMPLEX128: {
    const double *c = d;
    mg_print_complex(c[0], c[1]);
    return;
  }
  default:
    mg_write_str(2, "(");
    mg_print_string(&t->name);
    mg_write_str(2, ") ");
    // Go prints the data word of its direct interfaces; ours box all but
    // pointers, so the word is read from where the value is.
    write_hex(is_direct_iface(t) ? (uintptr_t) * (void *const *)d : (uintptr_t)d);
    return;
  }
}

// Oldest first: each later panic is on its own line, indented by a tab.
static void print_panics(const mg_panic_rec *p) {
  if (p->link) {
    print_panics(p->link);
    if (!p->link->goexit)
      mg_write_str(2, "\t");
  }
  if (p->goexit)
    return;  // Goexit's deferred calls were running: not a panic
  mg_write_str(2, "panic: ");
  print_panic_value(p);
  if (p->recovered)
    mg_write_str(2, " [recovered]");
  mg_write_str(2, "\n");
}

// Go's traceback follows a fatal error (traceback.c).
static noreturn void exit_with_traceback(void) {
  mg_print_traceback();
  MG_STATS_REPORT();
  _exit(2);
}

// The compiled Error or String method of a panic value, if any; the
// runtime's own error types cannot panic and print their text later,
// without allocating.
static mg_string_method panic_value_method(const mg_type *t) {
  if (!t || t->kind == MG_ERROR_PTR || t->kind == MG_ERROR_VALUE)
    return NULL;
  return t->error ? t->error : t->string;
}

// The deferred function of Go's preprintpanics: a method that panicked
// (with anything but nil) makes the crash a throw naming its value.
static void preprint_panicked(void *env, const mg_iface *v) {
  (void)env;
  if (!v->type)
    return;
  mg_write_str(2, "fatal error: panic while printing panic value: ");
  if (v->type->kind == MG_STRING && !is_defined_type(v->type)) {
    mg_print_string(v->data);
  } else {
    mg_write_str(2, "type ");
    mg_print_string(&v->type->name);
  }
  mg_write_str(2, "\n");
  exit_with_traceback();
}

// Go's preprintpanics: the methods run before anything is printed, newest
// panic first. A method that panics with nil ends it there, leaving that
// value and the older ones to be printed as they are.
static void preprint_panics(mg_panic_rec *p) {
  mg_recovering r;
  mg_recovering_init(&r, preprint_panicked, NULL);
  for (; p != NULL; p = p->link) {
    if (!panic_value_method(p->arg.type))
      continue;
    p->has_text = !mg_call_recovering(&r, panic_value_method(p->arg.type), &p->text,
                                      p->arg.data);
    if (!p->has_text) {
      for (; p != NULL; p = p->link)
        p->unconverted = true;
      return;
    }
  }
}

static noreturn void fatal_panic(mg_g *g) {
  // A method's recovered panic would take aborted panics off the list
  // and clear the signal: print what was there before.
  mg_panic_rec *panics = g->panic;
  int sig = g->sig;
  preprint_panics(panics);
  print_panics(panics);
  if (sig == SIGSEGV)
    mg_write_str(2, "[signal SIGSEGV: segmentation violation code=0x1 "
                    "addr=0x0 pc=0x0]\n");
  exit_with_traceback();
}

noreturn void mg_panic_start(mg_panic_rec *p) {
  mg_g *g = mg_getg();
  p->link = g->panic;
  g->panic = p;
  mg_run_panic_defers(p);
  fatal_panic(g);
}

void mg_panic_value_copy(mg_iface *out, const mg_panic_rec *p) {
  out->type = p->arg.type;
  out->data = p->arg.data;
  if (p->arg.data == (const void *)&p->inline_box) {
    out->data = mg_alloc(sizeof p->inline_box);
    memcpy(out->data, &p->inline_box, sizeof p->inline_box);
  }
}

noreturn void mg_panic(const mg_iface *v) {
  mg_panic_rec p;
  memset(&p, 0, sizeof p);
  p.arg = *v;
  mg_panic_start(&p);
}

noreturn void mg_panic_rt_error(const char *text, const mg_string *suffix) {
  mg_panic_rec p;
  memset(&p, 0, sizeof p);
  mg_rt_error_string *e = (mg_rt_error_string *)&p.inline_box;
  e->text.ptr = (const uint8_t *)text;
  e->text.len = (mg_int)strlen(text);
  if (suffix)
    e->suffix = *suffix;
  p.arg.type = &mg_type_runtime_errorString;
  p.arg.data = e;
  mg_panic_start(&p);
}

noreturn void mg_panic_wrap(const char *text) {
  mg_panic_plain(text);
}

noreturn void mg_panic_plain(const char *text) {
  mg_panic_rec p;
  memset(&p, 0, sizeof p);
  mg_string *e = (mg_string *)&p.inline_box;
  e->ptr = (const uint8_t *)text;
  e->len = (mg_int)strlen(text);
  p.arg.type = &mg_type_runtime_plainError;
  p.arg.data = e;
  mg_panic_start(&p);
}

noreturn void mg_panic_bounds(mg_int code, int64_t x, mg_int y, bool x_signed) {
  mg_panic_rec p;
  memset(&p, 0, sizeof p);
  mg_bounds_error *e = (mg_bounds_error *)&p.inline_box;
  e->x = x;
  e->y = y;
  e->is_signed = x_signed;
  e->code = (uint8_t)code;
  p.arg.type = &mg_type_runtime_boundsError;
  p.arg.data = e;
  mg_panic_start(&p);
}

noreturn void mg_panic_divide(void) {
  mg_panic_rt_error("integer divide by zero", NULL);
}

noreturn void mg_panic_overflow(void) {
  mg_panic_rt_error("integer overflow", NULL);
}

noreturn void mg_panic_nil(void) {
  // Go gets here through a SIGSEGV and reports the signal as well.
  mg_getg()->sig = SIGSEGV;
  mg_panic_rt_error("invalid memory address or nil pointer dereference", NULL);
}

noreturn void mg_panic_shift(void) {
  mg_panic_rt_error("negative shift amount", NULL);
}
