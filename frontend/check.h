// check.h: declarations shared by the type checker's files (types.c,
// const.c, check.c, check_expr.c, check_stmt.c) and nobody else.
#ifndef CHECK_H
#define CHECK_H

#include "minigo.h"

// ---- const.c
enum { CERR_OK, CERR_INVALID, CERR_DIVZERO, CERR_OVERFLOW };
Const const_int(__int128 v);
Const const_bool(bool b);
Const const_string(const char *s, int64_t len);
Const const_rune_string(__int128 v);
int const_binary(Op op, Const a, Const b, Const *out);
int const_shift(Op op, Const a, __int128 count, Const *out);
int const_unary(Op op, Const a, Type *t, Const *out);
bool const_compare(Op op, Const a, Const b);
// Significant bits of |v|, as Go's constant.BitLen.
int const_bitlen(Const v);
int utf8_decode(const unsigned char *s, int64_t n, int32_t *rune);

// ---- const_num.c
enum { CREP_OK, CREP_TRUNCATED, CREP_OVERFLOW };
// Whether v is a value of type t, and *v made one (converted to t's kind
// of number, rounded to a float type's precision); see const_num.c.
int const_represent(Const *v, Type *t);
void const_num_reset(void);
bool const_is_number(Const c);
bool const_to_kind(Const c, ConstKind kind, Const *out);
int const_sign(Const c);
Const const_complex(Const re, Const im);
int const_number_binary(Op op, Const a, Const b, Const *out);
int const_number_unary(Op op, Const a, int unsigned_bits, Const *out);
int const_number_compare(Const a, Const b);
char *const_number_string(Const v);
char *const_string_repr(Const v);

// ---- types.c
// Function types remember parameter names for diagnostics only, as Go's
// "func(a ...any) (n int, err error)"; identity ignores them.
Type *type_func_named(Vec params, Vec results, bool is_variadic, const char **pnames,
                      const char **rnames);

// ---- check_expr.c
// What an expression denotes, as in Go's types2 (operand modes).
typedef enum Mode {
  M_INVALID,  // an error was reported; stay quiet about it
  M_NOVALUE,  // call of a function without results
  M_BUILTIN,  // len, fmt.Println, err.Error, ... not yet called
  M_TYPE,     // a type expression
  M_CONST,    // compile-time constant: val
  M_VAR,      // addressable: a variable or a slice element
  M_VALUE,    // any other value
  M_NIL,      // the untyped nil
  M_COMMAOK,  // a type assertion that may be used as v, ok
  M_MAPINDEX, // m[k]: assignable, not addressable, may be used as v, ok
} Mode;

typedef struct Operand {
  Mode mode;
  Node *expr;
  Type *type;
  Const val;
  CallKind builtin;  // M_BUILTIN: which one
  const LibFunc *lib;  // M_BUILTIN with CALL_LIBRARY: which library function
} Operand;

void check_raw(Operand *x, Node *e);
void check_expr(Operand *x, Node *e);
void check_single(Operand *x);
void check_expr_with(Operand *x, Node *e, Type *target, const char *context);
void assign_operand(Operand *x, Type *target, const char *context);
void convert_untyped(Operand *x, Type *target);
void default_operand(Operand *x);
Type *resolve_type(Node *e);
// Reports the map types whose key types are not comparable (Go checks
// them once every type is complete).
void check_map_keys(void);
// check_chan.c
Type *check_chan_type(Node *e);
void check_recv(Operand *x, Node *e);
void check_send(Node *s);
bool check_close_arg(Operand *a);
char *expr_string(Node *e);
char *operand_string(Operand *x);
char *types_summary(Type **types, int n, bool variadic);
// Evaluates a list of right-hand sides for n left-hand sides: a single call
// with several results spreads; v, ok forms are recognized when n == 2.
int check_rhs_list(Vec *values, int n, Operand **out, bool *comma_ok);
void use_expr(Node *e);
void check_binary(Operand *x, Node *e, Node *lhs, Node *rhs, Op op);
void check_comparison(Operand *x, Operand *y, Op op, bool switch_case);
Pos start_pos(Node *e);
Type *signature_type(Node *ftype, Vec *param_syms, Vec *result_syms, FuncInfo *owner);
// The elements of a slice or array literal (array: length >= 0); returns
// the literal's length.
int64_t check_literal_indexes(Node *lit, Type *elem, int64_t length);
// One element or map key of a literal: {...} may leave elem out.
void check_literal_elem(Operand *y, Node *el, Type *elem, const char *context);

// ---- check_stmt.c
void check_func_body(FuncInfo *f, Node *body);
void check_const_spec(Node *d, bool global);
void check_var_spec(Node *d, Symbol **syms);

void check_funclit(Operand *x, Node *e);

