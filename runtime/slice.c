// slice.c: make, append's growth and copy, with Go 1.19's capacities.
#include "internal.h"

#include <string.h>

// Go 1.19's size classes (runtime/sizeclasses.go): an allocation of up to
// 32 KiB gets the smallest class that holds it, so append's capacity is
// rounded up to what the allocator really gives.
static const uint16_t size_classes[] = {
  0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224,
  240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896,
  1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456,
  4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
  12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264,
  28672, 32768,
};
enum { MAX_SMALL_SIZE = 32768, PAGE_SIZE = 8192 };

// The largest allocation Go's heap accepts: 2^48 bytes on 64-bit Linux,
// the whole address space less one byte on 32-bit.
#if UINTPTR_MAX > 0xFFFFFFFFu
static const mg_uint max_alloc = (mg_uint)1 << 48;
#else
static const mg_uint max_alloc = ~(mg_uint)0;
#endif

mg_uint mg_roundupsize(mg_uint size) {
  if (size < MAX_SMALL_SIZE) {
    size_t lo = 0, hi = sizeof size_classes / sizeof size_classes[0] - 1;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (size_classes[mid] < size)
        lo = mid + 1;
      else
        hi = mid;
    }
    return size_classes[lo];
  }
  if (size + PAGE_SIZE < size)
    return size;
  return (size + PAGE_SIZE - 1) & ~(mg_uint)(PAGE_SIZE - 1);
}

// Elements of a zero-sized type all live at this address, as in Go.
static uint64_t zerobase;

void mg_make_slice(mg_slice *out, mg_int elem_size, mg_int len, mg_int cap) {
  // Go checks cap first but blames len when len alone is already bad.
  mg_uint es = (mg_uint)elem_size;
  bool cap_bad = cap < 0 || (es != 0 && (mg_uint)cap > max_alloc / es) ||
                 len < 0 || len > cap;
  if (cap_bad) {
    if (len < 0 || (es != 0 && (mg_uint)len > max_alloc / es))
      mg_panic_rt_error("makeslice: len out of range", NULL);
    mg_panic_rt_error("makeslice: cap out of range", NULL);
  }
  out->ptr = es == 0 ? (void *)&zerobase : mg_alloc((mg_int)(es * (mg_uint)cap));
  out->len = len;
  out->cap = cap;
}

// Go 1.19 growslice's capacity rule: double small slices, grow large ones
// by a factor sliding from 2x to 1.25x, never below what is needed.
static mg_int next_capacity(mg_int old_cap, mg_int needed) {
  mg_int doublecap = old_cap + old_cap;
  if (needed > doublecap)
    return needed;
  const mg_int threshold = 256;
  if (old_cap < threshold)
    return doublecap;
  mg_int newcap = old_cap;
  // Unsigned addition: the loop stops on overflow instead of relying on
  // signed wrap-around, which C leaves undefined.
  while (0 < newcap && newcap < needed)
    newcap = (mg_int)((mg_uint)newcap + (mg_uint)(newcap + 3 * threshold) / 4);
  return newcap <= 0 ? needed : newcap;
}

void mg_grow_slice(mg_slice *s, mg_int elem_size, mg_int new_len) {
  // A negative length is an append whose length overflowed int.
  if (new_len < 0)
    mg_panic_rt_error("growslice: cap out of range", NULL);
  if (new_len <= s->cap)
    return;
  if (elem_size == 0) {
    s->ptr = &zerobase;
    s->cap = new_len;
    return;
  }
  mg_uint es = (mg_uint)elem_size;
  mg_int newcap = next_capacity(s->cap, new_len);
  if ((mg_uint)newcap > max_alloc / es)
    mg_panic_rt_error("growslice: cap out of range", NULL);
  mg_uint capmem = mg_roundupsize((mg_uint)newcap * es);
  if (capmem > max_alloc)
    mg_panic_rt_error("growslice: cap out of range", NULL);
  void *p = mg_alloc((mg_int)capmem);
  if (s->len > 0)
    memcpy(p, s->ptr, (size_t)s->len * es);
  s->ptr = p;
  s->cap = (mg_int)(capmem / es);
}

mg_int mg_slice_copy(const mg_slice *dst, const mg_slice *src, mg_int elem_size) {
  mg_int n = dst->len < src->len ? dst->len : src->len;
  if (n > 0 && elem_size > 0)
    memmove(dst->ptr, src->ptr, (size_t)n * (size_t)elem_size);
  return n;
}
