// runtime.h: the interface between compiled Mini code and the C runtime.
//
// codegen/gen.c emits calls to exactly the functions declared here and lays
// out values exactly as the structs here say. Every runtime symbol starts
// with "mg_"; compiled Go functions are named "main.NAME", so neither can
// collide with the other or with libc.
//
// Calling convention rule: runtime entry points take and return only
// scalars (integers, pointers) or nothing. Aggregates (strings, slices,
// interfaces) travel through pointers, because LLVM IR passes a first-class
// struct differently from the C ABI on some targets (arm returns structs in
// memory), and pointers are the same everywhere.
#ifndef MG_RUNTIME_H
#define MG_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

// Go's int: as wide as a pointer (64 bits on amd64/arm64, 32 on arm).
typedef intptr_t mg_int;
typedef uintptr_t mg_uint;

// string: bytes need not be NUL-terminated and are never written.
typedef struct mg_string {
  const uint8_t *ptr;
  mg_int len;
} mg_string;

// []T: ptr points at cap elements of the element type's size.
typedef struct mg_slice {
  void *ptr;
  mg_int len;
  mg_int cap;
} mg_slice;

// complex128 in memory: Go's layout, real part first.
typedef struct mg_complex128 {
  double re, im;
} mg_complex128;

// The dynamic type of an interface value; one descriptor per type in the
// whole program, so two interfaces hold the same type exactly when their
// descriptor pointers are equal.
typedef enum mg_kind {
  MG_BOOL = 1,
  MG_INT, MG_INT8, MG_INT16, MG_INT32, MG_INT64,
  MG_UINT, MG_UINT8, MG_UINT16, MG_UINT32, MG_UINT64, MG_UINTPTR,
  MG_STRING,
  MG_SLICE,
  MG_FUNC,
  MG_ERROR_PTR,   // a runtime-defined pointer type with an Error method
                  // (*errors.errorString, *fmt.wrapError, ...)
  MG_ERROR_VALUE, // a runtime-defined value type with an Error method
                  // (runtime.boundsError, runtime.errorString, ...)
  MG_IFACE,       // an interface type: its values are mg_iface; methods
                  // lists its methods (none: interface {})
  MG_ARRAY,       // [len]elem: len elements of elem->size bytes, in place
  MG_STRUCT,      // struct{...}: len fields described by fields[]
  MG_PTR,         // *elem: the value is one pointer
  MG_FLOAT32, MG_FLOAT64,
  MG_COMPLEX64,   // two float32s, real part first
  MG_COMPLEX128,  // two float64s, real part first
  MG_MAP,         // map[key]elem: the value is one pointer to the table
  MG_CHAN,        // chan elem: the value is one pointer (mg_chan *); len is
                  // the direction as reflect.ChanDir has it (1 <-chan,
                  // 2 chan<-, 3 chan)
} mg_kind;

typedef struct mg_field mg_field;
typedef struct mg_method mg_method;

typedef struct mg_type mg_type;
struct mg_type {
  uint32_t kind;          // mg_kind
  uint32_t size;          // bytes of one value (slices: elements are elem->size)
  mg_string name;         // Go's run-time spelling: "int", "[]uint8",
                          // "func(int) string", "*errors.errorString"
  const mg_type *elem;    // MG_SLICE, MG_ARRAY, MG_PTR: element type;
                          // MG_MAP: the value type
  const mg_type *key;     // MG_MAP: the key type
  // Non-NULL when the type's values have the method Error() string: the
  // method in the interface calling convention (see mg_method).
  void (*error)(mg_string *out, void *token, void *data);
  mg_int len;             // MG_ARRAY: the length; MG_STRUCT: the number of fields
  const mg_field *fields; // MG_STRUCT: its fields in declaration order
  // Non-NULL when the type has the method String() string (fmt.Stringer),
  // called as error is.
  void (*string)(mg_string *out, void *token, void *data);
  // A concrete type: the methods of its values' method set; an interface
  // type: its methods. Sorted by name, as interface tables are.
  const mg_method *methods;
  mg_int nmethods;
};

