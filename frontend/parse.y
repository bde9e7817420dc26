/* parse.y: the Mini grammar (an LALR subset of Go's, after Go <= 1.4's go.y).
 *
 * Every action is one call to a node constructor in ast.c; the grammar only
 * says what is where. Semicolons come from the scanner's automatic insertion,
 * so statement and declaration lists are ';'-separated as in Go's spec.
 */
%define api.pure full
%define parse.error custom
%define parse.lac full
%locations
%define api.location.type {Pos}
%param {yyscan_t scanner}
%expect 0

%code requires {
#include "minigo.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* The scanner's state, shared with the parser's error reporting. */
struct Lexer {
  const char *file;
  const char *src;      // the whole input, for the scanner's look-ahead
  size_t len;
  size_t off;           // bytes consumed so far
  Pos cur;              // position of the next byte
  bool nlsemi;          // a newline or EOF here becomes ';' (Go's rule)
  int last_tok, prev_tok, prev2_tok, prev3_tok, prev4_tok;  // recent tokens
  char desc[80];        // the last token in Go's words: "newline", "x", "literal 5"
  int last_error_line;  // Go reports one syntax error per line
  // After an unsupported construct is reported, syntax errors inside its
  // brackets are its echoes: they are not reported.
  int quiet_depth;      // bracket depth where the construct began, or -1
  int tok_depth;        // bracket depth inside which the last token lies
  int depth;            // bracket nesting, bounded (see MAX_NESTING)
  bool too_deep;
  // The if, for and switch headers open around the scanner, innermost last:
  // there "T {" opens the body, not a composite literal (Go's rule).
  struct LexHeader {
    int depth;          // bracket depth of the header
    int funcs;          // func literals in it whose body brace is still to come
  } *headers;
  int nheaders, headers_cap;
  // The body of the innermost interface type literal (its bracket depth,
  // or -1), where ~T and T | U are type constraints, not Mini.
  int iface_depth;
  bool iface_pending;   // "interface" was the last token
  // A struct type literal's braces: the depth of the innermost open one
  // (or -1), and whether the last token closed one (struct{}{...}).
  int struct_depth;
  bool closing_struct, after_struct;
  Node *result;         // the ND_FILE once parsed
};
}

%code provides {
int yylex(YYSTYPE *yylval, YYLTYPE *yylloc, yyscan_t scanner);
}

%code {
#include <stdio.h>
#include <string.h>

Lexer *yyget_extra(yyscan_t scanner);
static void yyerror(YYLTYPE *loc, yyscan_t scanner, const char *msg);

/* The first symbol's position; an empty rule takes its predecessor's. */
#define YYLLOC_DEFAULT(Cur, Rhs, N) \
  do { (Cur) = (N) ? YYRHSLOC(Rhs, 1) : YYRHSLOC(Rhs, 0); } while (0)

/* Nesting is bounded by the scanner (MAX_NESTING); this leaves room for the
 * several parser states each bracket level can hold. */
#define YYMAXDEPTH 1000000
#define YYINITDEPTH 1000

#define RESULT(file) (yyget_extra(scanner)->result = (file))
}

%union {
  Node *node;
  const char *str;
  Vec vec;
  Op op;
}

%token <str> IDENT "name"
%token <node> INT_LIT "int literal" RUNE_LIT "rune literal" STRING_LIT "string literal"
%token <op> ASSIGNOP "op="
%token <str> ';'  /* "semicolon", or "newline"/"EOF" where inserted */
%token BREAK "break" CASE "case" CHAN "chan" CONST "const" CONTINUE "continue"
%token DEFAULT "default" DEFER "defer" ELSE "else" FALLTHROUGH "fallthrough"
%token FOR "for" FUNC "func" GO "go" GOTO "goto" IF "if" IMPORT "import"
%token INTERFACE "interface" MAP "map" PACKAGE "package" RANGE "range"
%token RETURN "return" SELECT "select" STRUCT "struct" SWITCH "switch"
%token TYPE "type" VAR "var"
%token ANDAND "&&" OROR "||" EQ "==" NE "!=" LE "<=" GE ">=" SHL "<<" SHR ">>"
%token ANDNOT "&^" DEFINE ":=" ELLIPSIS "..." INC "++" DEC "--" ARROW "<-"
/* The brace of a composite literal of a named type (T{...}, pkg.T{...}):
 * told apart from a block's by the scanner, as Go's parser does. */
%token LCOMPOSITE "{"

/* "func() func() (int)": the parenthesized list is the inner function's
 * result, as in Go, so an empty result yields to '('. */
