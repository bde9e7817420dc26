// gen.h: state and helpers shared by the code generator's files.
//
// gen.c walks the program: variables, functions, main.init; frame.c keeps
// the function being generated; gen_expr.c turns expressions into values,
// gen_stmt.c statements into control flow, gen_defer.c defer statements
// into records and calls; gen_base.c is the layer under them all (types,
// constants, descriptors, runtime calls, blocks); escape.c decides what
// may live in a frame; layout.c and debug_info.c describe the runtime's
// structs and the source to LLVM; emit.c turns the module into files.
#ifndef GEN_H
#define GEN_H

#include "codegen.h"

#include <stdio.h>

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

// The runtime structs compiled code reads and writes itself
// (runtime/layouts.def): LS_<struct> names one, LF_<struct>_<field> is
// the number of its field.
#include "layouts.def"
#define MG_LAYOUT_STRUCT_ENUM(s) LS_##s,
typedef enum LayoutStruct { MG_LAYOUTS(MG_LAYOUT_STRUCT_ENUM) LS_COUNT } LayoutStruct;
#define MG_LAYOUT_FIELD_ENUM(s, f, t) LF_##s##_##f,
#define MG_LAYOUT_FIELDS_ENUM(s) enum { MG_LAYOUT_##s(MG_LAYOUT_FIELD_ENUM) };
MG_LAYOUTS(MG_LAYOUT_FIELDS_ENUM)
#undef MG_LAYOUT_STRUCT_ENUM
#undef MG_LAYOUT_FIELD_ENUM
#undef MG_LAYOUT_FIELDS_ENUM

typedef struct Frame Frame;

// One compilation's LLVM state. There is one module per run, so a single
// global keeps every helper's signature short.
typedef struct Gen {
  LLVMContextRef ctx;
  LLVMModuleRef mod;
  LLVMBuilderRef b;
  LLVMTargetMachineRef tm;
  LLVMTargetDataRef td;
  const BuildOptions *opts;
  Program *prog;
  Frame *frame;                 // the function being generated (frame.c)
  LLVMTypeRef t_void, t_i1, t_i8, t_i32, t_i64, t_int, t_i8p;
  LLVMTypeRef t_string, t_slice, t_iface, t_typedesc;
  // The named LLVM struct of a layout that has one (layout.c).
  LLVMTypeRef layout_named[LS_COUNT];
  // escape.c's findings: the function literals that never outlive the
  // activation making them, the variables in cells (captured or
  // addressed) whose cells must be on the heap, and the objects of
  // &T{...} and new(T) that can be slots of their maker's frame.
  PtrSet frame_literals;        // FuncInfo*
  PtrSet heap_cells;            // Symbol*
  PtrSet frame_allocs;          // Node*: the ND_ADDR or the CALL_NEW call
  // gen_method.c's interface tables and method wrappers made so far.
  Vec itabs, wrappers;
  // gen_base.c: a type standing for each set of identical types that
  // mention defined types (their descriptors are made per type object).
  Vec canonical_types;
  // Line tables (debug_info.c): the builder, the source file, the compile unit.
  LLVMDIBuilderRef dib;
  LLVMMetadataRef di_file, di_cu;
} Gen;
extern Gen gen;

// A value computed before its expression is generated (Frame.ready): an
// operand Go's order pass evaluates ahead of its statement, taken once, or
// a deferred call's operand loaded from its record, kept while the call is
// generated.
typedef struct ReadyValue {
  Node *node;
  LLVMValueRef value;
  bool kept;
} ReadyValue;

// Where break and continue go for one enclosing loop or switch statement.
typedef struct Jump {
  Node *stmt;
  LLVMBasicBlockRef brk, cont;
} Jump;