// One method. fn, of a concrete type, is the method in the interface
// calling convention: void fn(void *out, void *token, void *data,
// params...), where data is the interface's data word, token the recover
// token every compiled function takes, and out addresses where the
// results go (one result: the value; several: a struct of them). fn of an
// interface's method is NULL.
typedef struct mg_method {
  mg_string name;
  const mg_type *type;    // the signature, func(params) results
  void *fn;
} mg_method;

// The interface table of a concrete type for an interface with methods:
// fun[i] is the type's method named as the interface's method i. A value
// of such an interface holds its itab in the first word (mg_iface.type)
// where an interface without methods holds the type itself.
typedef struct mg_itab {
  const mg_type *type;
  void *fun[];
} mg_itab;

// One field of a struct type. fmt prints every field (blank ones too, as
// Go's does); == compares every field but blank ones.
struct mg_field {
  mg_string name;         // "X", "_", or the type's name for an embedded field
  const mg_type *type;
  mg_int offset;          // bytes from the start of the struct
  uint8_t embedded;       // an embedded field (%+v prints its type's name)
};

// An interface value. data points to a copy of the value (a "box") of
// type->size bytes, except for a pointer (MG_PTR), which is the data word
// itself (Go's direct interfaces; mg_type_is_direct); nil interface is
// {NULL, NULL}. Boxes are immutable once made, so constants may be boxed
// statically. type is the dynamic
// type for interface {}, and an mg_itab * (whose type is the dynamic
// type) for an interface with methods; mg_iface_type tells them apart.
// The runtime's own arguments of interface type are interface {}.
typedef struct mg_iface {
  const mg_type *type;
  void *data;
} mg_iface;

// A function value points to a closure: its first word is the code
// pointer, captured variables' cells follow. Compiled functions take the
// closure pointer as their first argument ("ctx") and a recover token
// second (see the defer section); a nil function value is
// a NULL closure pointer. Top-level functions used as values get a static
// one-word closure.
typedef struct mg_closure {
  void *fn;
} mg_closure;

// ---- program start (start.c)
// The C entry point initializes the collector and the goroutine, runs
// main.init and main.main, and exits 0. These two are emitted by codegen:
// main.init runs package-level variable initializers then each func init().
// Both take the arguments every compiled function takes: the closure
// ("ctx") and the recover token (see the defer section below).
void mg_main_init(void *ctx, void *token) __asm__("main.init");
void mg_main_main(void *ctx, void *token) __asm__("main.main");

// ---- memory (mem.c): the heap is the Boehm collector; memory is zeroed.
void *mg_alloc(mg_int size);         // may contain pointers
void *mg_alloc_noscan(mg_int size);  // holds no pointers (string bytes)

// ---- strings (string.c)
void mg_string_concat(mg_string *out, const mg_string *a, const mg_string *b);
// -1, 0 or 1, comparing bytes as unsigned, like Go's string comparison.
mg_int mg_string_compare(const mg_string *a, const mg_string *b);
bool mg_string_equal(const mg_string *a, const mg_string *b);
void mg_string_from_bytes(mg_string *out, const mg_slice *b);     // string(b)
void mg_bytes_from_string(mg_slice *out, const mg_string *s);     // []byte(s)
void mg_string_from_rune(mg_string *out, int64_t r);              // string(r)
// for i, r := range s: decodes the rune at s[i] (U+FFFD for invalid
// UTF-8, width 1), stores it in *rune, returns the index after it.
mg_int mg_decode_rune(const mg_string *s, mg_int i, int32_t *rune);

// ---- slices (slice.c)
// make([]T, len, cap); panics "makeslice: len out of range" /
// "makeslice: cap out of range" as Go does.
void mg_make_slice(mg_slice *out, mg_int elem_size, mg_int len, mg_int cap);
// Grows *s (in place) so that its cap is at least new_len, with Go 1.19's
// growth policy (double below 256 elements, then 1.25x, rounded up to the
// allocator's size classes) so that cap() reports what Go reports. Copies
// the old elements; len is left unchanged for the caller to set.
void mg_grow_slice(mg_slice *s, mg_int elem_size, mg_int new_len);
// copy(dst, src): returns the number of elements copied.
mg_int mg_slice_copy(const mg_slice *dst, const mg_slice *src, mg_int elem_size);