%precedence NO_RESULT
%precedence '('
%left OROR
%left ANDAND
%left EQ NE '<' LE '>' GE
%left '+' '-' '|' '^'
%left '*' '/' '%' '&' SHL SHR ANDNOT

%type <node> import_spec top_decl var_spec const_spec func_decl
%type <node> signature result type base_type non_expr_type slice_type func_type iface_type
%type <node> type_spec array_type map_type struct_type embedded_field iface_elem
%type <node> param block body_opt stmt simple_stmt simple_stmt_opt
%type <node> if_stmt if_header else_opt for_stmt for_header range_clause
%type <node> switch_stmt case_clause expr expr_opt uexpr pexpr expr_or_type
%type <node> func_lit elem comm_clause
%type <node> decls
%type <vec> import_decl import_specs var_decl var_specs const_decl
%type <vec> type_decl type_specs const_specs ident_list params param_list stmt_list case_list
%type <vec> expr_list expr_list_opt args arg_list elems elem_list field_decls field_decl
%type <vec> iface_elems case_values comm_list
%type <str> label_opt

%start file

%%

/* file: package_clause ";" { import_decl ";" } { top_decl ";" }
 * The file node is built as soon as the package clause is read so that
 * error recovery always has a state to resume in. */
file
  : decls                             { RESULT($1); }
  ;
decls
  : PACKAGE IDENT ';'                 { $$ = new_file($2, @1); }
  | decls import_decl ';'             { $$ = file_add_imports($1, $2); }
  | decls top_decl ';'                { $$ = file_add_decl($1, $2); }
  | decls error skip ';'              { $$ = $1; yyerrok; }
  ;

/* import_decl: "import" ( import_spec | "(" { import_spec ";" } ")" ) */
import_decl
  : IMPORT import_spec                { $$ = list_one($2); }
  | IMPORT '(' import_specs semi_opt ')' { $$ = $3; }
  | IMPORT '(' ')'                    { $$ = list_empty(); }
  ;
import_specs
  : import_spec                       { $$ = list_one($1); }
  | import_specs ';' import_spec      { $$ = list_append($1, $3); }
  ;
import_spec
  : STRING_LIT                        { $$ = new_import(NULL, $1, @1); }
  | IDENT STRING_LIT                  { $$ = new_import($1, $2, @1); }
  | '.' STRING_LIT                    { $$ = new_import(".", $2, @1); }
  ;

/* top_decl: var_decl | const_decl | func_decl */
top_decl
  : var_decl                          { $$ = new_decl_group($1); }
  | const_decl                        { $$ = new_decl_group($1); }
  | func_decl                         { $$ = $1; }
  | type_decl                         { $$ = new_decl_group($1); }
  ;

/* type_decl: "type" ( type_spec | "(" { type_spec ";" } ")" )
 * type_spec: name [ "=" ] type */
type_decl
  : TYPE type_spec                    { $$ = list_one($2); }
  | TYPE '(' type_specs semi_opt ')'  { $$ = $3; }
  | TYPE '(' ')'                      { $$ = list_empty(); }
  ;
type_specs
  : type_spec                         { $$ = list_one($1); }
  | type_specs ';' type_spec          { $$ = list_append($1, $3); }
  ;
type_spec
  : IDENT type                        { $$ = new_type_decl($1, $2, false, @1); }
  | IDENT '=' type                    { $$ = new_type_decl($1, $3, true, @1); }
  ;

/* var_decl: "var" ( var_spec | "(" { var_spec ";" } ")" )
 * var_spec: ident_list ( type [ "=" expr_list ] | "=" expr_list ) */
var_decl
  : VAR var_spec                      { $$ = list_one($2); }
  | VAR '(' var_specs semi_opt ')'    { $$ = new_var_block($3); }
  | VAR '(' ')'                       { $$ = list_empty(); }
  ;
var_specs
  : var_spec                          { $$ = list_one($1); }
  | var_specs ';' var_spec            { $$ = list_append($1, $3); }
  ;
var_spec
  : ident_list type                   { $$ = new_var($1, $2, list_empty(), @1); }
  | ident_list type '=' expr_list     { $$ = new_var($1, $2, $4, @1); }
  | ident_list '=' expr_list          { $$ = new_var($1, NULL, $3, @1); }
  ;

/* const_decl: "const" ( const_spec | "(" { const_spec ";" } ")" )
 * const_spec: ident_list [ [ type ] "=" expr_list ] */
const_decl
  : CONST const_spec                  { $$ = new_const_block(list_one($2)); }
  | CONST '(' const_specs semi_opt ')' { $$ = new_const_block($3); }
  | CONST '(' ')'                     { $$ = list_empty(); }
  ;
