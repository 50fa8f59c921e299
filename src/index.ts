export * from './kernels/index.js';
export * from './sync/index.js';
export * from './distributed/index.js';
export * from './executor/index.js';
export { defineKernel, UserKernelError } from './kernels/user/index.js';
export type {
  FormAvailability,
  JsChunkFunction,
  JsKernelSource,
  KernelArg,
  KernelArray,
  KernelArrayConstructor,
  KernelDefinition,
  NativeKernelSource,
  UserKernel,
  UserKernelBackend,
  UserKernelForm,
  UserKernelOptions,
  WasmBinary,
  WasmKernelSource,
  WasmMemory,
  WasmModule,
} from './kernels/user/index.js';