// The function whose body is being generated: everything code generation
// keeps about it lives here, so nothing outlives the function.
struct Frame {
  FuncInfo *fi;             // NULL for main.init
  LLVMValueRef fn;
  LLVMBuilderRef allocas;   // positioned at the end of the entry block
  LLVMBasicBlockRef entry, exit;
  LLVMValueRef *capture_cells;  // per fi->captures: the cell's address
  LLVMValueRef *result_slots;   // one per result
  int nresults;
  Type **result_types;
  // Functions that defer: the frame record the runtime links their
  // deferred calls to and resumes them through (runtime.h); else NULL.
  LLVMValueRef defer_frame;
  // What recover() passes the runtime: the function's own token parameter,
  // or NULL in a thunk (a deferred recover() is not called by a function).
  LLVMValueRef recover_token;
  // What calls pass as the callee's token: NULL, except for the one call
  // a thunk makes, which passes on the token the runtime gave the thunk.
  LLVMValueRef call_token;
  // Open-coded defers (gen_defer.c): the sites, numbered in source order,
  // and the frame's runner, which a panic calls to make a pending call.
  bool open_coded;
  Vec open_sites;
  LLVMValueRef open_runner;
  // Chunked defers (gen_defer.c): the sites, in source order, whose thunks
  // are generated once the function is done.
  Vec chunked_sites;
  // go statements (gen_defer.c): their sites, whose thunks are generated
  // once the function is done, as chunked defers' are.
  Vec go_sites;
  Vec ready;                    // ReadyValue*, newest last
  Vec jumps;                    // Jump*, innermost last
  LLVMBasicBlockRef fallthrough;  // the next case's body, in a switch case
  LLVMMetadataRef di_scope;     // with -g: the function's subprogram
};

// ---- gen_base.c: types, constants, descriptors, runtime calls, blocks
LLVMTypeRef ll_type(Type *t);             // the LLVM type of a Mini type
LLVMTypeRef ll_func_type(Type *ft);       // code type, ctx first
// The symbol of a compiled function: Go's "PATH.NAME" ("main.f",
// "strings.(*Builder).Write", "main.main.func1").
const char *gen_func_symbol(FuncInfo *fi);
// A call of LLVM intrinsic `name` (declared on first use) returning ret.
LLVMValueRef gen_call_intrinsic(const char *name, LLVMTypeRef ret, LLVMValueRef *args, int n);
// The body of a standard library function declared without one
// (codegen/intrinsics.def).
void gen_intrinsic_body(FuncInfo *fi);
bool gen_intrinsic_stores_values(FuncInfo *fi);  // sync/atomic's Store, Swap, CompareAndSwap
LLVMTypeRef ll_results_type(Type *ft);    // what a function of type ft returns
uint64_t ll_type_size(Type *t);
bool ll_has_pointers(Type *t);            // whether the collector must scan it
Type *gen_type_of(Node *e);               // e's type, untyped made default
LLVMValueRef ll_type_desc(Type *t);       // i8* to the mg_type descriptor
LLVMValueRef rt_call(const char *name, LLVMValueRef *args, int n);
// rt("mg_x", a, b): rt_call with the arguments written out.
#define rt(name, ...)                                                   \
  rt_call(name, (LLVMValueRef[]){__VA_ARGS__},                          \
          (int)(sizeof((LLVMValueRef[]){__VA_ARGS__}) / sizeof(LLVMValueRef)))
LLVMValueRef ll_zero(Type *t);
LLVMValueRef ll_const_int(LLVMTypeRef t, int64_t v);
LLVMValueRef ll_int(int64_t v);           // a Go int constant
LLVMValueRef ll_const_string(const char *s, int64_t len);
LLVMValueRef ll_cstring(const char *s);
void ll_start_block(LLVMBasicBlockRef bb);  // branch to bb if open, continue there
bool ll_block_open(void);
// Sets up gen for a target: context, target machine, data layout and the
// basic types (codegen_program's first step, on its own for tools).
void gen_init_target(const BuildOptions *opts);

// ---- frame.c: the function being generated
LLVMBasicBlockRef frame_block(const char *name);  // a new block of it
LLVMValueRef frame_alloca(LLVMTypeRef t, const char *name);  // in its entry block
LLVMValueRef frame_spill(LLVMValueRef v);  // stores v in a fresh slot, returns it
// A function body's frame: frame_begin makes the entry and exit blocks;
// frame_end branches entry to body and fills the exit block.
void frame_begin(Frame *f, LLVMValueRef fn);
void frame_end(Frame *f, LLVMBasicBlockRef body);
LLVMBasicBlockRef frame_begin_function(Frame *f, LLVMValueRef fn);  // f->fi's
LLVMValueRef frame_var_addr(Symbol *sym);  // address of a variable's value
bool frame_var_in_cell(Symbol *sym);
void frame_declare_local(Symbol *sym);    // runs at the declaration point
// The current frame's ready values: frame_take_ready finds e's value (and
// forgets it unless kept); frame_drop_kept forgets the kept ones.
void frame_set_ready(Node *e, LLVMValueRef v, bool kept);
bool frame_take_ready(Node *e, LLVMValueRef *v);
bool frame_has_ready(Node *e);
void frame_drop_kept(void);
// The current frame's break/continue targets: push on entering a loop or
// switch, pop on leaving it; frame_jump finds the statement's.
void frame_push_jump(Node *stmt, LLVMBasicBlockRef brk, LLVMBasicBlockRef cont);
void frame_pop_jump(void);
Jump *frame_jump(Node *stmt);

