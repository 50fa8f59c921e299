// A user kernel library that claims another ABI version: loading it must fail with a clear error.
#include "multicore_kernel.h"

MC_EXTERN_C MC_EXPORT const int32_t mc_kernel_abi_version = 999;

MC_KERNEL(mc_test_noop) {
  (void)start;
  (void)end;
  (void)args;
  (void)nargs;
  (void)partial;
  return MC_OK;
}