const_specs
  : const_spec                        { $$ = list_one($1); }
  | const_specs ';' const_spec        { $$ = list_append($1, $3); }
  ;
const_spec
  : ident_list                        { $$ = new_const($1, NULL, list_empty(), @1); }
  | ident_list type                   { $$ = new_const($1, $2, list_empty(), @1); }
  | ident_list '=' expr_list          { $$ = new_const($1, NULL, $3, @1); }
  | ident_list type '=' expr_list     { $$ = new_const($1, $2, $4, @1); }
  ;

ident_list
  : IDENT                             { $$ = list_one(new_ident($1, @1)); }
  | ident_list ',' IDENT              { $$ = list_append($1, new_ident($3, @3)); }
  ;

/* func_decl: "func" name signature [ block ] */
func_decl
  : FUNC IDENT signature body_opt     { $$ = new_func_decl($2, $3, $4, @2); }
  | FUNC '(' params ')' IDENT signature body_opt { $$ = new_method_decl($3, @2, $5, $6, $7, @5); }
  | FUNC IDENT '[' skip_inner ']' signature body_opt { $$ = new_unsupported("generic functions are", @3); }
  ;
body_opt
  : %empty                            { $$ = NULL; }
  | block                             { $$ = $1; }
  ;

/* signature: "(" [ param { "," param } [ "," ] ] ")" result */
signature
  : '(' params ')' result             { $$ = new_func_type($2, $4, @1); }
  ;
params
  : %empty                            { $$ = list_empty(); }
  | param_list comma_opt              { $$ = $1; }
  ;
param_list
  : param                             { $$ = list_one($1); }
  | param_list ',' param              { $$ = list_append($1, $3); }
  ;
/* param: [ name ] [ "..." ] type; names are sorted out by new_func_type */
param
  : type                              { $$ = new_field(NULL, $1, false, @1); }
  | IDENT type                        { $$ = new_field($1, $2, false, @1); }
  | IDENT ELLIPSIS type               { $$ = new_field($1, $3, true, @1); }
  | ELLIPSIS type                     { $$ = new_field(NULL, $2, true, @1); }
  ;
/* result: [ "(" params ")" | type ] */
result
  : %empty %prec NO_RESULT            { $$ = NULL; }
  | '(' params ')'                    { $$ = new_result_list($2, @1); }
  | type                              { $$ = new_result_list(list_one(new_field(NULL, $1, false, @1)), @1); }
  ;

/* type: name | pkg "." name | "[" "]" type | "func" signature | "interface" "{" "}" */
type
  : base_type                         { $$ = $1; }
  | ARROW CHAN type                   { $$ = new_type_chan($3, CHAN_RECV, @1); }
  ;
/* A type that does not start with "<-": after "chan", "<-" is the
 * direction of the outer channel (Go's "leftmost chan" rule). */
base_type
  : IDENT                             { $$ = new_type_name($1, @1); }
  | IDENT '.' IDENT                   { $$ = new_type_qualified($1, @1, $3, @2); }
  | non_expr_type                     { $$ = $1; }
  | '*' type                          { $$ = new_star($2, @1); }
  ;
non_expr_type
  : slice_type                        { $$ = $1; }
  | func_type                         { $$ = $1; }
  | iface_type                        { $$ = $1; }
  | array_type                        { $$ = $1; }
  | map_type                          { $$ = $1; }
  | CHAN base_type                    { $$ = new_type_chan($2, CHAN_BOTH, @1); }
  | CHAN '(' type ')'                 { $$ = new_type_chan($3, CHAN_BOTH, @1); }
  | CHAN ARROW type                   { $$ = new_type_chan($3, CHAN_SEND, @1); }
  | struct_type                       { $$ = $1; }
  ;
array_type
  : '[' expr ']' type                 { $$ = new_type_array($2, $4, @1); }
  | '[' ELLIPSIS ']' type             { $$ = new_type_array(NULL, $4, @1); }
  ;
/* struct_type: "struct" "{" { field_decl ";" } "}" */
struct_type
  : STRUCT '{' '}'                    { $$ = new_type_struct(list_empty(), @1); }
  | STRUCT '{' field_decls semi_opt '}' { $$ = new_type_struct($3, @1); }
  ;
field_decls
  : field_decl                        { $$ = $1; }
  | field_decls ';' field_decl        { $$ = list_concat($1, $3); }
  ;
/* field_decl: ( ident_list type | embedded_field ) [ tag ]; tags are ignored */
field_decl
  : ident_list type                   { $$ = new_field_group($1, $2); }
  | ident_list type STRING_LIT        { $$ = new_field_group($1, $2); }
  | embedded_field                    { $$ = list_one($1); }
  | embedded_field STRING_LIT         { $$ = list_one($1); }
  ;
