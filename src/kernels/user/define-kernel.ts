// defineKernel: one kernel, up to three forms (JS, WebAssembly, native), one call shape. A call is
// validated, its form chosen ('auto': native, else wasm, else workers, else js), run by that form
// over fixed chunks (types.ts), and for reduce the per-chunk partials are combined in chunk order.
import { BackendUnavailableError } from '../backend.js';
import type { Backend } from '../options.js';
import type {
  FormAvailability,
  KernelArrayConstructor,
  KernelDefinition,
  UserKernel,
  UserKernelBackend,
  UserKernelForm,
  UserKernelOptions,
} from './api.js';
import { runJsForm } from './js-form.js';
import { jsSource, type JsSource } from './js-source.js';
import { loadNativeForm, nativeSource } from './native-loader.js';
import type { FormRequest, KernelArg, NativeKernelSource } from './types.js';
import { combinePartials, resolveCall } from './validate.js';
import { UserKernelError } from './errors.js';
import { WasmKernel } from './wasm-kernel.js';
import { runWorkersForm } from './workers-form.js';

const AUTO_ORDER: readonly UserKernelForm[] = ['native', 'wasm', 'workers', 'js'];

function unavailable(form: UserKernelForm, reason: string): Error {
  // The built-in kernels' error class, so one `code` check covers both (its type lists the built-in backends).
  return new BackendUnavailableError(form as Backend, reason);
}

export function defineKernel(definition: KernelDefinition): UserKernel {
  if (typeof definition !== 'object' || definition === null)
    throw new TypeError('defineKernel needs an object { name, js?, wasm?, native?, combine? }');
  const { name, combine } = definition;
  if (typeof name !== 'string' || name === '') throw new TypeError('name must be a non-empty string');
  if (combine !== undefined && typeof combine !== 'function') throw new TypeError('combine must be a function (a, b) => number');
  if (definition.js === undefined && definition.wasm === undefined && definition.native === undefined) {
    throw new TypeError(`kernel '${name}': give at least one form: js, wasm or native`);
  }
  const js: JsSource | undefined = definition.js === undefined ? undefined : jsSource(definition.js);
  const wasm = definition.wasm === undefined ? undefined : new WasmKernel(name, definition.wasm);
  const native: NativeKernelSource | undefined = definition.native === undefined ? undefined : nativeSource(definition.native);
  const forms = AUTO_ORDER.filter((f) => (f === 'native' ? native : f === 'wasm' ? wasm : js) !== undefined);

  /** `broken`: the form was given but cannot work (a bad module or export): an error, never skipped by 'auto'. */
  type Check = { available: true } | { available: false; reason: string; broken?: boolean };

  async function check(form: UserKernelForm): Promise<Check> {
    const missing = (what: string): Check => ({
      available: false,
      reason: `kernel '${name}' has no ${what} form (defineKernel({ ${what} }))`,
    });
    switch (form) {
      case 'js':
        if (!js) return missing('js');
        try {
          await js.load();
          return { available: true };
        } catch (err) {
          return { available: false, reason: (err as Error).message, broken: true };
        }
      case 'workers':
        if (!js) return missing('js');
        return js.def ? { available: true } : { available: false, reason: js.workersReason! };
      case 'wasm': {
        if (!wasm) return missing('wasm');
        const a = wasm.availability();
        return a.available ? a : { ...a, broken: true };
      }
      case 'native': {
        if (!native) return missing('native');
        const m = await loadNativeForm();
        if ('reason' in m) return { available: false, reason: m.reason };
        const reason = m.nativeFormUnavailable?.(); // the machine cannot run it (not the kernel's fault)
        return reason === undefined ? { available: true } : { available: false, reason };
      }
    }
  }

  function refuse(form: UserKernelForm, c: Check & { available: false }, explicit: boolean): Error {
    if (c.broken) return new UserKernelError(name, form, c.reason);
    const defined = form === 'native' ? native : form === 'wasm' ? wasm : js;
    if (explicit && !defined) return new RangeError(`options.backend '${form}': ${c.reason}`);
    return unavailable(form, c.reason);
  }

  async function resolveBackend(backend: UserKernelBackend = 'auto'): Promise<UserKernelForm> {
    if (backend !== 'auto') {
      const c = await check(backend);
      if (!c.available) throw refuse(backend, c, true);
      return backend;
    }
    const reasons: string[] = [];
    for (const form of forms) {
      const c = await check(form);
      if (c.available) return form;
      if (c.broken) throw refuse(form, c, false);
      reasons.push(`${form}: ${c.reason}`);
    }
    throw new BackendUnavailableError('auto', `no form of kernel '${name}' can run here (${reasons.join('; ')})`);
  }

  async function call(reduce: boolean, length: number, args: readonly KernelArg[] | undefined, options: UserKernelOptions | undefined) {
    const c = resolveCall(length, args, options);
    const form = await resolveBackend(c.backend);
    const req: FormRequest = {
      name,
      length: c.length,
      args: c.args,
      threads: c.threads,
      chunkSize: c.chunkSize,
      reduce,
      signal: c.signal,
      onProgress: c.onProgress,
    };
    let partials: Float64Array | undefined;
    switch (form) {
      case 'js':
        partials = await runJsForm(await js!.load(), req);
        break;
      case 'workers':
        partials = await runWorkersForm(js!.def!, req);
        break;
      case 'wasm':
        partials = await wasm!.run(req);
        break;
      case 'native': {
        const m = await loadNativeForm();
        if ('reason' in m) throw unavailable('native', m.reason);
        partials = await m.runNativeForm(native!, req);
        break;
      }
    }
    return reduce ? combinePartials(partials!, combine) : undefined;
  }

  return Object.freeze({
    name,
    forms: Object.freeze(forms),
    run: async (length: number, args?: readonly KernelArg[], options?: UserKernelOptions) => {
      await call(false, length, args, options);
    },
    reduce: async (length: number, args?: readonly KernelArg[], options?: UserKernelOptions) =>
      (await call(true, length, args, options)) as number,
    availability: async () => {
      const all = (['js', 'workers', 'wasm', 'native'] as const).map(async (f): Promise<[UserKernelForm, FormAvailability]> => {
        const c = await check(f);
        return [f, c.available ? c : { available: false, reason: c.reason }];
      });
      return Object.fromEntries(await Promise.all(all)) as Record<UserKernelForm, FormAvailability>;
    },
    resolveBackend: (backend?: UserKernelBackend) => resolveBackend(backend),
    array: <T extends ArrayBufferView>(type: KernelArrayConstructor<T>, length: number): T => {
      if (!wasm) throw new TypeError(`kernel '${name}' has no wasm form: array() allocates in the wasm form's memory`);
      return wasm.array(type, length);
    },
    free: (array: ArrayBufferView) => {
      if (!wasm) throw new TypeError(`kernel '${name}' has no wasm form: free() gives back an array made by array()`);
      wasm.free(array);
    },
    get wasmMemory() {
      return wasm?.memory;
    },
  } satisfies UserKernel);
}
