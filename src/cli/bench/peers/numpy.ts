// NumPy rows: the same input, handed to the shared python child through files, NumPy's operation
// timed by Python itself (perf_counter_ns around the call, median over the same number of runs
// as every other row), the result read back and checked against the reference.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Skip, type Runner, type Strategy } from '../workloads/types.js';
import { findPython, pythonFor, type PythonPeer } from './python.js';

export interface NumpyDef<I, R> {
  op: 'dot' | 'square' | 'sort' | 'matmul' | 'mandelbrot';
  /** e.g. `NumPy numpy.dot(x, x)`. */
  label: string;
  /** matmul: NumPy's BLAS at every --threads count; the other operations are single-threaded in NumPy. */
  threaded?: boolean;
  inputs?(input: I): Record<string, { data: Float64Array; shape: number[] }>;
  args?(input: I): Record<string, unknown>;
  /** When NumPy's arithmetic may differ within a documented tolerance (dot, matmul). */
  verify?(actual: R, expected: R, input: I): string | undefined;
}

/** Which BLAS, in words: Debian's libblas.so.3 alternative is the reference BLAS unless OpenBLAS replaces it. */
export function blasName(path: string): string {
  const p = path.toLowerCase();
  if (p.includes('openblas')) return 'OpenBLAS';
  if (p.includes('mkl')) return 'MKL';
  if (p.includes('blis')) return 'BLIS';
  if (/\/blas\/libblas\.so/.test(p)) return 'reference BLAS';
  return path.split('/').pop() ?? path;
}

function decode(r: Record<string, unknown>): unknown {
  if ('value' in r) return r.value as number;
  const buf = readFileSync(r.file as string);
  const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  switch (r.dtype) {
    case 'float64':
      return new Float64Array(bytes);
    case 'uint32':
      return new Uint32Array(bytes);
    default:
      throw new Error(`numpy returned dtype ${String(r.dtype)}`);
  }
}

export function numpyStrategy<I, R>(d: NumpyDef<I, R>): Strategy<I, R> {
  return {
    id: 'numpy',
    label: d.label,
    threads: (ctx) => (!ctx.args.peers ? [] : d.threaded ? ctx.args.threads : [1]),
    verify: d.verify,
    async open(input, threads): Promise<Runner<R>> {
      const where = findPython();
      if ('reason' in where) throw new Skip(where.reason);
      const peer: PythonPeer = await pythonFor(threads);
      const files: string[] = [];
      for (const [name, { data, shape }] of Object.entries(d.inputs?.(input) ?? {})) {
        const path = join(peer.dir, `${name}.f64`);
        writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        files.push(path);
        await peer.request({ cmd: 'load', name, path, dtype: '<f8', shape });
      }
      const out = join(peer.dir, 'result.bin');
      const base = { op: d.op, args: d.args?.(input) ?? {}, out };
      const { numpy, blas, blasCore } = peer.hello;
      const blasWords = `${blasName(blas)}${blasCore ? ` ${blasCore}` : ''}`;
      const capped = where.cap.note ? ` ${where.cap.note}` : '';
      return {
        run: async () => decode(await peer.request({ cmd: 'once', ...base })) as R,
        async timed(o) {
          const r = await peer.request({
            cmd: 'time',
            ...base,
            iterations: o.iterations,
            warmup: o.warmupIterations,
            minTimeNs: o.timeMs * 1e6,
          });
          return { timesMs: (r.timesNs as number[]).map((ns) => ns / 1e6), last: decode(r) as R };
        },
        detail: () => `numpy ${numpy}${capped}${d.op === 'matmul' || d.op === 'dot' ? `, ${blasWords}` : ''}`,
        async close() {
          await peer.request({ cmd: 'free' });
          for (const f of [...files, out]) rmSync(f, { force: true });
        },
      };
    },
  };
}