/* embedded_field: [ "*" ] type_name */
embedded_field
  : IDENT                             { $$ = new_embedded_field(new_type_name($1, @1), @1); }
  | IDENT '.' IDENT                   { $$ = new_embedded_field(new_type_qualified($1, @1, $3, @2), @1); }
  | '*' IDENT                         { $$ = new_embedded_field(new_star(new_type_name($2, @2), @1), @1); }
  | '*' IDENT '.' IDENT               { $$ = new_embedded_field(new_star(new_type_qualified($2, @2, $4, @3), @1), @1); }
  ;
map_type
  : MAP '[' type ']' type             { $$ = new_type_map($3, $5, @1); }
  ;
slice_type
  : '[' ']' type                      { $$ = new_type_slice($3, @1); }
  ;
func_type
  : FUNC signature                    { $$ = $2; }
  ;
/* iface_type: "interface" "{" { ( method_name signature | type_name ) ";" } "}" */
iface_type
  : INTERFACE '{' '}'                 { $$ = new_type_iface(list_empty(), @1); }
  | INTERFACE '{' iface_elems semi_opt '}' { $$ = new_type_iface($3, @1); }
  | INTERFACE '{' error skip_inner '}' { $$ = new_bad(@1); }
  ;
iface_elems
  : iface_elem                        { $$ = list_one($1); }
  | iface_elems ';' iface_elem        { $$ = list_append($1, $3); }
  ;
iface_elem
  : IDENT signature                   { $$ = new_field($1, $2, false, @1); }
  | IDENT                             { $$ = new_embedded_field(new_type_name($1, @1), @1); }
  | IDENT '.' IDENT                   { $$ = new_embedded_field(new_type_qualified($1, @1, $3, @2), @1); }
  ;

/* block: "{" stmt { ";" stmt } "}" */
block
  : '{' stmt_list '}'                 { $$ = new_block($2, @1, @3); }
  ;
stmt_list
  : stmt                              { $$ = list_append_stmt(list_empty(), $1); }
  | stmt_list ';' stmt                { $$ = list_append_stmt($1, $3); }
  ;
stmt
  : %empty                            { $$ = NULL; }
  | error skip                        { $$ = NULL; }
  | simple_stmt                       { $$ = $1; }
  | var_decl                          { $$ = new_decl_group($1); }
  | const_decl                        { $$ = new_decl_group($1); }
  | block                             { $$ = $1; }
  | if_stmt                           { $$ = $1; }
  | for_stmt                          { $$ = $1; }
  | switch_stmt                       { $$ = $1; }
  | IDENT ':' stmt                    { $$ = new_labeled($1, $3, @1); }
  | RETURN expr_list_opt              { $$ = new_return($2, @1); }
  | BREAK label_opt                   { $$ = new_branch(ND_BREAK, $2, @1); }
  | CONTINUE label_opt                { $$ = new_branch(ND_CONTINUE, $2, @1); }
  | FALLTHROUGH                       { $$ = new_branch(ND_FALLTHROUGH, NULL, @1); }
  | DEFER expr                        { $$ = new_defer($2, @1); }
  | GO expr                           { $$ = new_go($2, @1); }
  | GOTO IDENT                        { $$ = new_goto($2, @2, @1); }
  | type_decl                         { $$ = new_decl_group($1); }
  | SELECT '{' comm_list '}'          { $$ = new_select($3, @1); }
  ;
label_opt
  : %empty                            { $$ = NULL; }
  | IDENT                             { $$ = $1; }
  ;

/* simple_stmt: expr | expr op= expr | expr ++ | expr -- | expr_list = expr_list
 *            | expr_list := expr_list */
simple_stmt
  : expr                              { $$ = new_expr_stmt($1); }
  | expr ASSIGNOP expr                { $$ = new_op_assign($2, $1, $3, @2); }
  | expr INC                          { $$ = new_incdec(OP_ADD, $1, @2); }
  | expr DEC                          { $$ = new_incdec(OP_SUB, $1, @2); }
  | expr ARROW expr                   { $$ = new_send($1, $3, @2); }
  | expr_list '=' expr_list           { $$ = new_assign($1, $3, @2); }
  | expr_list DEFINE expr_list        { $$ = new_define($1, $3, @2); }
  ;
simple_stmt_opt
  : %empty                            { $$ = NULL; }
  | simple_stmt                       { $$ = $1; }
  ;

/* if_stmt: "if" [ simple_stmt ";" ] expr block [ "else" ( if_stmt | block ) ] */
if_stmt
  : IF if_header block else_opt       { $$ = new_if($2, $3, $4, @1); }
  ;