// ---- check.c
typedef struct Scope Scope;
struct Scope {
  Scope *outer;
  Vec syms;
  bool is_func;  // the outermost scope of a function body
  // A hash index by name, built once the scope is large (the package
  // scope of a big file): searching the list would make checking
  // quadratic. Open addressing; index_cap is a power of two.
  Symbol **index;
  int index_cap;
  int indexed;   // how many of syms are in the index
  // The nearest enclosing scope with symbols when this one opened. Only the
  // innermost scope gains symbols, so it stays right while this one is
  // open; lookups skip the empty scopes between (a chain of 100,000 `else
  // if`s is 100,000 nested scopes, nearly all empty).
  Scope *outer_nonempty;
};

// A package-level declaration being resolved lazily: Go lets package-level
// names refer to each other in any order.
typedef struct PkgObj {
  Symbol *sym;
  Node *decl;       // ND_VAR, ND_CONST or ND_FUNC_DECL
  int index;        // which name of decl
  int state;        // 0 unchecked, 1 in progress, 2 done
  Vec deps;         // PkgObj* of package-level vars and funcs referenced
  int order;        // declaration order of the decl
  Scope *file_scope;  // the block of its file, where its imports are
} PkgObj;

typedef struct Checker {
  Scope *universe, *pkg_scope, *scope;
  Package *pkg;        // the package being checked
  Scope *file_scope;   // the block of the file whose declarations are collected
  Program *prog;
  FuncInfo *func;    // function whose body is being checked
  PkgObj *owner;     // package-level declaration whose dependencies are collected
  int iota;          // value of iota in the constant spec being checked, or -1
  Vec breakables;    // Node*: enclosing ND_FOR/ND_RANGE/ND_SWITCH
  Vec labels;        // Node*: ND_LABELED statements around the current statement
  Vec type_path;     // Symbol*: type declarations being resolved (check_type.c)
  int type_direct;   // where on type_path the chain without indirection starts
  Vec type_waiters;  // check_type.c's Waiter*: defined types awaiting another
  Vec lib_types;     // check_iface.c's library types made so far
  Vec map_types;     // ND_TYPE_MAP nodes whose key type is checked at the end
} Checker;
extern Checker checker;

void cerror(Pos pos, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
Scope *scope_open(bool is_func);
void scope_close(void);
Symbol *scope_lookup(const char *name);
Symbol *scope_lookup_local(Scope *s, const char *name);
Symbol *new_symbol(SymKind kind, const char *name, Pos pos, Type *type);
void scope_declare(Symbol *sym);
Symbol *scope_declare_var(Node *ident, Type *type);
void note_use(Symbol *sym, Node *at);
void resolve_pkg_obj(Symbol *sym);
void report_unused(Scope *s);
FuncInfo *new_funcinfo(Node *node, const char *name, FuncInfo *outer);

Pos selected_name_pos(Node *e);

// ---- check_iface.c
Type *check_iface_type(Node *e);
// Whether V implements interface T; *reason (if reason) says why not:
// "T does not implement I (missing M method)".
bool check_implements(Type *V, Type *T, char **reason);
void check_type_switch(Node *s);
// A type of one of Mini's library packages (fmt.Stringer, runtime.Error),
// or NULL.
Type *check_lib_type(const char *pkg, const char *name);
// check_stmt.c's parts of a switch: a header statement, a case's body.
void check_stmt_in_switch_header(Node *init);
void check_case_body(Node *c);
Type *check_signature_type(Node *e);

// Whether the package being checked sees a field or method name declared
// in pkg (NULL: predeclared): exported names are seen everywhere.
bool check_visible(const char *name, Package *pkg);

// ---- check_aggregate.c
// Go's lookupFieldOrMethod on t: the embedded fields to the member named
// name, and the method when it is one (an interface's too).
Vec check_lookup_member(Type *t, const char *name, bool *ambiguous, Method **method);
// Whether the path of embedded fields from t goes through a pointer (t
// itself included), so that a pointer method is in the method set.
bool check_path_has_pointer(Type *t, Vec path);
Type *check_array_type(Node *e);
Type *check_struct_type(Node *e);
void check_star(Operand *x, Node *e);
void check_addr(Operand *x, Node *e);
void check_new(Operand *x, Node *e);
bool check_member_selector(Operand *x, Node *e);
void check_composite(Operand *x, Node *e, Type *hint);
void check_use_elements(Node *e, bool keys);
Symbol *check_addressed_var(Node *e);
void check_mark_addressed(Node *e);

// ---- check_method.c
void check_collect_methods(Node *file);
Symbol *check_method_symbol(Node *d, int order);  // check.c
const char *method_func_name(Node *d);
Type *method_type(Method *m);
Type *method_type_of_func(Type *ft);
bool check_method_selector(Operand *x, Node *e, Vec path, Method *m);
void check_method_expr(Operand *x, Node *e);

// ---- check_type.c
void check_type_decl(Node *d, Symbol *s);
void check_local_type_decl(Node *d);
bool type_name_in_cycle(Symbol *s);
Type *resolve_indirect_type(Node *e, Type *(*resolve)(Node *));
#endif