// ---- floating point (float.c)
// n / m for complex128 (and complex64, widened): Go's complex128div.
void mg_complex128_div(mg_complex128 *out, double n_re, double n_im, double m_re,
                       double m_im);
// int64(d) and uint64(d) on 32-bit arm: Go's runtime _d2v, bit for bit.
uint64_t mg_float64_to_int64_soft(double d);

// ---- package sort (sort.c): what sort.Slice needs of reflection, given
// the interface {} it was passed.
// reflect.Kind's name of x's dynamic type ("slice", "int", ...; "" for nil).
void mg_sort_slice_kind(mg_string *out, const mg_iface *x);
// len of the slice, array, string or map x holds (0 for other kinds).
mg_int mg_sort_slice_len(const mg_iface *x);
// Swaps elements i and j (in range) of the slice x holds.
void mg_sort_slice_swap(const mg_iface *x, mg_int i, mg_int j);

// ---- strconv (strconv.c, string.c): std/strconv's bodyless functions
// ParseFloat's conversion of s, already checked and rewritten by strconv
// as digits and an exponent; bit_size 32 rounds to float32 directly.
double mg_strconv_parse_float(const mg_string *s, mg_int bit_size);
// FormatFloat(v, fmt, prec, bit_size) for bit_size 32 or 64.
void mg_strconv_format_float(mg_string *out, double v, int32_t fmt, mg_int prec,
                             mg_int bit_size);
// Go's strconv.IsPrint, from Unicode tables generated from Go 1.19.
bool mg_rune_printable(int32_t r);

// ---- package errors (errors.c)
// errors.Unwrap, errors.Is and errors.As, as Go 1.19's.
void mg_errors_unwrap(mg_iface *out, const mg_iface *err);
void mg_errors_is(bool *out, const mg_iface *err, const mg_iface *target);
void mg_errors_as(bool *out, const mg_iface *err, const mg_iface *target);
// The signatures func(error) bool and func(any) bool, of the methods Is
// and As that errors.Is and errors.As call.
extern const mg_type mg_type_sig_is, mg_type_sig_as;

// ---- package os (os.c): its system calls. Each returns a count or a
// descriptor, or minus the errno; a write returns the count written, and
// mg_os_write_errno why it stopped short.
noreturn void mg_os_exit(mg_int code);
void mg_os_args(mg_slice *out);     // os.Args, copied from main's argv
void mg_os_environ(mg_slice *out);  // os.Environ
mg_int mg_os_open(const mg_string *path, mg_int flag, mg_int perm);
mg_int mg_os_read(mg_int fd, const mg_slice *b);
mg_int mg_os_write(mg_int fd, const mg_slice *b);
mg_int mg_os_write_string(mg_int fd, const mg_string *s);
mg_int mg_os_write_errno(void);
mg_int mg_os_file_size(mg_int fd);  // of an open file, for ReadFile
mg_int mg_os_close(mg_int fd);
mg_int mg_os_unlink(const mg_string *path);
mg_int mg_os_rmdir(const mg_string *path);

// ---- interfaces (iface.c)
// a == b for interface values: false for different dynamic types; panics
// "runtime error: comparing uncomparable type []int" for slices and funcs
// and arrays and structs holding them (naming the dynamic type).
bool mg_iface_equal(const mg_iface *a, const mg_iface *b);
// x.(T) failed: panics "interface conversion: interface {} is int, not
// string" (iface_name is the static type's spelling: "interface {}" or
// "error"; have is NULL for a nil interface).
noreturn void mg_panic_assert(const char *iface_name, const mg_type *have,
                              const mg_type *want);