if_header
  : simple_stmt_opt                   { $$ = new_header(NULL, $1, NULL, @1); }
  | simple_stmt_opt ';' simple_stmt_opt { $$ = new_header($1, $3, $2, @2); }
  ;
else_opt
  : %empty                            { $$ = NULL; }
  | ELSE if_stmt                      { $$ = $2; }
  | ELSE block                        { $$ = $2; }
  ;

/* for_stmt: "for" [ expr | init ";" [ expr ] ";" post | range_clause ] block */
for_stmt
  : FOR for_header block              { $$ = new_for($2, $3, @1); }
  ;
for_header
  : simple_stmt_opt                   { $$ = new_for_header(NULL, $1, NULL, @1); }
  | simple_stmt_opt ';' simple_stmt_opt ';' simple_stmt_opt { $$ = new_for_header($1, $3, $5, @2); }
  | range_clause                      { $$ = $1; }
  ;
/* range_clause: [ expr_list ( "=" | ":=" ) ] "range" expr */
range_clause
  : RANGE expr                        { $$ = new_range(list_empty(), $2, false, @1); }
  | expr_list '=' RANGE expr          { $$ = new_range($1, $4, false, @1); }
  | expr_list DEFINE RANGE expr       { $$ = new_range($1, $4, true, @1); }
  ;

/* switch_stmt: "switch" [ simple_stmt ";" ] [ expr ] "{" { case_clause } "}" */
switch_stmt
  : SWITCH if_header '{' case_list '}' { $$ = new_switch($2, $4, @1); }
  ;
case_list
  : %empty                            { $$ = list_empty(); }
  | case_list case_clause             { $$ = list_append($1, $2); }
  ;
/* case_clause: ( "case" expr_list | "default" ) ":" stmt_list; a type
 * switch's cases list types, which the checker tells from expressions */
case_clause
  : CASE case_values ':' stmt_list    { $$ = new_case($2, $4, false, @1); }
  | DEFAULT ':' stmt_list             { $$ = new_case(list_empty(), $3, true, @1); }
  ;

/* comm_clause: ( "case" ( send_stmt | recv_stmt ) | "default" ) ":" stmt_list;
 * which simple statements are communications is the checker's to say */
comm_list
  : %empty                            { $$ = list_empty(); }
  | comm_list comm_clause             { $$ = list_append($1, $2); }
  ;
comm_clause
  : CASE simple_stmt ':' stmt_list    { $$ = new_comm_case($2, $4, false, @1); }
  | DEFAULT ':' stmt_list             { $$ = new_comm_case(NULL, $3, true, @1); }
  ;

case_values
  : expr_or_type                      { $$ = list_one($1); }
  | case_values ',' expr_or_type      { $$ = list_append($1, $3); }
  ;

/* expr: unary_expr | expr binary_op expr */
expr
  : uexpr                             { $$ = $1; }
  | expr OROR expr                    { $$ = new_binary(OP_LOR, $1, $3, @2); }
  | expr ANDAND expr                  { $$ = new_binary(OP_LAND, $1, $3, @2); }
  | expr EQ expr                      { $$ = new_binary(OP_EQ, $1, $3, @2); }
  | expr NE expr                      { $$ = new_binary(OP_NE, $1, $3, @2); }
  | expr '<' expr                     { $$ = new_binary(OP_LT, $1, $3, @2); }
  | expr LE expr                      { $$ = new_binary(OP_LE, $1, $3, @2); }
  | expr '>' expr                     { $$ = new_binary(OP_GT, $1, $3, @2); }
  | expr GE expr                      { $$ = new_binary(OP_GE, $1, $3, @2); }
  | expr '+' expr                     { $$ = new_binary(OP_ADD, $1, $3, @2); }
  | expr '-' expr                     { $$ = new_binary(OP_SUB, $1, $3, @2); }
  | expr '|' expr                     { $$ = new_binary(OP_OR, $1, $3, @2); }
  | expr '^' expr                     { $$ = new_binary(OP_XOR, $1, $3, @2); }
  | expr '*' expr                     { $$ = new_binary(OP_MUL, $1, $3, @2); }
  | expr '/' expr                     { $$ = new_binary(OP_DIV, $1, $3, @2); }
  | expr '%' expr                     { $$ = new_binary(OP_REM, $1, $3, @2); }
  | expr '&' expr                     { $$ = new_binary(OP_AND, $1, $3, @2); }
  | expr SHL expr                     { $$ = new_binary(OP_SHL, $1, $3, @2); }
  | expr SHR expr                     { $$ = new_binary(OP_SHR, $1, $3, @2); }
  | expr ANDNOT expr                  { $$ = new_binary(OP_ANDNOT, $1, $3, @2); }
  ;