// ---- gen.c: the program's functions
LLVMValueRef gen_func_value(FuncInfo *fi);  // a function's closure here
LLVMValueRef gen_static_closure(LLVMValueRef fn);  // one capturing nothing
LLVMValueRef gen_const(Const c, Type *t);  // a constant as a value of type t
// A package-level declaration whose values are constants (gen_static.c)
// becomes the initial data of its variables; false when it must run.
bool gen_static_var_init(Node *d);

// ---- gen_expr.c
LLVMValueRef gen_expr(Node *e);
LLVMValueRef gen_call(Node *e);           // NULL for calls without a value
// e's value converted for assignment to type t (boxing into interfaces).
LLVMValueRef gen_expr_to(Node *e, Type *t);
LLVMValueRef gen_convert(LLVMValueRef v, Type *from, Type *to);
// The dynamic type (descriptor, NULL for nil) of v, a value of interface
// type t.
LLVMValueRef gen_dynamic_type(LLVMValueRef v, Type *t);
// The value of type t an interface value x holds (its dynamic type is t).
LLVMValueRef gen_iface_data(LLVMValueRef x, Type *t);
// Continues in a fresh block when ok holds; otherwise calls the noreturn
// runtime function name(args).
void check_or_panic(LLVMValueRef ok, const char *name, LLVMValueRef *args, int n);
LLVMValueRef gen_cond(Node *e);
// Evaluates ahead what Go's order pass evaluates ahead in e (calls, &&,
// ...), before the rest of the statement; _to: e is converted to type to.
void gen_order_expr(Node *e);
void gen_order_expr_to(Node *e, Type *to);
LLVMValueRef gen_binop_values(Op op, LLVMValueRef a, Type *ta, LLVMValueRef b, Type *tb);
LLVMValueRef gen_equal(LLVMValueRef a, Type *ta, LLVMValueRef b, Type *tb);
LLVMValueRef gen_to_int(LLVMValueRef v, Type *t);  // any integer to Go int
// An element, key or value of a literal as a value of type t: an inner
// literal may have its type elided ({...}, &T{...} for a pointer type).
LLVMValueRef gen_literal_elem(Node *v, Type *t);
// A size operand of make as a Go int; one that does not fit becomes -1.
LLVMValueRef gen_make_size_operand(Node *e);

// ---- gen_float.c: float and complex values (a complex is {re, im})
LLVMTypeRef ll_float_type(int bits);
LLVMTypeRef ll_complex_type(int bits);
LLVMValueRef gen_float_const(Const c, Type *t);
LLVMValueRef gen_one(Type *t);  // 1 of a numeric type, for ++ and --
LLVMValueRef gen_float_binop(Op op, LLVMValueRef a, LLVMValueRef b, Type *t);
LLVMValueRef gen_float_neg(LLVMValueRef v, Type *t);
LLVMValueRef gen_fused(Node *e);  // a + x*y as Go's arm64 fuses it, or NULL
LLVMValueRef gen_float_compare(Op op, LLVMValueRef a, LLVMValueRef b, Type *t);
LLVMValueRef gen_numeric_convert(LLVMValueRef v, Type *from, Type *to);
LLVMValueRef gen_complex_make(LLVMValueRef re, LLVMValueRef im, Type *t);
LLVMValueRef gen_complex_part(LLVMValueRef v, int i);
LLVMValueRef gen_elem_addr(LLVMValueRef slice, Type *st, LLVMValueRef idx,
                                      Type *it);
// Results of a multi-value expression (call or comma-ok assertion).
void gen_multi(Node *e, LLVMValueRef *out, Type **types, int n);
int gen_multi_count(Node *e);
// A call's arguments, with f(g()) spread into g's results: how many, and
// their values (value i converted to want[i] unless that is NULL).
int gen_call_arg_count(Node *e);
// The arguments of call e of a function of type ft, as the function takes
// them (variadic extras packed into a slice).
void gen_args(Node *e, Type *ft, LLVMValueRef *out);
void gen_call_args(Node *e, Type **want, LLVMValueRef *vals, Type **types);