// The descriptors the runtime's own methods need, which compiled code
// uses too: error, func() string, func(), func() error.
extern const mg_type mg_type_error, mg_type_sig_string, mg_type_sig_void, mg_type_sig_error;
// The itab of dynamic type have for interface type iface, made once per
// pair and kept; NULL for a nil have or one that lacks a method. Serves
// conversions between interfaces with methods and v, ok := x.(I).
const mg_itab *mg_itab_for(const mg_type *iface, const mg_type *have);
// x.(I) for an interface type I with methods: the itab, or a panic
// "interface conversion: main.T is not main.I: missing method M"
// ("interface conversion: interface is nil, not main.I" for nil).
const mg_itab *mg_assert_itab(const mg_type *iface, const mg_type *have);
// Whether an interface holds a value of type t in its data word.
static inline bool mg_type_is_direct(const mg_type *t) {
  return t->kind == MG_PTR || t->kind == MG_MAP || t->kind == MG_CHAN;
}
// The address of the value interface {} v holds: its box, or its data
// word.
static inline const void *mg_iface_value(const mg_iface *v) {
  return mg_type_is_direct(v->type) ? (const void *)&v->data : v->data;
}
// The dynamic type of v, a value of interface type iface (NULL: nil).
static inline const mg_type *mg_iface_type(const mg_type *iface, const mg_iface *v) {
  if (!v->type || iface->nmethods == 0)
    return v->type;
  return ((const mg_itab *)(const void *)v->type)->type;
}

// ---- channels and select (chan.c)
//
// A channel value is an mg_chan * (nil: NULL); the channel is the
// runtime's. Each operation blocks the running goroutine as Go's does
// (runtime/chan.go): a nil channel blocks forever, a closed one panics on
// send and close ("send on closed channel", "close of closed channel",
// "close of nil channel").
typedef struct mg_chan mg_chan;
// make(chan T, size), from the channel type's descriptor (MG_CHAN, elem);
// a negative or huge size panics "makechan: size out of range".
mg_chan *mg_chan_make(const mg_type *chantype, mg_int size);
// c <- *elem
void mg_chan_send(mg_chan *c, const void *elem);
// *elem = <-c (elem NULL: the value is dropped); false when c is closed
// and drained, *elem then zeroed: v, ok := <-c.
bool mg_chan_recv(mg_chan *c, void *elem);
void mg_chan_close(mg_chan *c);
mg_int mg_chan_len(mg_chan *c);  // nil: 0
mg_int mg_chan_cap(mg_chan *c);  // nil: 0

// One case of a select statement, in source order.
enum { MG_SELECT_SEND = 1, MG_SELECT_RECV = 2 };
typedef struct mg_select_case {
  mg_chan *chan;  // NULL: a nil channel, never ready
  void *elem;     // send: the value's address; receive: where the value
                  // goes (NULL: dropped)
  mg_int dir;     // MG_SELECT_SEND or MG_SELECT_RECV
} mg_select_case;
// Runs a select statement over cases[0..n): waits until a case can
// proceed (several ready: one chosen uniformly at random), performs it and
// returns its index; *recv_ok is a receive's ok. With has_default it never
// waits and returns -1 when no case is ready. select {} is n == 0 without
// default: it blocks forever.
mg_int mg_select(mg_select_case *cases, mg_int n, bool has_default, bool *recv_ok);

// ---- goroutines (sched.c)
//
// go f(x): codegen evaluates f and x into a heap block laid out as a
// deferred call's arguments (see mg_defer_push) and starts a goroutine
// that calls thunk(args, NULL).
void mg_go(void (*thunk)(void *args, void *token), void *args);
void mg_gosched(void);                   // runtime.Gosched
noreturn void mg_goexit(void);           // runtime.Goexit
mg_int mg_num_goroutine(void);           // runtime.NumGoroutine
mg_int mg_gomaxprocs(mg_int n);          // runtime.GOMAXPROCS
mg_int mg_num_cpu(void);                 // runtime.NumCPU
void mg_time_sleep(int64_t ns);          // time.Sleep