expr_opt
  : %empty                            { $$ = NULL; }
  | expr                              { $$ = $1; }
  ;

/* unary_expr: primary_expr | unary_op unary_expr */
uexpr
  : pexpr                             { $$ = $1; }
  | '+' uexpr                         { $$ = new_unary(OP_POS, $2, @1); }
  | '-' uexpr                         { $$ = new_unary(OP_NEG, $2, @1); }
  | '!' uexpr                         { $$ = new_unary(OP_NOT, $2, @1); }
  | '^' uexpr                         { $$ = new_unary(OP_XOR, $2, @1); }
  | '*' uexpr                         { $$ = new_star($2, @1); }
  | '&' uexpr                         { $$ = new_addr($2, @1); }
  | ARROW uexpr                       { $$ = new_recv($2, @1); }
  ;

/* primary_expr: operand | conversion | primary_expr selector | index | slice
 *             | type_assertion | arguments */
pexpr
  : INT_LIT                           { $$ = $1; }
  | RUNE_LIT                          { $$ = $1; }
  | STRING_LIT                        { $$ = $1; }
  | IDENT                             { $$ = new_ident($1, @1); }
  | func_lit                          { $$ = $1; }
  | '(' expr_or_type ')'              { $$ = new_paren($2, @1); }
  | pexpr '.' IDENT                   { $$ = new_selector($1, $3, @2); }
  | pexpr '.' '(' type ')'            { $$ = new_type_assert($1, $4, @2); }
  | pexpr '[' expr ']'                { $$ = new_index($1, $3, @2); }
  | pexpr '[' expr_opt ':' expr_opt ']' { $$ = new_slice($1, $3, $5, @2); }
  | pexpr '[' expr_opt ':' expr_opt ':' expr_opt ']' { $$ = new_slice3($1, $3, $5, @6, $7, @8, @2); }
  | pexpr '(' args ')'                { $$ = new_call($1, $3, false, @2); }
  | pexpr '(' arg_list ELLIPSIS comma_opt ')' { $$ = new_call($1, $3, true, @2); }
  | slice_type '(' args ')'           { $$ = new_call($1, $3, false, @2); }
  | iface_type '(' args ')'           { $$ = new_call($1, $3, false, @2); }
  | iface_type '.' IDENT              { $$ = new_selector($1, $3, @2); }
  | array_type '(' args ')'           { $$ = new_call($1, $3, false, @2); }
  | struct_type '(' args ')'          { $$ = new_call($1, $3, false, @2); }
  | struct_type '.' IDENT             { $$ = new_selector($1, $3, @2); }
  | pexpr '[' expr_or_type ',' arg_list comma_opt ']' { $$ = new_generic_inst(@1); }
  | slice_type '{' elems '}'          { $$ = new_composite($1, $3, @2, @4); }
  | slice_type '{' error skip_inner '}' { $$ = new_bad(@2); }
  | pexpr '(' error skip_inner ')'    { $$ = new_bad(@2); }
  | array_type '{' elems '}'          { $$ = new_composite($1, $3, @2, @4); }
  | struct_type '{' elems '}'         { $$ = new_composite($1, $3, @2, @4); }
  | map_type '{' elems '}'            { $$ = new_composite($1, $3, @2, @4); }
  | map_type '(' args ')'             { $$ = new_call($1, $3, false, @2); }
  | pexpr LCOMPOSITE elems '}'        { $$ = new_composite($1, $3, @2, @4); }
  | pexpr LCOMPOSITE error skip_inner '}' { $$ = new_bad(@2); }
  | pexpr '.' '(' TYPE ')'            { $$ = new_type_assert($1, NULL, @2); }
  ;
func_lit
  : FUNC signature block              { $$ = new_func_lit($2, $3, @1); }
  ;
expr_or_type
  : expr                              { $$ = $1; }
  | non_expr_type                     { $$ = $1; }
  | '*' non_expr_type                 { $$ = new_star($2, @1); }
  | ARROW CHAN type                   { $$ = new_type_chan($3, CHAN_RECV, @1); }
  ;

/* arguments: "(" [ expr_or_type { "," expr_or_type } [ "..." ] [ "," ] ] ")" */
args
  : %empty                            { $$ = list_empty(); }
  | arg_list comma_opt                { $$ = $1; }
  ;
arg_list
  : expr_or_type                      { $$ = list_one($1); }
  | arg_list ',' expr_or_type         { $$ = list_append($1, $3); }
  ;

/* composite elements: element { "," element } [ "," ] with
 * element: expr | "{" elements "}" (elided inner slice type) */