// ---- gen_chan.c: channels and select (runtime/chan.c)
LLVMValueRef gen_chan_make(Node *call);
LLVMValueRef gen_chan_len_cap(LLVMValueRef c, bool is_len);
void gen_chan_close(Node *call);
void gen_send(Node *s);
LLVMValueRef gen_recv(Node *e, LLVMValueRef *ok);  // <-c; v, ok := <-c with ok
void gen_select(Node *s);
// ---- gen_map.c: maps (runtime/map.c)
LLVMValueRef gen_map_index(Node *e);      // m[k] read
LLVMValueRef gen_map_lookup(Node *e, LLVMValueRef *ok);  // v, ok := m[k]
LLVMValueRef gen_map_read(Type *mt, LLVMValueRef m, LLVMValueRef k);
// The address m[k] = v stores into (the entry made if absent); good until
// the next map operation, so evaluate v first.
LLVMValueRef gen_map_assign_addr(Type *mt, LLVMValueRef m, LLVMValueRef k);
void gen_map_delete(Node *call);
LLVMValueRef gen_map_len(LLVMValueRef m);
LLVMValueRef gen_map_make(Node *call);
LLVMValueRef gen_map_literal(Node *e, Type *mt);
// for k, v := range m: the iterator's slot, positioned at the first entry;
// done, the current key and value, the step to the next.
LLVMValueRef gen_map_iter_init(Type *mt, LLVMValueRef m);
LLVMValueRef gen_map_iter_done(LLVMValueRef it);
LLVMValueRef gen_map_iter_key(LLVMValueRef it, Type *mt);
LLVMValueRef gen_map_iter_elem(LLVMValueRef it, Type *mt);
void gen_map_iter_next(LLVMValueRef it);

// ---- gen_aggregate.c: structs, arrays, pointers
// A place assigned through a pointer, between Go's two phases of an
// assignment: the pointer is evaluated in the first, checked for nil
// only when the second stores (m[k], *p = 1, 2 with a nil p makes m's
// entry before it panics); fields are those after the pointer.
typedef struct GenPlace {
  LLVMValueRef ptr;
  Type *type;       // what ptr points to
  Vec fields;       // Field*
} GenPlace;
bool gen_place_split(Node *e, GenPlace *out);
LLVMValueRef gen_place_addr(GenPlace *p);
bool gen_is_addressable(Node *e);
LLVMValueRef gen_addr(Node *e);           // typed pointer to e's value
LLVMValueRef gen_nil_checked(LLVMValueRef p);  // p, after panicking if nil
LLVMValueRef gen_field(Node *sel);
LLVMValueRef gen_array_index_addr(Node *e);
LLVMValueRef gen_array_as_slice(Node *a);  // a[:] of an array or *array a
LLVMValueRef gen_address_of(Node *e);     // &x
LLVMValueRef gen_new(Node *e);
LLVMValueRef gen_deref(Node *e);          // *p
LLVMValueRef gen_aggregate_literal(Node *e, Type *t);
LLVMValueRef gen_aggregate_equal(LLVMValueRef a, LLVMValueRef b, Type *t);

// ---- gen_method.c: calls of methods, method values and expressions
LLVMValueRef gen_method_call(Node *e);
LLVMValueRef gen_method_value(Node *sel);  // x.M or T.M not called
// A type descriptor's slot for method Error or String (runtime.h).
LLVMValueRef gen_method_slot(Type *t, const char *name);
LLVMValueRef gen_method_table(Type *t, int *n);  // a descriptor's methods
LLVMValueRef gen_itab(Type *iface, Type *t);     // i8* to t's table for iface
LLVMValueRef gen_iface_wrapper(Type *t, MethodSetEntry *e);

// ---- gen_defer.c
void gen_defer_prologue(Frame *f);        // at entry of a function that defers
void gen_defer_epilogue(Frame *f);        // in its exit block
void gen_defer(Node *s);
void gen_go(Node *s);
LLVMValueRef gen_recover(void);
void gen_pending_thunks(Frame *f);        // after the function that deferred
// The inline parts of the record allocator that a chunked site's code
// uses, on their own for codegen/defer_check.c, which proves them against
// the runtime's: a site's record kind (-1: a block of its own) and size,
// the carve at its defer statement and the pop at return.
int defer_record_kind(bool noscan, uint64_t args_size, uint64_t *record_size);
LLVMValueRef defer_carve_inline(int kind, uint64_t total, LLVMValueRef frame, LLVMValueRef thunk,
                                LLVMBasicBlockRef slow, LLVMBasicBlockRef done);
