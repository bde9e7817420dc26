// load.c: from the command line's inputs to the program's packages, as the
// go command loads them: the main package (a directory, or files of one
// directory), then every package it imports, found in the main package's
// module (its go.mod names the module path) or in minigo's standard library
// (std/, Go source compiled like the program's own), each parsed once.
// Import cycles are rejected; the result lists each package after those it
// imports, which is the order the checker and package initialization need.
#include "minigo.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct Loader {
  const LoadConfig *cfg;
  const char *module_path;  // from go.mod, or NULL
  const char *module_root;  // the directory holding go.mod
  Vec packages;             // Package*, every one found so far
  Vec order;                // Package*, imports first
  Vec stack;                // Package*, the import path being followed
  bool main_from_files;     // the main package is named by its files (Go's "local" package)
} Loader;

bool load_is_runtime_package(const char *path) {
  static const char *const runtime_packages[] = {"fmt", "errors", "runtime"};
  for (size_t i = 0; i < sizeof runtime_packages / sizeof runtime_packages[0]; i++)
    if (strcmp(path, runtime_packages[i]) == 0)
      return true;
  return false;
}

// ---------------------------------------------------------------- files

static char *read_source(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "minigo: open %s: %s\n", path, strerror(errno));
    exit(1);
  }
  size_t cap = 4096, n = 0, got;
  char *buf = xmalloc(cap);
  while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n - 1 == 0)
      buf = xrealloc(buf, cap *= 2);
  }
  if (ferror(f)) {
    fprintf(stderr, "minigo: read %s: %s\n", path, strerror(errno));
    exit(1);
  }
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

