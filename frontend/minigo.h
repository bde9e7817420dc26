// minigo.h: the compiler's one internal header, in sections per file.
//
// The pipeline is  source --lex.l/parse.y--> AST --check.c--> typed AST
// --codegen/gen.c--> LLVM module --codegen/emit.c--> object/executable.
// Every AST node carries its position; the checker annotates nodes in place
// (types, constant values, resolved symbols) and codegen only reads them.
#ifndef MINIGO_H
#define MINIGO_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

typedef struct Type Type;
typedef struct Node Node;
typedef struct Symbol Symbol;
typedef struct Scope Scope;
typedef struct FuncInfo FuncInfo;
typedef struct Program Program;
typedef struct Package Package;

// ---------------------------------------------------------------- util.c

// Allocation never fails from the caller's point of view: on exhaustion the
// compiler dies with a message (there is nothing useful to recover to).
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xformat(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

// A growable array of pointers; the AST uses it for every list.
typedef struct Vec {
  void **items;
  int len;
  int cap;
} Vec;
void vec_push(Vec *v, void *item);

// A set of pointers, for facts a later pass derives about an earlier
// pass's objects without adding fields to them.
typedef struct PtrSet {
  void **slots;  // open addressing; NULL is empty
  int len;
  int cap;       // a power of two, or 0
} PtrSet;
void ptrset_add(PtrSet *s, void *p);
bool ptrset_has(const PtrSet *s, const void *p);

// ---------------------------------------------------------------- diag.c

// A source position, 1-based. Columns count bytes, as Go's do.
typedef struct Pos {
  const char *file;
  int line;
  int col;
} Pos;

// A user error: "FILE:LINE:COL: message" on stderr. Compilation goes on so
// that one run reports several errors; the driver exits 1 if any were given.
void error_at(Pos pos, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int error_count(void);
// Gives up after too many errors, as Go does after 10.
#define MAX_ERRORS 10

// A compiler bug, never the user's fault: reports and aborts.
noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// ---------------------------------------------------------------- types.c

typedef enum TypeKind {
  TY_INT,       // every integer type; see Type.bits and Type.is_unsigned
  TY_FLOAT,     // float32, float64 (Type.bits)
  TY_COMPLEX,   // complex64, complex128 (Type.bits)
  TY_BOOL,
  TY_STRING,
  TY_SLICE,     // []elem
  TY_FUNC,      // func(params) results
  TY_IFACE,     // interface{} (any) or error
  TY_POINTER,   // *elem
  TY_ARRAY,     // [array_len]elem
  TY_STRUCT,    // struct{fields}
  TY_MAP,       // map[key]elem
  TY_CHAN,      // chan elem, <-chan elem, chan<- elem: Type.chan_dir
  TY_TUPLE,     // results of a call with several results; never a variable's type
  TY_VOID,      // "result" of a call with no results
  // Untyped constants and nil before the checker gives them a type. The
  // numeric kinds are in Go's order: a mix takes the later kind.
  TY_UNTYPED_INT,
  TY_UNTYPED_RUNE,
  TY_UNTYPED_FLOAT,
  TY_UNTYPED_COMPLEX,
  TY_UNTYPED_BOOL,
  TY_UNTYPED_STRING,
  TY_UNTYPED_NIL,
} TypeKind;

// A channel's direction, as reflect.ChanDir (and the run-time descriptor's
// len) has it.
enum { CHAN_RECV = 1, CHAN_SEND = 2, CHAN_BOTH = 3 };

// One field of a struct type.
typedef struct Field {
  const char *name;   // an embedded field's is its type's name ("T" of *T)
  Type *type;
  bool embedded;
  int index;          // its place in the struct
  Pos pos;            // where declared, for diagnostics
  Package *pkg;       // the package declaring it: only there is an unexported name seen
} Field;

// A method declared on a defined type, or a method of an interface type
// (iface set; no decl, no sym).
typedef struct Method {
  const char *name;
  Type *recv;         // the defined type T (for both T and *T receivers)
  bool ptr_recv;      // declared on *T
  Type *type;         // its signature without the receiver; NULL until resolved
  bool bad_type;      // resolving the signature failed (and was reported)
  Node *decl;         // its ND_FUNC_DECL (decl->func once its body is checked)
  Type *iface;        // an interface's method: the interface (its underlying type)
  int iface_index;    // an interface's method: its place in iface->imethods
  Pos pos;            // an interface's method: where declared
  // A package-level function symbol of its own, in no scope: a use of the
  // method depends on what its body uses, for initialization order.
  Symbol *sym;
} Method;

struct Type {
  TypeKind kind;
  // Go's spelling in diagnostics: "byte", "[]byte", "func(int) string",
  // "interface{}" written as any prints "any", "error".
  const char *name;
  // Go's spelling at run time (%T, panic messages): byte is "uint8", rune
  // is "int32", any is "interface {}".
  const char *rtname;
  // TY_INT: width in bits, 8/16/32/64; 0 for int, uint and uintptr, whose
  // width is the target's pointer width (see target_int_bits). TY_FLOAT:
  // 32 or 64; TY_COMPLEX: 64 or 128.
  int bits;
  bool is_unsigned;
  Type *elem;         // TY_SLICE, TY_POINTER, TY_ARRAY, TY_MAP
  Type *key;          // TY_MAP
  int64_t array_len;  // TY_ARRAY
  int chan_dir;       // TY_CHAN: CHAN_RECV, CHAN_SEND or CHAN_BOTH
  Vec fields;         // TY_STRUCT: Field*
  Vec params;         // TY_FUNC: Type*; with is_variadic the last is []T
  Vec results;        // TY_FUNC and TY_TUPLE: Type*
  bool is_variadic;   // TY_FUNC
  bool is_error;      // TY_IFACE: the predeclared error (named, unlike its literal)
  // TY_IFACE: every method of the interface, embedded ones included, as
  // Method* sorted by name (the order of interface tables at run time).
  Vec imethods;
  // A defined type (type T U) is a type of its own, identical only to
  // itself; it has its underlying type's kind and the fields above copied
  // from it, so that code asking what kind of value it is needs no special
  // case. name is "T", rtname "main.T" (Go's reflect name, also for local
  // types). underlying is never itself defined; it is NULL while the
  // declaration is being resolved (kind is then TY_VOID), which only type
  // constructors ([]T, func(T)) see.
  bool is_defined;
  Type *underlying;
  Vec methods;        // a defined type's Method*, in declaration order
  void *cg;           // codegen's type descriptor of a defined type
};

// One method of a type's method set: the method and the embedded fields
// it is promoted through (empty when declared on the type itself).
typedef struct MethodSetEntry {
  Method *method;
  Vec path;           // Field*
} MethodSetEntry;
// The method set of t, a concrete type (T's value methods; all of *T's),
// promoted methods included, sorted by name; empty for an interface.
Vec check_method_set(Type *t);

// Width of int/uint/uintptr for the target being compiled: 64 on amd64 and
// arm64, 32 on arm. Set by the driver before checking.
extern int target_int_bits;

// The predeclared types. byte and uint8 are distinct objects that
// types_identical() treats as the same type (likewise rune and int32),
// so that diagnostics can say "byte" where the program did.
extern Type *ty_int, *ty_int8, *ty_int16, *ty_int32, *ty_int64;
extern Type *ty_uint, *ty_uint8, *ty_uint16, *ty_uint32, *ty_uint64, *ty_uintptr;
extern Type *ty_byte, *ty_rune, *ty_bool, *ty_string, *ty_any, *ty_error, *ty_void;
extern Type *ty_float32, *ty_float64, *ty_complex64, *ty_complex128;
extern Type *ty_untyped_int, *ty_untyped_rune, *ty_untyped_float, *ty_untyped_complex,
    *ty_untyped_bool, *ty_untyped_string, *ty_untyped_nil;
void types_init(void);

Type *type_slice(Type *elem);
Type *type_pointer(Type *elem);
Type *type_array(Type *elem, int64_t len);
Type *type_map(Type *key, Type *elem);
Type *type_chan(Type *elem, int dir);  // dir: CHAN_RECV, CHAN_SEND, CHAN_BOTH
Type *type_struct(Vec fields);  // Field*, in order
Type *type_func(Vec params, Vec results, bool is_variadic);
Type *type_iface(Vec methods);  // Method*, names distinct, in any order
Type *type_tuple(Vec results);
Type *type_defined(const char *name);
Type *type_defined_in(const char *pkg, const char *name);  // pkg.name
void type_set_underlying(Type *t, Type *u);
Type *type_under(Type *t);       // the underlying type: t itself unless defined
// Go's named types: defined and predeclared ones (int, error, ...), not
// type literals ([]int, func(), any); assignability depends on it.
bool type_is_named(Type *t);
bool types_identical(Type *a, Type *b);
bool type_is_untyped(Type *t);
bool type_has_nil(Type *t);      // nil is assignable to it
bool type_is_integer(Type *t);   // typed or untyped integer/rune
bool type_is_float(Type *t);     // typed or untyped float
bool type_is_complex(Type *t);   // typed or untyped complex
bool type_is_numeric(Type *t);   // any of the three
int type_int_bits(Type *t);      // resolves 0 to target_int_bits
bool type_is_comparable(Type *t);
// The type an untyped constant gets when nothing else decides: int, rune,
// float64, complex128, bool, string.
Type *type_default(Type *t);

// ---------------------------------------------------------------- const.c

// A compile-time constant. Numbers are exact, as Go's (const_num.c): an
// integer is i when it fits in __int128 (every valid typed constant does),
// big any larger one; floats and complex numbers are num, read by codegen
// through const_float64 and friends.
typedef enum ConstKind {
  CONST_NONE, CONST_INT, CONST_FLOAT, CONST_COMPLEX, CONST_BOOL, CONST_STRING
} ConstKind;
typedef struct Const {
  ConstKind kind;
  __int128 i;
  bool b;
  const char *s;     // bytes of a string constant; not NUL-terminated in general
  int64_t slen;
  struct BigInt *big; // untyped integers beyond __int128 (i then saturates); NULL otherwise
  struct ConstNum *num; // CONST_FLOAT, CONST_COMPLEX
} Const;

// Whether v is a value of type t (representable, as Go says).
bool const_fits(Const v, Type *t);
// Go's decimal spelling of an integer constant (for diagnostics).
char *const_int_string(__int128 v);
// The exact value of a literal of any length (prefix and '_' separators
// allowed, already validated), for the lexer: integer, float ("1.5e3",
// "0x1p-2") and imaginary ("2i", "1.5i").
Const const_int_literal(const char *text, int len);
Const const_float_literal(const char *text, int len);
Const const_imag_literal(const char *text, int len);
// The value of a number constant as the nearest float64 / float32 (for
// codegen; a typed constant is already one); real and imaginary parts.
double const_float64(Const c);
float const_float32(Const c);
Const const_real_part(Const c);
Const const_imag_part(Const c);
// Forgets the state constant folding keeps between operations (the
// concatenation buffer); called at the start of each compilation.
void const_reset(void);

// ---------------------------------------------------------------- lex.l

typedef struct Lexer Lexer;
// Parses a whole file; returns NULL after reporting syntax errors.
Node *parse_file(const char *path, const char *src, size_t len);
// s as Go's %q writes it (const.c).
char *quote_go_string(const char *s, int64_t len);
// Whether an identifier is exported: it starts with an upper-case letter
// (unicode.IsUpper).
bool ident_is_exported(const char *name);

// ---------------------------------------------------------------- ast.c

typedef enum NodeKind {
  // ---- expressions
  ND_INT,        // integer literal: val (already parsed, CONST_INT)
  ND_FLOAT,      // float literal 1.5: val (CONST_FLOAT)
  ND_IMAG,       // imaginary literal 2i: val (CONST_COMPLEX)
  ND_RUNE,       // rune literal 'a': val (CONST_INT)
  ND_STRING,     // string literal: val (CONST_STRING, escapes decoded)
  ND_IDENT,      // name; checker sets sym
  ND_BINARY,     // lhs op rhs; op is one of the Op values below
  ND_UNARY,      // op lhs: OP_NEG, OP_POS, OP_NOT, OP_XOR (bitwise complement)
  ND_CALL,       // lhs(args...); has_ellipsis for f(a, b...)
  ND_INDEX,      // lhs[rhs]
  ND_SLICE,      // lhs[low:high] or lhs[low:high:max]; low/high may be NULL in
                 // the first form, max is NULL there. A 3-index slice that
                 // lacks its middle or final index has an ND_EMPTY in its
                 // place, where Go reports it (the checker does)
  ND_SELECTOR,   // lhs.name: fmt.Println, err.Error
  ND_TYPEASSERT, // lhs.(type_expr); comma_ok when used as v, ok := x.(T);
                 // type_expr NULL: x.(type), a type switch's guard
  ND_FUNCLIT,    // func literal: type_expr (ND_TYPE_FUNC), body, func
  ND_COMPOSITE,  // []T{elems...}: type_expr; elems may be ND_COMPOSITE with
                 // type_expr NULL for elided inner types ([][]int{{1}, {2}})
  ND_PAREN,      // (lhs): kept so that diagnostics can say what was written
  ND_KEYED,      // lhs: rhs, an element of a composite literal (index: value
                 // in a slice literal; the checker reports it elsewhere)
  // ---- type expressions (also valid in expression position for conversions)
  ND_TYPE_NAME,  // int, string, error, any, ... (an ND_IDENT resolving to a
                 // type is also accepted by the checker)
  ND_TYPE_SLICE, // []elem: type_expr is elem
  ND_TYPE_FUNC,  // func(params) results: params/results are ND_FIELD lists
  ND_TYPE_IFACE, // interface{ list }: ND_FIELD nodes, a method (name and
                 // its ND_TYPE_FUNC in type_expr) or an embedded interface
                 // (is_embedded, type_expr)
  ND_TYPE_ARRAY, // [lhs]type_expr; lhs NULL for [...]T (literals only)
  ND_TYPE_STRUCT,// struct{list}: ND_FIELD nodes, is_embedded for T and *T
  ND_TYPE_MAP,   // map[lhs]type_expr
  ND_TYPE_CHAN,  // chan type_expr, <-chan type_expr, chan<- type_expr: chan_dir
  ND_RECV,       // <-lhs, a receive; comma_ok when used as v, ok := <-c
  ND_STAR,       // *lhs: a pointer indirection, or the pointer type *T when
                 // lhs denotes a type (the checker tells which)
  ND_ADDR,       // &lhs
  ND_FIELD,      // one parameter or result: name (may be NULL), type_expr,
                 // is_variadic for ...T
  // ---- statements
  ND_BLOCK,      // { stmts }
  ND_EXPR_STMT,  // lhs
  ND_VAR,        // var names [type_expr] [= values]: names is Vec of ND_IDENT,
                 // values Vec of expressions (may be a single call with
                 // several results)
  ND_CONST,      // const names [type_expr] = values; iota set by the parser
                 // (omitted values are copied from the previous spec, as Go does)
  ND_DEFINE,     // names := values (names: ND_IDENT list)
  ND_ASSIGN,     // lhs_list = values (also tuple assignment)
  ND_OP_ASSIGN,  // lhs op= rhs
  ND_INCDEC,     // lhs++ (op OP_ADD) or lhs-- (op OP_SUB)
  ND_IF,         // if init; cond { then } else els
  ND_FOR,        // for init; cond; post { body }: any of the three may be NULL
  ND_RANGE,      // for key, value := range lhs { body }: key/value may be NULL;
                 // is_define for :=, otherwise assignment to key/value
  ND_SWITCH,     // switch init; tag { cases }: tag NULL for a tagless switch
  ND_TYPE_SWITCH,// switch init; [v :=] x.(type) { cases }: tag is the guard
                 // x.(type) (an ND_TYPEASSERT without type_expr), names
                 // holds v; each ND_CASE's values are types (or nil) and
                 // its sym the v it declares
  ND_CASE,       // case values: stmts (values empty for default); is_default
  ND_BREAK,      // label may be NULL
  ND_CONTINUE,   // label may be NULL
  ND_FALLTHROUGH,
  ND_RETURN,     // return values
  ND_LABELED,    // label: body (body is the statement labeled)
  ND_GOTO,       // goto label: lhs is the label's ND_IDENT (where Go reports
                 // errors about it); the checker sets target (the ND_LABELED)
  ND_DEFER,      // defer lhs (lhs is an ND_CALL)
  ND_GO,         // go lhs (lhs is an ND_CALL)
  ND_SEND,       // lhs <- rhs
  ND_SELECT,     // select { list }: ND_CASE nodes, each with its
                 // communication in init (ND_SEND, ND_EXPR_STMT of an
                 // ND_RECV, ND_DEFINE or ND_ASSIGN of one) or is_default
  ND_EMPTY,      // ;
  // ---- top level
  ND_IMPORT,     // import [alias] "path": name is the path, label the alias or NULL; pkg
  ND_FUNC_DECL,  // func name(params) results { body }: type_expr, body, func
  ND_TYPE_DECL,  // type name type_expr, or an alias (is_alias): type name = type_expr
  ND_FILE,       // package name; imports; decls
} NodeKind;

typedef enum Op {
  OP_NONE,
  OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_REM,
  OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_ANDNOT,  // & | ^ << >> &^
  OP_LAND, OP_LOR,                                   // && ||
  OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
  OP_NOT, OP_NEG, OP_POS,                            // unary ! - +
} Op;
const char *op_string(Op op);  // Go's spelling: "+", "&^", "=="

// What a call really is, decided by the checker from what lhs names.
typedef enum CallKind {
  CALL_FUNC,          // an ordinary call of a function value or declaration
  CALL_CONVERSION,    // T(x): type_expr-like lhs, one argument
  CALL_LEN, CALL_CAP, CALL_APPEND, CALL_MAKE, CALL_PANIC, CALL_RECOVER,
  CALL_PRINT, CALL_PRINTLN, CALL_COPY, CALL_NEW, CALL_COMPLEX, CALL_REAL, CALL_IMAG,
  CALL_DELETE, CALL_CLOSE,
  CALL_LIBRARY,       // fmt.Println, errors.New, ...: Node.lib says which
  CALL_METHOD,        // x.M(args): lhs is the ND_SELECTOR naming the method
} CallKind;

// How a library function's runtime entry point gives its result.
typedef enum LibResult {
  LIB_RESULT_NONE,   // no result (runtime.GC)
  LIB_RESULT_COUNT,  // returns n, Go's (n int, err error) with err always nil
  LIB_RESULT_OUT,    // writes its one result through a pointer, its first parameter
  LIB_RESULT_VALUE,  // returns its one result, an int (runtime.NumGoroutine)
} LibResult;

// A function of fmt, errors or runtime, one row of the checker's library table
// (lib_funcs in check_expr.c, where adding one is described). The checker
// derives its type from `signature`; codegen calls `entry` with the fixed
// arguments (strings by address, ints as Go ints) followed, when the last
// parameter is ...any, by an array of interfaces and its length.
typedef struct LibFunc {
  const char *pkg, *name;  // "fmt", "Printf"
  const char *signature;   // Go's, as go doc prints it: "(format string, a ...any) string"
  LibResult result;
  const char *entry;       // the runtime function (runtime/entry_points.def)
} LibFunc;

struct Node {
  NodeKind kind;
  Pos pos;

  // ---- set by the parser
  Op op;
  const char *name;     // ND_IDENT, ND_SELECTOR (selected name), ND_FIELD,
                        // ND_TYPE_NAME, ND_IMPORT (path), labels, ND_FILE
                        // (package name), ND_FUNC_DECL
  const char *label;    // ND_BREAK, ND_CONTINUE, ND_LABELED; ND_IMPORT: alias
  Package *pkg;         // ND_IMPORT: the package (load.c), NULL for a runtime package
  Node *lhs;
  Node *rhs;
  Node *init;           // ND_IF, ND_FOR, ND_SWITCH: simple statement or NULL
  Node *cond;           // ND_IF, ND_FOR
  Node *post;           // ND_FOR
  Node *then;           // ND_IF
  Node *els;            // ND_IF: ND_BLOCK, ND_IF or NULL
  Node *body;           // ND_FOR, ND_RANGE, ND_FUNC_DECL, ND_FUNCLIT, ND_LABELED
  Node *low, *high, *max;  // ND_SLICE
  Node *key, *value;    // ND_RANGE
  Node *tag;            // ND_SWITCH
  Node *type_expr;      // declared/asserted/literal type, or a func signature
                        // (a method's: its receiver first)
  Node *recv;           // ND_FUNC_DECL of a method: its receiver list, an
                        // ND_TYPE_FUNC whose params are as written
  Vec list;             // statements of ND_BLOCK, ND_CASE; args of ND_CALL;
                        // elems of ND_COMPOSITE; cases of ND_SWITCH;
                        // decls of ND_FILE
  Vec names;            // ND_VAR, ND_CONST, ND_DEFINE: ND_IDENT nodes;
                        // ND_ASSIGN: the left-hand sides
  Vec values;           // ND_VAR, ND_CONST, ND_DEFINE, ND_ASSIGN, ND_RETURN,
                        // ND_CASE: expressions
  Vec params, results;  // ND_TYPE_FUNC: ND_FIELD nodes
  Vec imports;          // ND_FILE: ND_IMPORT nodes
  Const val;            // literals
  int chan_dir;         // ND_TYPE_CHAN: CHAN_RECV, CHAN_SEND, CHAN_BOTH
  int iota;             // ND_CONST, ND_VAR: the spec's index in its const or
                        // var block (var ( a int; b int ))
  bool is_variadic;     // ND_FIELD
  bool is_embedded;     // ND_FIELD of a struct: an embedded field
  bool has_ellipsis;    // ND_CALL: f(xs...)
  bool is_define;       // ND_RANGE
  bool is_default;      // ND_CASE
  bool comma_ok;        // ND_TYPEASSERT, ND_RECV used in a two-value assignment
  bool is_alias;        // ND_TYPE_DECL

  // ---- set by the checker
  Type *type;           // expressions: the final type (untyped constants are
                        // converted to the type their context gives them);
                        // TY_TUPLE for multi-result calls
  Const cval;           // expressions whose value is a compile-time constant
                        // (cval.kind != CONST_NONE): codegen emits cval
  Symbol *sym;          // ND_IDENT: what the name denotes; ND_CASE of a
                        // type switch: the variable it declares, or NULL
  CallKind call_kind;   // ND_CALL
  const LibFunc *lib;   // ND_CALL with CALL_LIBRARY: the function called
  Type *conv_type;      // ND_CALL with CALL_CONVERSION / CALL_MAKE: target type
  FuncInfo *func;       // ND_FUNC_DECL, ND_FUNCLIT
  Node *target;         // ND_BREAK/ND_CONTINUE: the statement they leave or
                        // continue (ND_FOR, ND_RANGE or ND_SWITCH); ND_GOTO:
                        // the ND_LABELED it jumps to
  // ND_DEFER: may run more than once in one activation (in a loop, or
  // after a label that a later goto jumps back to), so it cannot be
  // open-coded and a literal it calls cannot live in the frame.
  bool in_loop;
  // ND_SELECTOR of a struct field: the fields from lhs's struct (or the
  // struct lhs points to) to the one selected, through embedded ones.
  Vec sel_path;         // Field*
  Field *field;         // ND_KEYED in a struct literal: the field it sets
  // ND_SELECTOR x.M of a method (ND_FUNC_DECL of one: the method it
  // declares): the method, and the receiver it is
  // called on, made explicit by the checker (x, &x, *x, x.embedded...,
  // typed as the method's receiver); recv is NULL for a method
  // expression T.M.
  Method *method;
  Node *recv_expr;
  bool is_used;         // ND_IMPORT: referenced at least once
  void *cg;             // codegen's private per-node data (e.g. loop blocks)
  Pos end;              // ND_BLOCK: its closing brace, where Go reports "missing return";
                        // ND_COMPOSITE: its closing brace
};

Node *new_node(NodeKind kind, Pos pos);

// ---------------------------------------------------------------- check.c

typedef enum SymKind {
  SYM_VAR,      // variable, parameter or named result
  SYM_CONST,    // constant: val
  SYM_TYPE,     // type name: type
  SYM_FUNC,     // top-level function: decl
  SYM_PACKAGE,  // imported pseudo-package: name is "fmt", "errors", "runtime"
  SYM_BUILTIN,  // len, cap, append, make, panic, recover, print, println, copy
  SYM_NIL,      // the predeclared nil
} SymKind;

struct Symbol {
  SymKind kind;
  const char *name;
  Pos pos;              // where declared (zero for predeclared names)
  Package *pkg;         // the declaring package (NULL: predeclared, or an import)
  Type *type;
  Const val;            // SYM_CONST
  Node *decl;           // SYM_FUNC: its ND_FUNC_DECL; SYM_VAR: declaring node
  CallKind builtin;     // SYM_BUILTIN
  bool is_global;       // package-level variable
  bool is_param;        // parameter or named result
  bool is_used;         // for "declared but not used"
  // Referenced from a function literal other than the one declaring it. Such
  // a variable lives in a heap cell so closures share it by reference.
  bool is_captured;
  // Its address is taken (&x, x[:] of an array, &x.f): it needs storage
  // whose address stays valid as long as a pointer to it may be used.
  bool addr_taken;
  FuncInfo *owner;      // the function (declaration or literal) declaring it
  void *cg;             // codegen's storage for the symbol (an LLVMValueRef)
  void *chk;            // checker's private data (lazy resolution of package-level names)
};

// What codegen needs to know about one function body, declared or literal.
struct FuncInfo {
  Node *node;           // ND_FUNC_DECL or ND_FUNCLIT
  const char *name;     // "main", "f", or "main.func1" style for literals
  Package *pkg;         // its package: symbols are "PATH.NAME"
  Type *type;           // TY_FUNC
  FuncInfo *outer;      // enclosing function for literals, else NULL
  Vec params;           // Symbol*, one per parameter (unnamed ones get "_")
  Vec results;          // Symbol* of named results; empty when unnamed
  Vec captures;         // Symbol* of outer variables it refers to, directly or
                        // through nested literals (each once)
  Vec locals;           // Symbol* of every variable declared in its body
  Vec defers;           // Node* of its defer statements (not its literals'),
                        // in source order
  bool defer_in_loop;   // one of those defers is inside a loop
  bool calls_recover;   // calls recover() directly
};

// A package of the program (load.c finds and parses it; the checker fills
// in the rest). fmt, errors and runtime are not Packages: the runtime
// implements them and the checker knows their members (pkg_exports.h).
struct Package {
  const char *path;     // import path; "main" for the program's own package
  const char *name;     // from the package clause
  const char *dir;
  Vec files;            // ND_FILE, in file name order
  Vec imports;          // Package* it imports directly
  bool is_std;          // from minigo's standard library (std/)
  int load_state;       // load.c: 0 new, 1 on the import path, 2 loaded
  Scope *scope;         // the package block, once checked
};

struct Program {
  Vec packages;         // Package*, each after the packages it imports; main last
  Vec funcs;            // FuncInfo* of every declaration and literal, in
                        // source order (declarations before their literals)
  Vec globals;          // Symbol* of package-level variables
  // What runs before main, in Go's order: package by package (imports
  // first), each package's ND_VAR declarations in dependency order (each
  // initialized as a whole), then its init ND_FUNC_DECLs in source order.
  Vec init_order;
  FuncInfo *main_func;  // func main()
};

// Type-checks the packages load_program found; returns NULL if errors were
// reported.
Program *check_program(Vec packages);

// ---------------------------------------------------------------- load.c

// Where imports are found: the standard library directory and, when the
// main package is in a module, its go.mod.
typedef struct LoadConfig {
  const char *std_dir;  // NULL: only fmt, errors and runtime exist
} LoadConfig;

// Finds the main package (a directory, or files of one directory; NULL
// inputs mean "."), parses it and every package it imports; returns the
// packages, each after those it imports, main last. Reports errors (with an
// empty result) for files that do not parse, missing packages and cycles.
Vec load_program(char **inputs, int ninputs, const LoadConfig *cfg);
// The main package of one parsed file, its imports of std and module
// packages left unresolved (the compile fuzzer's program).
Vec load_parsed_file(Node *file);
// The packages the runtime implements in C (fmt, errors, runtime).
bool load_is_runtime_package(const char *path);

// The expression inside any parentheses around e (e itself when none;
// NULL stays NULL).
Node *node_unparen(Node *e);

// ---- ast.c constructors (used by parse.y)
// One constructor per construct; each grammar action is one call. Literal
// nodes (ND_INT, ND_RUNE, ND_STRING) also keep their source spelling in name,
// for diagnostics that quote the program.
Vec list_empty(void);
Vec list_one(void *item);
Vec list_append(Vec v, void *item);
Vec list_concat(Vec a, Vec b);
Vec list_append_stmt(Vec v, Node *stmt);  // splices grouped declarations
Node *new_decl_group(Vec specs);
Node *new_unsupported(const char *what, Pos pos);
Node *new_bad(Pos pos);
Node *new_generic_inst(Pos pos);
Node *new_file(const char *package, Pos pos);
Node *file_add_imports(Node *file, Vec imports);
Node *file_add_decl(Node *file, Node *decl);
Node *new_import(const char *alias, Node *path, Pos pos);
Node *new_var(Vec names, Node *type, Vec values, Pos pos);
Node *new_const(Vec names, Node *type, Vec values, Pos pos);
Vec new_const_block(Vec specs);           // sets iota, implicit repetition
Vec new_var_block(Vec specs);             // sets each spec's index (iota)
Node *new_func_decl(const char *name, Node *sig, Node *body, Pos pos);
Node *new_method_decl(Vec recv, Pos lparen, const char *name, Node *sig, Node *body, Pos pos);
Node *new_type_decl(const char *name, Node *type, bool is_alias, Pos pos);
Node *new_type_name(const char *name, Pos pos);
Node *new_type_qualified(const char *pkg, Pos pkg_pos, const char *name, Pos dot_pos);
Node *new_type_slice(Node *elem, Pos pos);
Node *new_type_map(Node *key, Node *elem, Pos pos);
Node *new_type_chan(Node *elem, int dir, Pos pos);
Node *new_recv(Node *x, Pos pos);
Node *new_send(Node *ch, Node *value, Pos pos);
Node *new_go(Node *call, Pos pos);
Node *new_select(Vec cases, Pos pos);
Node *new_comm_case(Node *comm, Vec stmts, bool is_default, Pos pos);
Node *new_type_iface(Vec elems, Pos pos);
Node *new_type_array(Node *len, Node *elem, Pos pos);
Node *new_type_struct(Vec fields, Pos pos);
Vec new_field_group(Vec names, Node *type);
Node *new_embedded_field(Node *type, Pos pos);
Node *new_star(Node *x, Pos pos);
Node *new_addr(Node *x, Pos pos);
Node *new_field(const char *name, Node *type, bool is_variadic, Pos pos);
Node *new_result_list(Vec fields, Pos pos);
Node *new_func_type(Vec params, Node *result, Pos pos);
Node *new_block(Vec stmts, Pos pos, Pos end);
Node *new_labeled(const char *label, Node *stmt, Pos pos);
Node *new_return(Vec values, Pos pos);
Node *new_branch(NodeKind kind, const char *label, Pos pos);
Node *new_goto(const char *label, Pos label_pos, Pos pos);
Node *new_defer(Node *call, Pos pos);
Node *new_expr_stmt(Node *expr);
Node *new_op_assign(Op op, Node *lhs, Node *rhs, Pos pos);
Node *new_incdec(Op op, Node *lhs, Pos pos);
void mark_comma_ok(Node *value);
Node *new_assign(Vec lhs, Vec rhs, Pos pos);
Node *new_define(Vec lhs, Vec rhs, Pos pos);
Node *new_header(Node *init, Node *cond, const char *semi, Pos pos);
Node *new_if(Node *header, Node *then, Node *els, Pos pos);
Node *new_for_header(Node *init, Node *cond, Node *post, Pos pos);
Node *new_range(Vec lhs, Node *x, bool is_define, Pos pos);
Node *new_for(Node *header, Node *body, Pos pos);
Node *new_switch(Node *header, Vec cases, Pos pos);
Node *new_case(Vec values, Vec stmts, bool is_default, Pos pos);
Node *new_ident(const char *name, Pos pos);
Node *new_binary(Op op, Node *lhs, Node *rhs, Pos pos);
Node *new_unary(Op op, Node *operand, Pos pos);
Node *new_paren(Node *x, Pos pos);
Node *new_selector(Node *x, const char *name, Pos pos);
Node *new_type_assert(Node *x, Node *type, Pos pos);
Node *new_index(Node *x, Node *index, Pos pos);
Node *new_slice(Node *x, Node *low, Node *high, Pos pos);
Node *new_slice3(Node *x, Node *low, Node *high, Pos colon2, Node *max, Pos rbrack, Pos pos);
Node *new_call(Node *fn, Vec args, bool has_ellipsis, Pos pos);
Node *new_composite(Node *type, Vec elems, Pos pos, Pos end);
Node *new_keyed(Node *key, Node *value, Pos pos);
Node *new_func_lit(Node *sig, Node *body, Pos pos);
// For diagnostics: where an expression starts (types2 reports there), and
// Go's spelling of an expression or simple statement ("a[i] + f(x)").
Pos node_start_pos(Node *n);
char *expr_string(Node *n);
char *stmt_string(Node *n);

// ---------------------------------------------------------------- many compilations

// The driver compiles one file per process and frees nothing. A process that
// compiles many inputs (the fuzzing harness in fuzz/) calls mem_use_headers()
// before its first allocation, brackets each compilation's front end with
// mem_track(true) ... mem_free_tracked(), and calls diag_reset() first.
void mem_use_headers(void);    // util.c: blocks carry a header from now on
void mem_track(bool on);       // util.c: link new blocks for mem_free_tracked
void mem_free_tracked(void);   // util.c: frees every linked block
// diag.c: forgets the errors reported so far; exit_at_error_limit false
// keeps going past MAX_ERRORS (the harness must not exit).
void diag_reset(bool exit_at_error_limit);

#endif