// ---- package sync's semaphores (sema.c) and package time's clocks (time.c)
//
// sync's Mutex, RWMutex and WaitGroup wait on semaphores: a uint32 count
// whose address keys a queue of goroutines (Go's runtime/sema.go).
void mg_sync_semacquire(uint32_t *addr);  // waits for *addr > 0, decrements it
void mg_sync_semrelease(uint32_t *addr);  // increments *addr, wakes a waiter
// sync.Cond's list of waiters, laid out as package sync's notifyList: the
// next ticket to hand out and the next to notify.
typedef struct mg_notify_list {
  uint32_t wait, notify;
} mg_notify_list;
void mg_sync_notify_wait(mg_notify_list *l, int ticket);  // ticket: a uint32
void mg_sync_notify_one(mg_notify_list *l);
void mg_sync_notify_all(mg_notify_list *l);
// Go's fatal error for misuse of sync: not recoverable.
noreturn void mg_sync_fatal(const mg_string *msg);
int64_t mg_time_walltime(void);  // ns since 1970 (CLOCK_REALTIME)
int64_t mg_time_nanotime(void);  // ns of CLOCK_MONOTONIC
void mg_time_sleep_until(int64_t deadline);  // a mg_time_nanotime reading (sched.c)

// ---- maps (map.c, hash.c)
//
// A map value is an mg_map * (nil: NULL). The table is the runtime's, but
// its first field is len(m), an mg_int that compiled code loads itself
// (nil: 0). Each entry point takes the map's type descriptor (MG_MAP, with
// key and elem) and the key by address. Hash and equality are Go's: +0 and
// -0 are one key, a NaN key is never found (each insert adds an entry),
// an interface key whose dynamic type is not comparable panics "runtime
// error: hash of unhashable type T" -- on a nil or empty map too.
typedef struct mg_map mg_map;
// make(map[K]V, hint); a negative or huge hint is taken as 0, as Go does.
mg_map *mg_map_make(const mg_type *maptype, mg_int hint);
// m[key] as a value: the value's address, or the address of zero bytes
// (at least elem->size of them) when key is absent or m is nil. Read it
// at once: any later map operation may move or reuse it.
void *mg_map_access(const mg_type *maptype, mg_map *m, const void *key);
// v, ok := m[key]: the value's address, or NULL when key is absent.
void *mg_map_lookup(const mg_type *maptype, mg_map *m, const void *key);
// m[key] = ...: the address of key's value, a zero value inserted first
// when key is absent; a nil m panics "assignment to entry in nil map".
// Evaluate the right-hand side before calling: the address is good only
// until the next map operation.
void *mg_map_assign(const mg_type *maptype, mg_map *m, const void *key);
// delete(m, key); no-op for a nil m or an absent key.
void mg_map_delete(const mg_type *maptype, mg_map *m, const void *key);
// Fast forms for maps whose key is 8 bytes (int64, uint64, and int, uint,
// uintptr and pointers on 64-bit targets), 4 bytes (int32, uint32, and
// those on 32-bit targets) or a string (kind MG_STRING), key by value;
// they skip the key-kind dispatch of the generic ones and behave the same.
void *mg_map_access_fast64(const mg_type *maptype, mg_map *m, uint64_t key);
void *mg_map_lookup_fast64(const mg_type *maptype, mg_map *m, uint64_t key);
void *mg_map_assign_fast64(const mg_type *maptype, mg_map *m, uint64_t key);
void *mg_map_access_fast32(const mg_type *maptype, mg_map *m, int key);
void *mg_map_lookup_fast32(const mg_type *maptype, mg_map *m, int key);
void *mg_map_assign_fast32(const mg_type *maptype, mg_map *m, int key);
void *mg_map_access_faststr(const mg_type *maptype, mg_map *m, const mg_string *key);
void *mg_map_lookup_faststr(const mg_type *maptype, mg_map *m, const mg_string *key);
void *mg_map_assign_faststr(const mg_type *maptype, mg_map *m, const mg_string *key);

