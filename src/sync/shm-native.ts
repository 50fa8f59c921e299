// The C++ addon's shared-memory and futex entry points (native/cpp/binding/bind_shm.cc), loaded
// on first use in each JS context. Without the C++ addon, process-shared memory is unavailable and
// every use says why.
import { loadNative, BUILD_COMMAND } from '../native/load.js';

export type FutexResult = 'ok' | 'not-equal' | 'timed-out';

export interface ShmNative {
  shmCreate(name: string, size: number): ArrayBuffer;
  shmAttach(name: string): ArrayBuffer;
  shmUnlink(name: string): void;
  futexWait(i32: Int32Array, index: number, expected: number, timeoutMs: number): FutexResult;
  /** Calls `done` on this thread when the wait ends (at once for 'not-equal'). */
  futexWaitAsync(i32: Int32Array, index: number, expected: number, timeoutMs: number, done: (result: FutexResult) => void): void;
  futexWake(i32: Int32Array, index: number, count: number): number;
  processAlive(pid: number): boolean;
}

let native: ShmNative | undefined;

/** The addon, or an Error saying why shared memory between processes is unavailable. */
export function shmNative(): ShmNative {
  if (native) return native;
  if (process.platform === 'win32') {
    throw new Error(
      'shared memory between processes is not implemented on Windows yet (file mappings are in design: src/sync/PROCESSES.md)',
    );
  }
  const loaded = loadNative('cpp');
  const addon = loaded.addon as unknown as Partial<ShmNative> | undefined;
  if (!addon)
    throw new Error(
      `shared memory between processes needs the C++ addon, which is unavailable: ${loaded.reason} (\`${BUILD_COMMAND}\` compiles it)`,
    );
  if (typeof addon.shmCreate !== 'function')
    throw new Error(
      `shared memory between processes: the C++ addon loaded from ${(loaded as { file?: string }).file ?? 'its package'} predates it; rebuild it (\`${BUILD_COMMAND}\`)`,
    );
  native = addon as ShmNative;
  return native;
}