elems
  : %empty                            { $$ = list_empty(); }
  | elem_list comma_opt               { $$ = $1; }
  ;
elem_list
  : elem                              { $$ = list_one($1); }
  | elem_list ',' elem                { $$ = list_append($1, $3); }
  ;
elem
  : expr                              { $$ = $1; }
  | '{' elems '}'                     { $$ = new_composite(NULL, $2, @1, @3); }
  | '{' error skip_inner '}'          { $$ = new_bad(@1); }
  | expr ':' expr                     { $$ = new_keyed($1, $3, @2); }
  | expr ':' '{' elems '}'            { $$ = new_keyed($1, new_composite(NULL, $4, @3, @5), @2); }
  | '{' elems '}' ':' expr            { $$ = new_keyed(new_composite(NULL, $2, @1, @3), $5, @4); }
  | '{' elems '}' ':' '{' elems '}'   { $$ = new_keyed(new_composite(NULL, $2, @1, @3), new_composite(NULL, $6, @5, @7), @4); }
  ;

expr_list
  : expr                              { $$ = list_one($1); }
  | expr_list ',' expr                { $$ = list_append($1, $3); }
  ;
expr_list_opt
  : %empty                            { $$ = list_empty(); }
  | expr_list                         { $$ = $1; }
  ;

/* Error recovery skips the rest of a statement or declaration, stepping
 * over bracketed groups as Go's parser does, so that a '}' inside a bad
 * statement does not end the enclosing block. */
skip
  : %empty                            {}
  | skip skip_token                   {}
  | skip '(' skip_inner ')'           {}
  | skip '[' skip_inner ']'           {}
  | skip '{' skip_inner '}'           {}
  | skip LCOMPOSITE skip_inner '}'    {}
  ;
skip_inner
  : %empty                            {}
  | skip_inner skip_token             {}
  | skip_inner ';'                    {}
  | skip_inner CASE                   {}
  | skip_inner DEFAULT                {}
  | skip_inner '(' skip_inner ')'     {}
  | skip_inner '[' skip_inner ']'     {}
  | skip_inner '{' skip_inner '}'     {}
  | skip_inner LCOMPOSITE skip_inner '}' {}
  ;
skip_token
  : IDENT {} | INT_LIT {} | RUNE_LIT {} | STRING_LIT {} | ASSIGNOP {}
  | BREAK | CHAN | CONST | CONTINUE | DEFER | ELSE | FALLTHROUGH | FOR | FUNC | GO
  | GOTO | IF | IMPORT | INTERFACE | MAP | PACKAGE | RANGE | RETURN | SELECT | STRUCT
  | SWITCH | TYPE | VAR | ANDAND | OROR | EQ | NE | LE | GE | SHL | SHR | ANDNOT
  | DEFINE | ELLIPSIS | INC | DEC | ARROW | '+' | '-' | '*' | '/' | '%' | '&' | '|'
  | '^' | '<' | '>' | '=' | '!' | ',' | '.' | ':'
  ;

comma_opt: %empty | ',' ;
semi_opt: %empty | ';' ;

%%

/* ---- syntax errors in Go's words */

/* Go's spelling of an expected token: "name", "comma", ")". */
static const char *go_token_name(yysymbol_kind_t sym) {
  switch (sym) {
  case YYSYMBOL_IDENT: return "name";
  case YYSYMBOL_INT_LIT: case YYSYMBOL_RUNE_LIT: case YYSYMBOL_STRING_LIT: return "literal";
  case YYSYMBOL_YYEOF: return "EOF";
  default: break;
  }
  static char buf[YYNTOKENS][24];
  const char *name = yysymbol_name(sym);
  size_t n = strlen(name);
  if (n >= 2 && (name[0] == '"' || name[0] == '\'') && name[n - 1] == name[0]) {
    name++;
    n -= 2;
  }
  if (n == 1 && name[0] == ',')
    return "comma";
  if (n == 1 && name[0] == ';')
    return "semicolon or newline";
  snprintf(buf[sym], sizeof buf[sym], "%.*s", (int)n, name);
  return buf[sym];
}

/* Tokens that may continue an expression; after one, Go names only what
 * would close the construct ("expecting comma or )"). */
static bool continues_expression(yysymbol_kind_t sym) {
  const char *name = go_token_name(sym);
  static const char *const ops[] = {
    "||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "|", "^", "*", "/",
    "%", "&", "<<", ">>", "&^", ".", "[", "(", "++", "--", "op=", "=", ":=", "...",
    "error", NULL};
  for (int i = 0; ops[i]; i++)
    if (strcmp(name, ops[i]) == 0)
      return true;
  return false;
}