// for k, v := range m: the iterator lives in the compiled function's
// frame (runtime/layouts.def):
//   mg_map_iter it; mg_map_iter_init(mt, m, &it);
//   while (it.key) { k = *it.key; v = *it.elem; body; mg_map_iter_next(&it); }
// key and elem address the current entry (key NULL: done); the rest is the
// runtime's. Each range starts at a random place. An entry deleted during
// the loop is not produced after its deletion; one added may or may not
// be; the loop goes on correctly when the table grows meanwhile.
typedef struct mg_map_iter {
  void *key;
  void *elem;
  mg_map *map;
  void *groups;  // the table being walked: the map's at the start
  mg_uint mask;
  mg_uint start;
  mg_uint i;
} mg_map_iter;
void mg_map_iter_init(const mg_type *maptype, mg_map *m, mg_map_iter *it);
void mg_map_iter_next(mg_map_iter *it);

// ---- printing (print.c): the built-ins print and println, to stderr,
// in Go's formats. println's spaces and newline are separate calls.
void mg_print_int(int64_t v);
void mg_print_uint(uint64_t v);
void mg_print_bool(bool v);
// +1.500000e+000, NaN, +Inf; float32 values are converted to float64.
void mg_print_float(double v);
void mg_print_complex(double re, double im);  // (+1.000000e+000+2.000000e+000i)
void mg_print_string(const mg_string *s);
void mg_print_pointer(const void *p);          // func and slice data: 0x...
void mg_print_slice(const mg_slice *s);        // [len/cap]0x...
void mg_print_iface(const mg_iface *v);        // (0x...,0x...)
void mg_print_space(void);
void mg_print_newline(void);

// ---- fmt, errors, os (fmt.c): args is an array of n interface values.
// Output goes straight to file descriptor 1 (unbuffered), as Go's does.
mg_int mg_fmt_print(const mg_iface *args, mg_int n);
mg_int mg_fmt_println(const mg_iface *args, mg_int n);
mg_int mg_fmt_printf(const mg_string *format, const mg_iface *args, mg_int n);
void mg_fmt_sprint(mg_string *out, const mg_iface *args, mg_int n);
void mg_fmt_sprintln(mg_string *out, const mg_iface *args, mg_int n);
void mg_fmt_sprintf(mg_string *out, const mg_string *format,
                    const mg_iface *args, mg_int n);
// fmt.Errorf: an error of type *fmt.wrapError when the format has %w,
// otherwise *errors.errorString.
void mg_fmt_errorf(mg_iface *out, const mg_string *format,
                   const mg_iface *args, mg_int n);
void mg_errors_new(mg_iface *out, const mg_string *text);
// runtime.GC: a full collection (mem.c).
void mg_runtime_gc(void);

// ---- panics (panic.c)
// panic(v) with v an interface value (nil interface allowed, as in Go 1.19).
noreturn void mg_panic(const mg_iface *v);
// Index and slice expressions out of range; code says which message. x is
// the offending operand at its full width, zero-extended when x_signed is
// false (Go's boundsError prints an unsigned index as unsigned, and a
// 64-bit index on a 32-bit target whole); y is the length, capacity or
// upper bound it was checked against.
typedef enum mg_bounds_code {
  MG_BOUNDS_INDEX,        // "index out of range [x] with length y"
  MG_BOUNDS_SLICE_ALEN,   // "slice bounds out of range [:x] with length y"
  MG_BOUNDS_SLICE_ACAP,   // "slice bounds out of range [:x] with capacity y"
  MG_BOUNDS_SLICE_B,      // "slice bounds out of range [x:y]"
  MG_BOUNDS_SLICE3_ALEN,  // "slice bounds out of range [::x] with length y"
  MG_BOUNDS_SLICE3_ACAP,  // "slice bounds out of range [::x] with capacity y"
  MG_BOUNDS_SLICE3_B,     // "slice bounds out of range [:x:y]"
  MG_BOUNDS_SLICE3_C,     // "slice bounds out of range [x:y:]"
  MG_BOUNDS_CONVERT,      // "cannot convert slice with length y to pointer to array with length x"
} mg_bounds_code;
noreturn void mg_panic_bounds(mg_int code, int64_t x, mg_int y, bool x_signed);
noreturn void mg_panic_divide(void);   // "integer divide by zero"
noreturn void mg_panic_overflow(void); // "integer overflow" (math/bits.Div*)
noreturn void mg_panic_nil(void);      // nil function call
// Go's panicwrap: a value method called through a nil pointer by a
// wrapper Go does not optimize away, with text "value method main.T.M
// called using nil *T pointer" (a runtime.plainError).
noreturn void mg_panic_wrap(const char *text);
noreturn void mg_panic_shift(void);    // "negative shift amount"