LLVMValueRef defer_pop_inline(int kind, uint64_t total, LLVMValueRef d,
                              LLVMBasicBlockRef general);

// ---- gen_stmt.c
void gen_stmt(Node *s);
void gen_block(Node *s);
void gen_var_init(Node *s, bool global);

// ---- escape.c: what can live in its maker's frame instead of the heap
void escape_analyse(Program *prog);       // before any function is generated
void escape_report(Program *prog);        // -m: its decisions on stderr
// A literal whose closure never outlives the activation making it (called
// where it stands, deferred outside loops, kept in locals, passed to
// parameters that do not leak): its closure can be a slot of the frame.
bool escape_literal_in_frame(FuncInfo *fi);
// A variable in a cell whose address never outlives its activation: its
// cell can be a slot of the frame.
bool escape_cell_in_frame(Symbol *sym);
// &T{...} or new(T) whose object never outlives the activation making it.
bool escape_alloc_in_frame(Node *site);

// ---- debug_info.c: line tables, always (the traceback reads them)
void debug_init(void);
// A function defined at line of source (NULL: the main package's first file).
void debug_function(LLVMValueRef fn, const char *source, int line);
void debug_location(Pos pos);             // the statement at pos
void debug_finish(void);

// ---- layout.c: the LLVM types of layouts.def's structs
// The struct: its named type if layout_name gave it one, else a literal.
LLVMTypeRef layout_type(LayoutStruct s);
// A literal struct of s's first nfields fields.
LLVMTypeRef layout_prefix(LayoutStruct s, unsigned nfields);
// Creates the named struct type for s and remembers it in gen.
LLVMTypeRef layout_name(LayoutStruct s, const char *name);
// Writes C that compiles only where the target's C compiler lays out
// every struct as gen.td does: one offsetof and sizeof assertion each.
void layout_write_asserts(FILE *out);

// ---- emit.c
LLVMTargetMachineRef emit_target_machine(const BuildOptions *opts);

static inline LLVMValueRef load(LLVMTypeRef t, LLVMValueRef p) {
  return LLVMBuildLoad2(gen.b, t, p, "");
}
static inline void store(LLVMValueRef v, LLVMValueRef p) {
  LLVMBuildStore(gen.b, v, p);
}
static inline LLVMValueRef field(LLVMValueRef agg, unsigned i) {
  return LLVMBuildExtractValue(gen.b, agg, i, "");
}
static inline LLVMValueRef with_field(LLVMValueRef agg, LLVMValueRef v, unsigned i) {
  return LLVMBuildInsertValue(gen.b, agg, v, i, "");
}
static inline LLVMValueRef bitcast(LLVMValueRef v, LLVMTypeRef t) {
  return LLVMTypeOf(v) == t ? v : LLVMBuildBitCast(gen.b, v, t, "");
}
static inline LLVMValueRef as_i8p(LLVMValueRef v) {
  return bitcast(v, gen.t_i8p);
}
static inline LLVMTypeRef ptr_to(LLVMTypeRef t) {
  return LLVMPointerType(t, 0);
}
static inline void br(LLVMBasicBlockRef bb) {
  LLVMBuildBr(gen.b, bb);
}
static inline void cond_br(LLVMValueRef c, LLVMBasicBlockRef t, LLVMBasicBlockRef f) {
  LLVMBuildCondBr(gen.b, c, t, f);
}
static inline bool is_iface(Type *t) {
  return t->kind == TY_IFACE;
}
// Whether an interface holds a value of type t in its data word itself
// rather than in a box: pointers, maps and channels, as Go's direct
// interfaces (runtime.h's mg_type_is_direct).
static inline bool is_direct_iface(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k == TY_POINTER || k == TY_MAP || k == TY_CHAN;
}
// An interface with methods: its values hold an itab (runtime.h).
static inline bool has_itab(Type *t) {
  return t->kind == TY_IFACE && type_under(t)->imethods.len > 0;
}
static inline LLVMValueRef icmp(LLVMIntPredicate p, LLVMValueRef a, LLVMValueRef b) {
  return LLVMBuildICmp(gen.b, p, a, b, "");
}

#endif
