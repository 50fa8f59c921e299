export { defineKernel } from './define-kernel.js';
export { UserKernelError } from './errors.js';
export type {
  FormAvailability,
  JsChunkFunction,
  JsKernelSource,
  KernelArrayConstructor,
  KernelDefinition,
  UserKernel,
  UserKernelBackend,
  UserKernelForm,
  UserKernelOptions,
  WasmBinary,
  WasmKernelSource,
} from './api.js';
export type { KernelArg, KernelArray, NativeKernelSource } from './types.js';
export type { WasmMemory, WasmModule } from './wasm-api.js';