// ---- defer, panic and recover (defer.c, arch/<arch>/context.S)
//
// A function that defers keeps one frame record on its stack for each
// activation, and defers in one of two ways.
//
// Open-coded (no defer in a loop, at most 32 defer sites): the operands of
// each site live in stack slots, a bit per site says which have run, and
// the calls are made inline at return. The frame's own record (`open`) is
// on the goroutine's defer list while the function runs, so that a panic
// finds the pending calls: its thunk, generated per function, runs the
// newest pending one (clearing its bit first).
//   at entry:   frame.open = {link: mg_defers->top, frame: &frame, thunk:
//               runner, kind: MG_DEFER_OPEN}; mg_defers->top = &frame.open;
//               if (mg_context_save(&frame.ctx) != 0) goto exit;
//   defer f(x): slots_k = {f, x}; frame.open_bits |= 1 << k
//   exit:       for each k, newest first, if its bit is set: clear it, call;
//               mg_defers->top = frame.open.link; return results
//
// Chunked (a defer in a loop): records come from the goroutine's chunks.
//   at entry:   if (mg_context_save(&frame.ctx) != 0) goto exit;
//   defer f(x): args = mg_defer_push(&frame, thunk, size, noscan);
//               store f, x in args
//   exit:       mg_defer_return(&frame); return results
// Compiled code does the common cases of both inline: it carves a record
// from the current chunk when there is room (mg_newdefer), and at exit pops
// the records of its own sites as mg_popdefer does (calling
// mg_chunk_emptied when a chunk empties) and makes their calls directly,
// leaving any other record to mg_defer_return.
// A thunk is generated per defer site: it loads the function value and the
// arguments from the block and calls the function, passing token on.
//
// Either way, recovery resumes the frame at the context it saved, and the
// function leaves through its exit block with its results as they stand.
//
// Every compiled function takes, after ctx, a "recover token": the panic a
// deferred call is run by, or NULL. Only the thunk passes a non-NULL one, so
// recover() can tell a call made directly by the deferred function (token
// is the running panic) from one made by a helper it calls (NULL).
#include "arch/arch.h"

typedef struct mg_frame mg_frame;

// Where a record lives, which says how it is popped and freed. The two
// chunk kinds are also the index of their chunk stack in mg_defer_stack.
enum mg_defer_kind {
  MG_DEFER_CHUNK,         // carved from a chunk the collector scans
  // Carved from a chunk outside the collector's heap: the argument block
  // holds no heap pointers (a million pending defers of ints would
  // otherwise be marked again at every collection).
  MG_DEFER_NOSCAN_CHUNK,
  MG_DEFER_SPECIAL,       // a block of its own rather than part of a chunk
  MG_DEFER_OPEN,          // the record of an open-coded frame, inside the frame
};

// A pending deferred call, or an open-coded frame's place on the list.
// The argument block of a chunked record follows it at MG_DEFER_HEADER.
typedef struct mg_defer mg_defer;
struct mg_defer {
  mg_defer *link;     // the next older record of the goroutine
  mg_frame *frame;    // the activation that deferred the call
  // Makes the call: thunk(args, token); for an open record the frame's
  // runner, thunk(frame, token), which makes its newest pending call.
  void (*thunk)(void *args, void *token);
  uint32_t size;      // bytes in the argument block (a multiple of 8)
  uint8_t kind;       // an mg_defer_kind
};

struct mg_frame {
  // The address of the activation's result slots. Storing it here makes
  // the slots escape, so the optimizer keeps them in memory rather than in
  // registers that recovery would restore to their values at the save.
  void *results;      // (not set when there are no results)
  mg_defer open;      // open-coded frames: their record on the defer list
  uint32_t open_bits; // open-coded frames: bit k set while site k is pending
  void **open_slots;  // open-coded frames: site k's operands at open_slots[k]
  // Where recovery resumes this activation. Last, because a frame that no
  // deferred call can resume has none: its record stops before it, which
  // keeps a deep recursion of deferring functions small.
  mg_context ctx;
};

