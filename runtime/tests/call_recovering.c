// Unit tests of mg_call_recovering (runtime/defer.c), C's way to call a
// method that may panic: a normal return, a caught panic (its value, nil, a
// runtime error boxed in the panic record), nesting, a handler that panics
// again, and many catches in a row. After each, the goroutine's defer and
// panic lists must be as they were. Built like the other runtime tests and
// run under qemu for arm and arm64, which exercises their context.S.
// Prints one line per failed check and ends with "N passed, N failed".
#include <string.h>

#include "internal.h"
#include "tests/check.h"

static const mg_type t_string = {
  .kind = MG_STRING, .size = sizeof(mg_string), .name = {(const uint8_t *)"string", 6},
};

static mg_string text_a = {(const uint8_t *)"a", 1};

// What a body did and what its handler saw.
typedef struct probe {
  int steps;          // bumped by the body before it panics or returns
  int handled;        // times on_panic ran
  mg_iface value;     // the value on_panic was given
  mg_panic_rec *panic_seen;  // the goroutine's newest panic during on_panic
  int how;            // what the body does, below
  struct probe *inner;
} probe;

enum { RETURN, PANIC_STRING, PANIC_NIL, PANIC_BOUNDS, NEST, REPANIC };

static void body(mg_string *out, void *token, void *data);

// A frame of its own for each call, as nested calls need.
static bool call(probe *p, void (*handler)(void *, const mg_iface *)) {
  mg_recovering r;
  mg_recovering_init(&r, handler, p);
  mg_string out;
  return mg_call_recovering(&r, body, &out, p);
}

static void on_panic(void *env, const mg_iface *value) {
  probe *p = env;
  p->handled++;
  p->value = *value;
  p->panic_seen = mg_getg()->panic;
}

static void repanic(void *env, const mg_iface *value) {
  on_panic(env, value);
  mg_panic(value);
}

// A String method, as compiled code has it.
static void body(mg_string *out, void *token, void *data) {
  (void)token;
  probe *p = data;
  p->steps++;
  mg_iface v = {&t_string, &text_a};
  switch (p->how) {
  case PANIC_STRING: mg_panic(&v);
  case PANIC_NIL: mg_panic(&(mg_iface){NULL, NULL});
  case PANIC_BOUNDS: mg_panic_bounds(MG_BOUNDS_INDEX, 5, 3, true);
  case NEST: call(p->inner, on_panic); break;
  case REPANIC: call(p->inner, repanic); break;
  }
  *out = text_a;
}

static bool lists_clean(mg_defer *top) {
  return mg_getg()->defers.top == top && mg_getg()->panic == NULL;
}

static void test_return(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe p = {.how = RETURN};
  mg_recovering r;
  mg_recovering_init(&r, on_panic, &p);
  mg_string out = {NULL, 0};
  CHECK(!mg_call_recovering(&r, body, &out, &p));
  CHECK(out.ptr == text_a.ptr && out.len == 1);
  CHECK(p.steps == 1 && p.handled == 0);
  CHECK(lists_clean(top));
}

static void test_panic_value(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe p = {.how = PANIC_STRING};
  CHECK(call(&p, on_panic));
  CHECK(p.steps == 1 && p.handled == 1);
  CHECK(p.value.type == &t_string && p.value.data == &text_a);
  // The handler runs as the recovering deferred call: the panic is still
  // on the list, marked recovered.
  CHECK(p.panic_seen != NULL && p.panic_seen->recovered);
  CHECK(lists_clean(top));
}

static void test_panic_nil(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe p = {.how = PANIC_NIL};
  CHECK(call(&p, on_panic));
  CHECK(p.handled == 1 && p.value.type == NULL);
  CHECK(lists_clean(top));
}

// A runtime error's value is boxed in the panic record, on the stack the
// recovery abandons: the handler's copy must outlive it.
static void test_panic_boxed(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe p = {.how = PANIC_BOUNDS};
  CHECK(call(&p, on_panic));
  char scribble[512];
  memset(scribble, 0x55, sizeof scribble);
  __asm__ volatile("" ::"r"(scribble) : "memory");
  CHECK(p.value.type == &mg_type_runtime_boundsError);
  const mg_bounds_error *e = p.value.data;
  CHECK(e->x == 5 && e->y == 3);
  CHECK(lists_clean(top));
}

static void test_nested(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe inner = {.how = PANIC_STRING};
  probe outer = {.how = NEST, .inner = &inner};
  CHECK(!call(&outer, on_panic));
  CHECK(inner.handled == 1 && outer.handled == 0 && outer.steps == 1);
  CHECK(lists_clean(top));
}

// The inner handler panics again: the outer call catches the new panic,
// with the recovered one still below it on the list, as in Go.
static void test_repanic(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe inner = {.how = PANIC_STRING};
  probe outer = {.how = REPANIC, .inner = &inner};
  CHECK(call(&outer, on_panic));
  CHECK(inner.handled == 1 && outer.handled == 1);
  CHECK(outer.value.type == &t_string && outer.value.data == &text_a);
  mg_panic_rec *p = outer.panic_seen;
  CHECK(p != NULL && p->recovered && p->link != NULL && p->link->recovered);
  CHECK(lists_clean(top));
}

// Every catch resumes the frame that saved the context, so catching in a
// loop, with one frame set up once, neither grows the stack nor leaves
// records behind.
static void test_many(void) {
  mg_defer *top = mg_getg()->defers.top;
  probe p = {.how = PANIC_STRING};
  mg_recovering r;
  mg_recovering_init(&r, on_panic, &p);
  mg_string out;
  for (int i = 0; i < 100000; i++)
    mg_call_recovering(&r, body, &out, &p);
  CHECK(p.steps == 100000 && p.handled == 100000);
  CHECK(lists_clean(top));
}

MG_TEST_MAIN(test_return, test_panic_value, test_panic_nil, test_panic_boxed, test_nested,
             test_repanic, test_many)
