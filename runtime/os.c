// os.c: the system calls of package os (std/os), which declares them
// without bodies (codegen/intrinsics.def). Each returns what Go's syscall
// package would: a count or descriptor, or minus the errno, so that the
// Go side builds its errors (*os.PathError, syscall.Errno) itself.

// Large-file calls on 32-bit arm, as Go's openat with O_LARGEFILE.
#define _FILE_OFFSET_BITS 64
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static int saved_argc;
static char **saved_argv;
static int short_write_errno;  // why the last mg_os_write* stopped short

void mg_os_save_args(int argc, char **argv) {
  saved_argc = argc;
  saved_argv = argv;
}

// A []string of C strings, copied to the collector's heap: the slice's
// array holds pointers, the bytes do not.
static void strings_of(mg_slice *out, char *const *v, mg_int n) {
  mg_string *s = mg_alloc(n * (mg_int)sizeof *s);
  for (mg_int i = 0; i < n; i++)
    mg_string_make(&s[i], v[i], (mg_int)strlen(v[i]));
  out->ptr = s;
  out->len = out->cap = n;
}

void mg_os_args(mg_slice *out) {
  strings_of(out, saved_argv, saved_argc);
}

void mg_os_environ(mg_slice *out) {
  mg_int n = 0;
  while (environ && environ[n])
    n++;
  strings_of(out, environ, n);
}

// A path as the kernel takes it, NUL-terminated (free it); NULL when the
// path holds a NUL byte, which Go's syscall package rejects with EINVAL.
static char *c_path(const mg_string *path) {
  if (path->len > 0 && memchr(path->ptr, 0, (size_t)path->len))
    return NULL;
  char *p = malloc((size_t)path->len + 1);
  if (!p)
    mg_throw("runtime: out of memory");
  memcpy(p, path->ptr, (size_t)path->len);
  p[path->len] = '\0';
  return p;
}

static mg_int result_or_errno(long r) {
  return r < 0 ? -(mg_int)errno : (mg_int)r;
}

mg_int mg_os_open(const mg_string *path, mg_int flag, mg_int perm) {
  char *p = c_path(path);
  if (!p)
    return -EINVAL;
  int fd;
  do
    fd = open(p, (int)flag | O_CLOEXEC, (mode_t)perm);
  while (fd < 0 && errno == EINTR);
  mg_int r = result_or_errno(fd);
  free(p);
  return r;
}

mg_int mg_os_read(mg_int fd, const mg_slice *b) {
  ssize_t n;
  do
    n = read((int)fd, b->ptr, (size_t)b->len);
  while (n < 0 && errno == EINTR);
  return result_or_errno(n);
}

// Writes all of p as Go's poll.FD.Write does; a short count leaves its
// reason for mg_os_write_errno.
static mg_int write_all(mg_int fd, const uint8_t *p, mg_int len) {
  mg_int done = 0;
  while (done < len) {
    ssize_t w = write((int)fd, p + done, (size_t)(len - done));
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      short_write_errno = w < 0 ? errno : 0;
      break;
    }
    done += w;
  }
  return done;
}

mg_int mg_os_write(mg_int fd, const mg_slice *b) {
  return write_all(fd, b->ptr, b->len);
}

mg_int mg_os_write_string(mg_int fd, const mg_string *s) {
  return write_all(fd, s->ptr, s->len);
}

mg_int mg_os_write_errno(void) {
  return short_write_errno;
}

mg_int mg_os_file_size(mg_int fd) {
  struct stat st;
  if (fstat((int)fd, &st) < 0)
    return -(mg_int)errno;
  // A size int cannot hold (on 32-bit arm) is no hint.
  return st.st_size == (off_t)(mg_int)st.st_size ? (mg_int)st.st_size : 0;
}

mg_int mg_os_close(mg_int fd) {
  // Linux releases the descriptor even when close fails, so no retry.
  return result_or_errno(close((int)fd));
}

noreturn void mg_os_exit(mg_int code) {
  // Output is unbuffered, so there is nothing to flush.
  MG_STATS_REPORT();
  _exit((int)code);
}

mg_int mg_os_unlink(const mg_string *path) {
  char *p = c_path(path);
  if (!p)
    return -EINVAL;
  mg_int r = result_or_errno(unlink(p));
  free(p);
  return r;
}

mg_int mg_os_rmdir(const mg_string *path) {
  char *p = c_path(path);
  if (!p)
    return -EINVAL;
  mg_int r = result_or_errno(rmdir(p));
  free(p);
  return r;
}
