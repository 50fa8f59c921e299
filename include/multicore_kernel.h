/*
 * multicore_kernel.h: the C ABI of a multicore native user kernel (ABI version 1).
 *
 * A native user kernel is a shared library (.so / .dylib / .dll) that exports one chunk function:
 *
 *     #include <multicore_kernel.h>
 *     MC_DEFINE_ABI_VERSION();
 *     MC_KERNEL(scale) {                       // int32_t scale(start, end, args, nargs, partial)
 *       float* x = MC_F32(args, 0);
 *       const float k = (float)MC_NUMBER(args, 1);
 *       for (int64_t i = start; i < end; i++) x[i] *= k;
 *       return MC_OK;
 *     }
 *
 * and JavaScript runs it on every core of multicore's C++ pool:
 *
 *     const k = defineKernel({ name: 'scale', native: { path: './libscale.so' } });
 *     await k.run(x.length, [x, 2]);
 *
 * The contract
 * - multicore cuts [0, length) into fixed chunks [start, end) of `chunkSize` items (the last one
 *   shorter) and calls the chunk function once per chunk, from several pool threads at once. The
 *   function must be thread-safe: write only the items your chunk owns, keep no global state that
 *   two chunks could touch together.
 * - `args` are the call's arguments in order (`nargs` of them). An array argument points at the
 *   JavaScript typed array's own memory: no copy is made, writes are seen by JavaScript when the
 *   call settles. The pointers are valid only during this call; never keep them.
 * - `partial` points at this chunk's result, preset to 0.0. In `reduce`, write the chunk's partial
 *   there; multicore combines the partials in chunk order (so the result has the same bits at any
 *   thread count). In `run` it is ignored.
 * - Return MC_OK (0) on success. Any other value stops the call (no new chunk starts) and the
 *   promise rejects with a UserKernelError whose `status` is that value.
 * - Abort and progress are handled between chunks: an abort is seen before the next chunk starts,
 *   so keep a chunk's work short (milliseconds), and progress counts finished chunks.
 * - Your code runs inside the Node.js process: a crash (a bad pointer, an out-of-range index) ends
 *   the process, exactly as a crash in any native addon would. Check `length` against `end`.
 *
 * Compile with the C compiler you have, e.g.
 *     cc -O3 -ffp-contract=off -shared -fPIC -I node_modules/@multicore-js/multicore/include blur.c -o libblur.so
 * (-ffp-contract=off keeps float results bit-identical with the JavaScript form of the kernel.)
 * From Rust: a `cdylib` crate with a #[no_mangle] extern "C" fn and a #[repr(C)] mirror of mc_arg
 * (examples/user-kernel/rust in the package's repository).
 */
#ifndef MULTICORE_KERNEL_H
#define MULTICORE_KERNEL_H

#include <stdint.h>

/* The ABI this header describes. A library that exports `mc_kernel_abi_version` (see
 * MC_DEFINE_ABI_VERSION) is refused at load time when the number differs from what multicore runs. */
#define MC_KERNEL_ABI_VERSION 1

/* What an argument is. The numbers are part of the ABI and never change. */
typedef enum mc_kind {
  MC_KIND_NUMBER = 0, /* a JavaScript number: `number` holds it */
  MC_KIND_F64 = 1,    /* Float64Array  -> double*   */
  MC_KIND_F32 = 2,    /* Float32Array  -> float*    */
  MC_KIND_I32 = 3,    /* Int32Array    -> int32_t*  */
  MC_KIND_U32 = 4,    /* Uint32Array   -> uint32_t* */
  MC_KIND_I16 = 5,    /* Int16Array    -> int16_t*  */
  MC_KIND_U16 = 6,    /* Uint16Array   -> uint16_t* */
  MC_KIND_I8 = 7,     /* Int8Array     -> int8_t*   */
  MC_KIND_U8 = 8      /* Uint8Array    -> uint8_t*  */
} mc_kind;

/* One argument. 32 bytes on 64-bit platforms; the layout is part of the ABI. */
typedef struct mc_arg {
  int32_t kind;     /* an mc_kind */
  int32_t reserved; /* 0 */
  int64_t length;   /* arrays: number of elements; numbers: 0 */
  void* data;       /* arrays: the first element (NULL when length is 0); numbers: NULL */
  double number;    /* numbers: the value; arrays: 0 */
} mc_arg;

/* The chunk function: process items [start, end). Returns MC_OK or an error status. */
typedef int32_t (*mc_chunk_fn)(int64_t start, int64_t end, const mc_arg* args, int32_t nargs, double* partial);

#define MC_OK 0

#ifdef __cplusplus
#define MC_EXTERN_C extern "C"
#else
#define MC_EXTERN_C
#endif

#if defined(_WIN32)
#define MC_EXPORT __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define MC_EXPORT __attribute__((visibility("default")))
#else
#define MC_EXPORT
#endif

/* Declares an exported chunk function named `name` (the symbol multicore looks up). */
#define MC_KERNEL(name) \
  MC_EXTERN_C MC_EXPORT int32_t name(int64_t start, int64_t end, const mc_arg* args, int32_t nargs, double* partial)

/* Exports `mc_kernel_abi_version`, so a library built against another ABI is refused with a clear
 * error instead of misreading its arguments. Use it once per library. */
#define MC_DEFINE_ABI_VERSION() MC_EXTERN_C MC_EXPORT const int32_t mc_kernel_abi_version = MC_KERNEL_ABI_VERSION

/* Typed access to argument i (no checks: check `kind` yourself if the caller may vary). */
#define MC_F64(args, i) ((double*)(args)[i].data)
#define MC_F32(args, i) ((float*)(args)[i].data)
#define MC_I32(args, i) ((int32_t*)(args)[i].data)
#define MC_U32(args, i) ((uint32_t*)(args)[i].data)
#define MC_I16(args, i) ((int16_t*)(args)[i].data)
#define MC_U16(args, i) ((uint16_t*)(args)[i].data)
#define MC_I8(args, i) ((int8_t*)(args)[i].data)
#define MC_U8(args, i) ((uint8_t*)(args)[i].data)
#define MC_NUMBER(args, i) ((args)[i].number)
#define MC_LENGTH(args, i) ((args)[i].length)

#endif /* MULTICORE_KERNEL_H */