// A source file of a package: NAME.mini or NAME.go, not a test, not hidden.
static bool is_source_name(const char *name) {
  return name[0] != '.' && name[0] != '_' && !has_suffix(name, "_test.go") &&
         (has_suffix(name, ".mini") || has_suffix(name, ".go"));
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

// The source files of the package in dir, sorted by name as Go reads them.
static Vec package_files(const char *dir) {
  Vec names = {0};
  DIR *d = opendir(dir);
  if (!d)
    return names;
  for (struct dirent *e; (e = readdir(d));)
    if (is_source_name(e->d_name))
      vec_push(&names, xstrdup(e->d_name));
  closedir(d);
  qsort(names.items, (size_t)names.len, sizeof(void *), compare_names);
  for (int i = 0; i < names.len; i++)
    names.items[i] = strcmp(dir, ".") ? xformat("%s/%s", dir, (char *)names.items[i])
                                      : names.items[i];
  return names;
}

// ---------------------------------------------------------------- go.mod

// The module path of a go.mod: its `module` directive.
static const char *modfile_module(const char *gomod) {
  size_t len;
  char *src = read_source(gomod, &len);
  for (char *line = strtok(src, "\n"); line; line = strtok(NULL, "\n")) {
    while (*line == ' ' || *line == '\t')
      line++;
    if (strncmp(line, "module", 6) != 0 || (line[6] != ' ' && line[6] != '\t'))
      continue;
    char *p = line + 6;
    p += strspn(p, " \t\"");
    size_t n = strcspn(p, " \t\"\r/");
    while (p[n] == '/' && p[n + 1] != '/')  // a path, up to a // comment
      n += 1 + strcspn(p + n + 1, " \t\"\r/");
    return n ? xstrndup(p, n) : NULL;
  }
  return NULL;
}

// Finds go.mod in dir or above it. Files of a module rooted at dir keep
// paths relative to it in diagnostics, as Go's do.
static void find_module(Loader *l, const char *dir) {
  char *here = xformat("%s/go.mod", dir);
  struct stat here_st;
  if (stat(here, &here_st) == 0) {
    l->module_path = modfile_module(here);
    l->module_root = dir;
    return;
  }
  char *d = realpath(dir, NULL);
  while (d) {
    char *gomod = xformat("%s/go.mod", d);
    struct stat st;
    if (stat(gomod, &st) == 0) {
      l->module_path = modfile_module(gomod);
      l->module_root = d;
      return;
    }
    if (strcmp(d, "/") == 0)
      return;
    d = dirname(d);
  }
}

// ---------------------------------------------------------------- packages

static Package *new_package(Loader *l, const char *path, const char *dir, bool is_std) {
  Package *p = xcalloc(1, sizeof(Package));
  p->path = path;
  p->dir = dir;
  p->is_std = is_std;
  vec_push(&l->packages, p);
  return p;
}

// Parses the files; all must name the same package, as Go requires.
static bool parse_package(Package *p, Vec *paths) {
  bool ok = true;
  for (int i = 0; i < paths->len; i++) {
    size_t len;
    const char *path = paths->items[i];
    char *src = read_source(path, &len);
    Node *file = parse_file(path, src, len);
    if (!file) {
      ok = false;
      continue;
    }
    if (!p->name) {
      p->name = file->name;
    } else if (file->name && strcmp(file->name, p->name) != 0) {
      Node *first = p->files.items[0];
      error_at(file->pos, "found packages %s (%s) and %s (%s) in %s", p->name,
               basename(xstrdup(first->pos.file)), file->name, basename(xstrdup(path)), p->dir);
      ok = false;
    }
    vec_push(&p->files, file);
  }
  return ok;
}

// The directory of an import path: in the main module, else in std.
static const char *import_dir(Loader *l, Package *from, const char *path, bool *is_std) {
  size_t n = l->module_path ? strlen(l->module_path) : 0;
  *is_std = false;
  if (!from->is_std && n && strncmp(path, l->module_path, n) == 0 &&
      (path[n] == '\0' || path[n] == '/')) {
    if (strcmp(l->module_root, ".") == 0)  // paths relative to here, as Go prints them
      return path[n] ? path + n + 1 : ".";
    return xformat("%s%s", l->module_root, path + n);
  }
  *is_std = true;
  return l->cfg->std_dir ? xformat("%s/%s", l->cfg->std_dir, path) : NULL;
}

// The go command's checks of an import path (module.CheckImportPath and
// its own): what is left after the parser's. NULL when it is fine. Only a
// package named by its files is "local" to the go command.
static char *import_path_problem(const char *path, bool local) {
  size_t n = strlen(path);
  bool relative =
      path[0] == '.' && (n == 1 || path[1] == '/' || (path[1] == '.' && (n == 2 || path[2] == '/')));
  if (relative && local)
    return xformat("\"%s\" is relative, but relative import paths are not supported in module mode",
                   path);
  if (relative)
    return xformat("local import \"%s\" in non-local package", path);
  if (path[0] == '/')
    return xformat("\"%s\" is not a package path; see 'go help packages'", path);
  if (strstr(path, "//"))
    return xformat("malformed import path \"%s\": double slash", path);
  if (path[n - 1] == '/')
    return xformat("malformed import path \"%s\": trailing slash", path);
  for (const char *e = path; *e; e += strcspn(e, "/"), e += *e == '/') {
    size_t len = strcspn(e, "/");
    if ((len == 1 && e[0] == '.') || (len == 2 && e[0] == '.' && e[1] == '.'))
      return xformat("malformed import path \"%s\": invalid path element \"%.*s\"", path,
                     (int)len, e);
  }
  for (const unsigned char *c = (const unsigned char *)path; *c; c++)
    if (!(*c < 0x80 && (isalnum(*c) || strchr("-._~+/", *c)))) {
      int len = *c >= 0xF0 ? 4 : *c >= 0xE0 ? 3 : *c >= 0xC0 ? 2 : 1;  // the rune's bytes
      return xformat("malformed import path \"%s\": invalid char '%.*s'", path, len,
                     (const char *)c);
    }
  return NULL;
}

static bool load_imports(Loader *l, Package *p);

// The package an import names, loaded with its own imports; NULL after
// reporting why there is none.
static Package *load_import(Loader *l, Package *from, Node *imp) {
  const char *path = imp->name;
  if (strcmp(path, "main") == 0) {
    error_at(imp->pos, "import \"main\" is a program, not an importable package");
    return NULL;
  }
  for (int i = 0; i < l->packages.len; i++) {
    Package *p = l->packages.items[i];
    if (strcmp(p->path, path) != 0)
      continue;
    if (p->load_state == 1) {
      // p is on the import path: the cycle runs from it to here.
      int k = 0;
      while (l->stack.items[k] != p)
        k++;
      char *msg = xformat("import cycle not allowed: %s", p->path);
      for (int j = k + 1; j < l->stack.len; j++)
        msg = xformat("%s imports %s", msg, ((Package *)l->stack.items[j])->path);
      error_at(imp->pos, "%s imports %s", msg, path);
      return NULL;
    }
    return p->files.len ? p : NULL;
  }
  char *problem = import_path_problem(path, l->main_from_files && from == l->stack.items[0]);
  if (problem) {
    error_at(imp->pos, "%s", problem);
    return NULL;
  }
  bool is_std;
  const char *dir = import_dir(l, from, path, &is_std);
  Vec files = dir && is_dir(dir) ? package_files(dir) : (Vec){0};
  Package *p = new_package(l, path, dir, is_std);
  if (files.len == 0) {
    if (!is_std)
      error_at(imp->pos, "package %s is not in module %s (no Go files in %s)", path,
               l->module_path, dir);
    else
      error_at(imp->pos, "package %s is not in Mini's standard library", path);
    return NULL;
  }
  if (!parse_package(p, &files))
    return NULL;
  if (p->name && strcmp(p->name, "main") == 0) {
    error_at(imp->pos, "import \"%s\" is a program, not an importable package", path);
    p->files.len = 0;  // reported once
    return NULL;
  }
  return load_imports(l, p) ? p : NULL;
}

// Loads what p's files import, depth first, then lists p.
static bool load_imports(Loader *l, Package *p) {
  bool ok = true;
  p->load_state = 1;
  vec_push(&l->stack, p);
  for (int i = 0; i < p->files.len; i++) {
    Node *file = p->files.items[i];
    for (int j = 0; j < file->imports.len; j++) {
      Node *imp = file->imports.items[j];
      if (!imp->name || !*imp->name || load_is_runtime_package(imp->name))
        continue;
      Package *q = load_import(l, p, imp);
      if (!q) {
        ok = false;
        continue;
      }
      imp->pkg = q;
      bool have = false;
      for (int k = 0; k < p->imports.len; k++)
        have |= p->imports.items[k] == q;
      if (!have)
        vec_push(&p->imports, q);
    }
  }
  l->stack.len--;
  p->load_state = 2;
  vec_push(&l->order, p);
  return ok;
}

// ---------------------------------------------------------------- main

// The files of the main package: a directory's, or the named files.
static bool main_files(char **inputs, int n, Vec *files, const char **dir) {
  if (n == 0 || (n == 1 && is_dir(inputs[0]))) {
    *dir = n ? inputs[0] : ".";
    *files = package_files(*dir);
    if (files->len == 0) {
      fprintf(stderr, "minigo: no Go files in %s\n", *dir);
      return false;
    }
    return true;
  }
  *dir = dirname(xstrdup(inputs[0]));
  for (int i = 0; i < n; i++) {
    if (!has_suffix(inputs[i], ".mini") && !has_suffix(inputs[i], ".go")) {
      fprintf(stderr, "minigo: named files must be .mini or .go files: %s\n", inputs[i]);
      return false;
    }
    if (strcmp(dirname(xstrdup(inputs[i])), *dir) != 0) {
      fprintf(stderr, "minigo: named files must all be in one directory; have %s and %s\n",
              *dir, dirname(xstrdup(inputs[i])));
      return false;
    }
    vec_push(files, inputs[i]);
  }
  return true;
}

Vec load_program(char **inputs, int ninputs, const LoadConfig *cfg) {
  Loader l = {.cfg = cfg};
  Vec files = {0}, none = {0};
  const char *dir;
  if (!main_files(inputs, ninputs, &files, &dir))
    return none;
  l.main_from_files = ninputs > 0 && !is_dir(inputs[0]);
  find_module(&l, dir);
  Package *main_pkg = new_package(&l, "main", dir, false);
  int errors = error_count();
  if (!parse_package(main_pkg, &files) || !load_imports(&l, main_pkg) || error_count() > errors)
    return none;
  return l.order;
}

Vec load_parsed_file(Node *file) {
  Loader l = {0};
  Package *p = new_package(&l, "main", ".", false);
  p->name = file->name;
  vec_push(&p->files, file);
  return l.packages;
}