static bool expects(const yysymbol_kind_t *exp, int n, yysymbol_kind_t sym) {
  for (int i = 0; i < n; i++)
    if (exp[i] == sym)
      return true;
  return false;
}

/* Character tokens have no stable symbol names; find them by spelling. */
static bool expects_name(const yysymbol_kind_t *exp, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(go_token_name(exp[i]), name) == 0)
      return true;
  return false;
}

/* The message for an unexpected token, given what the grammar expected. */
static char *syntax_message(Lexer *lx, const yysymbol_kind_t *exp, int n) {
  const char *tok = lx->desc;
  if (expects(exp, n, YYSYMBOL_PACKAGE))
    return xstrdup("syntax error: package statement must be first");
  if (expects(exp, n, YYSYMBOL_FUNC) && expects(exp, n, YYSYMBOL_CONST) &&
      !expects(exp, n, YYSYMBOL_IDENT))
    return xstrdup("syntax error: non-declaration statement outside function body");
  if (lx->prev_tok == ELSE && lx->last_tok != IF && lx->last_tok != '{')
    return xstrdup("syntax error: else must be followed by if or statement block");
  if (expects(exp, n, YYSYMBOL_IDENT) && expects(exp, n, YYSYMBOL_INT_LIT))
    return xformat("syntax error: unexpected %s, expecting expression", tok);
  bool after_expr = expects(exp, n, YYSYMBOL_OROR) || expects(exp, n, YYSYMBOL_ANDNOT);
  const char *names[YYNTOKENS];
  int m = 0;
  for (int i = 0; i < n; i++)
    if (!(after_expr && continues_expression(exp[i])) && exp[i] != YYSYMBOL_YYerror)
      names[m++] = go_token_name(exp[i]);
  for (int i = 1; i < m; i++)  // Go names the comma first: "expecting comma or )"
    if (strcmp(names[i], "comma") == 0) {
      names[i] = names[0];
      names[0] = "comma";
    }
  bool semi = expects_name(exp, n, "semicolon or newline");
  if (semi && expects_name(exp, n, "}"))
    return xformat("syntax error: unexpected %s at end of statement", tok);
  if (semi && !expects_name(exp, n, ")"))
    return xformat("syntax error: unexpected %s after top level declaration", tok);
  bool comma = expects_name(exp, n, "comma");
  if (comma && m == 2 && expects_name(exp, n, ")"))
    return xformat("syntax error: unexpected %s in %s list; possibly missing comma or )", tok,
                  expects_name(exp, n, "...") ? "argument" : "parameter");
  if (comma && m <= 3 && expects_name(exp, n, "}"))
    return xformat("syntax error: unexpected %s in composite literal; possibly missing "
                  "comma or }", tok);
  if (!after_expr && expects_name(exp, n, "...") && expects_name(exp, n, ")"))
    return xformat("syntax error: unexpected %s, expecting )", tok);
  if (m == 0 || m > 3)
    return xformat("syntax error: unexpected %s", tok);
  char *list = xstrdup(names[0]);
  for (int i = 1; i < m; i++)
    list = xformat("%s%s%s", list, i == m - 1 ? " or " : ", ", names[i]);
  return xformat("syntax error: unexpected %s, expecting %s", tok, list);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner) {
  Lexer *lx = yyget_extra(scanner);
  yysymbol_kind_t exp[YYNTOKENS];
  int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
  if (n < 0)
    n = 0;
  // A composite literal's brace may follow any operand, but only the
  // scanner decides when a brace is one: Go's messages never expect it.
  int kept = 0;
  for (int i = 0; i < n; i++)
    if (exp[i] != YYSYMBOL_LCOMPOSITE)
      exp[kept++] = exp[i];
  n = kept;
  Pos pos = *yypcontext_location(ctx);
  // One syntax error per line, as Go: the rest are usually its echoes.
  if (pos.line == lx->last_error_line || lx->too_deep)
    return 0;
  if (lx->quiet_depth >= 0 && lx->tok_depth > lx->quiet_depth)
    return 0;
  lx->quiet_depth = -1;
  // At EOF after an error, Go stays quiet: the cause was reported already.
  if (yypcontext_token(ctx) == YYSYMBOL_YYEOF && error_count() > 0)
    return 0;
  lx->last_error_line = pos.line;
  error_at(pos, "%s", syntax_message(lx, exp, n));
  return 0;
}

static void yyerror(YYLTYPE *loc, yyscan_t scanner, const char *msg) {
  (void)scanner;
  error_at(*loc, "%s", strcmp(msg, "memory exhausted") == 0
                           ? "program too large or too deeply nested" : msg);
}
