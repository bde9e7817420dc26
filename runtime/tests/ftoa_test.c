// ftoa_test.c: the runtime's float formatting against Go's own results:
// mg_ftoa against strconv.FormatFloat (every format, many precisions,
// float32 and float64), and the built-in print's format (mg_print_float,
// mg_print_complex) against Go's println, captured from stderr in a child.
// The expected texts are in ftoa_expect.h, written by gen_ftoa_expect.go
// under Go 1.19.
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "internal.h"

#include "ftoa_expect.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static double value_of(uint64_t bits, int size) {
  if (size == 32) {
    uint32_t u = (uint32_t)bits;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
  }
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

static void ftoa_cases_test(void) {
  for (size_t i = 0; i < COUNT(ftoa_cases); i++) {
    const struct ftoa_case *c = &ftoa_cases[i];
    uint8_t storage[32];  // small: long results must grow the buffer
    mg_buf b;
    mg_buf_init(&b, storage, sizeof storage);
    mg_ftoa(&b, value_of(c->bits, c->size), c->fmt, c->prec, c->size);
    bool ok = b.len == strlen(c->want) && memcmp(b.p, c->want, b.len) == 0;
    CHECK(ok);
    if (!ok)
      printf("  %016llx bits=%d %c prec=%d: got %.*s, want %s\n", (unsigned long long)c->bits,
             c->size, c->fmt, c->prec, (int)b.len, (const char *)b.p, c->want);
    mg_buf_free(&b);
  }
}

// The same after a prefix that leaves from 0 to 32 bytes of room in the
// buffer's storage: mg_ftoa writes its text straight into the buffer after
// reserving room for it, and a reservation too short would write past the
// storage's end into the guard bytes behind it without growing.
static void ftoa_room_test(void) {
  enum { CAP = 48, GUARD = 32 };
  for (size_t i = 0; i < COUNT(ftoa_cases); i++) {
    const struct ftoa_case *c = &ftoa_cases[i];
    size_t want_len = strlen(c->want);
    for (size_t room = 0; room <= 32; room++) {
      uint8_t storage[CAP + GUARD];
      memset(storage, '#', sizeof storage);
      mg_buf b;
      mg_buf_init(&b, storage, CAP);
      b.len = CAP - room;
      mg_ftoa(&b, value_of(c->bits, c->size), c->fmt, c->prec, c->size);
      bool ok = b.len == CAP - room + want_len &&
                memcmp(b.p + CAP - room, c->want, want_len) == 0;
      for (size_t k = CAP; k < sizeof storage; k++)
        ok = ok && storage[k] == '#';
      CHECK(ok);
      if (!ok)
        printf("  %016llx bits=%d %c prec=%d room=%zu: got %.*s, want %s\n",
               (unsigned long long)c->bits, c->size, c->fmt, c->prec, room,
               (int)(b.len - (CAP - room)), (const char *)b.p + CAP - room, c->want);
      mg_buf_free(&b);
    }
  }
}

// Everything the child prints on stderr, NUL-terminated, from the heap.
static char *print_in_child(void) {
  int fds[2];
  if (pipe(fds) != 0)
    abort();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 2);
    close(fds[0]);
    for (size_t i = 0; i < COUNT(print_cases); i++) {
      mg_print_float(value_of(print_cases[i].bits, 64));
      mg_print_newline();
    }
    mg_print_complex(value_of(print_cases[0].bits, 64), value_of(print_cases[1].bits, 64));
    mg_print_newline();
    _exit(0);
  }
  close(fds[1]);
  size_t cap = 1 << 16, n = 0;
  char *out = malloc(cap);
  ssize_t r;
  while ((r = read(fds[0], out + n, cap - n - 1)) > 0) {
    n += (size_t)r;
    if (cap - n < 2)
      out = realloc(out, cap *= 2);
  }
  out[n] = 0;
  close(fds[0]);
  waitpid(pid, NULL, 0);
  return out;
}

static void print_cases_test(void) {
  char *out = print_in_child();
  char *line = out;
  for (size_t i = 0; i <= COUNT(print_cases); i++) {
    const char *want = i < COUNT(print_cases) ? print_cases[i].want : print_complex_want;
    char *nl = strchr(line, '\n');
    if (!nl) {
      CHECK(nl != NULL);
      break;
    }
    *nl = 0;
    bool ok = strcmp(line, want) == 0;
    CHECK(ok);
    if (!ok)
      printf("  print %016llx: got %s, want %s\n",
             i < COUNT(print_cases) ? (unsigned long long)print_cases[i].bits : 0ULL, line, want);
    line = nl + 1;
  }
  free(out);
}

MG_TEST_MAIN(ftoa_cases_test, ftoa_room_test, print_cases_test)
