// Errors a user kernel's call rejects with, whatever form ran it.

/** A user kernel failed: a JS chunk threw, a wasm chunk trapped, or a native chunk returned a non-zero
 *  status. `kernel` names it, `form` says which form ran, `status` is the native/wasm return code when
 *  there was one; `cause` is the original error. */
export class UserKernelError extends Error {
  readonly kernel: string;
  readonly form: 'js' | 'workers' | 'wasm' | 'native';
  readonly status: number | undefined;
  constructor(kernel: string, form: 'js' | 'workers' | 'wasm' | 'native', message: string, options?: { cause?: unknown; status?: number }) {
    super(`kernel '${kernel}' (${form}): ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserKernelError';
    this.kernel = kernel;
    this.form = form;
    this.status = options?.status;
  }
}