// Chunk size, header included: small enough that a goroutine that defers
// little wastes little, large enough for dozens of typical records. A
// chunk fills the collector's 2048-byte size class: the collector adds a
// byte to each object (so that a pointer just past its end keeps it alive),
// and a 2048-byte request would take a 4096-byte block, doubling the memory
// and the page faults of deferring.
#define MG_DEFER_CHUNK_SIZE (2048 - 16)

// A record (runtime.h) is followed by its argument block, 8-byte aligned so
// that any argument type can be stored there; the per-site thunk knows the
// block's layout (the function value, then the arguments).
#define MG_DEFER_HEADER ((sizeof(mg_defer) + 7) & ~(size_t)7)

typedef struct mg_defer_chunk mg_defer_chunk;
struct mg_defer_chunk {
  mg_defer_chunk *prev;  // the chunk that was current before this one
  uint32_t off;          // bytes in use, header included
};

// A goroutine's pending deferred calls, newest first. Records whose
// arguments hold heap pointers come from chunks the collector scans; the
// others from chunks outside the collector's heap (runtime/arena.c). Each
// kind is a stack of its own.
//
// What keeps a pending record alive. Every pending record, and everything
// its arguments reference, is reachable by the collector whatever kinds of
// record link to it: no record is kept alive by the `link` of the record
// above it, because that record may sit where the collector never looks (an
// unscanned chunk). Instead each kind is reachable on its own:
//   MG_DEFER_CHUNK         its chunk is on chunk[MG_DEFER_CHUNK]'s prev
//                          chain, rooted here; the chunk, arguments
//                          included, is scanned;
//   MG_DEFER_NOSCAN_CHUNK  outside the collector's heap, never collected; its
//                          arguments hold no heap pointers (only integers
//                          and booleans, codegen decides);
//   MG_DEFER_SPECIAL       its block is on the `special` chain, rooted here,
//                          and scanned;
//   MG_DEFER_OPEN          inside its frame on the goroutine's stack, which
//                          the collector scans, like the operand slots.
// So this struct must itself be seen by the collector: static data for the
// main goroutine (start.c), a scanned object for any other. A record popped
// to make its call is kept by the runner that holds it; if a recovered
// panic unwinds past the runner, a special block is left to the collector.
typedef struct mg_defer_special mg_defer_special;
typedef struct mg_defer_stack {
  mg_defer *top;                  // newest pending record, NULL when none
  // Indexed by MG_DEFER_CHUNK and MG_DEFER_NOSCAN_CHUNK: the chunk new
  // records of that kind are carved from, and an emptied chunk kept for
  // the next switch.
  mg_defer_chunk *chunk[2];
  mg_defer_chunk *spare[2];
  mg_defer_special *special;      // the newest pending special record's block
} mg_defer_stack;

// The running goroutine's defer stack. Compiled code links open-coded
// frames in and out of its list (top is the first field), and carves
// chunked records inline when the current chunk has room, calling
// mg_defer_push otherwise.
extern mg_defer_stack *mg_defers;

void *mg_defer_push(mg_frame *frame, void (*thunk)(void *args, void *token),
                    mg_int args_size, bool noscan);
void mg_defer_return(mg_frame *frame);
void mg_chunk_emptied(mg_defer_stack *s, bool noscan);  // keeps an emptied chunk as the spare
void mg_recover(mg_iface *out, void *token);

// ---- every entry point above, checked against entry_points.def, the
// one list of them that codegen also declares its calls from.
#define VOID void
#define INT mg_int
#define I64 int64_t
#define F32 float
#define F64 double
#define U64 uint64_t
#define BOOL bool
#define CINT int
#define PTR(T) T *
#define THUNK void (*)(void *, void *)
#define MG_ENTRY(name, result, params, flags)                                      \
  _Static_assert(__builtin_types_compatible_p(__typeof__(name), result params),  \
                 #name "'s prototype differs from entry_points.def");
#include "entry_points.def"

#endif
