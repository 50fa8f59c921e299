// The NumPy peer's Python: found once (MULTICORE_PYTHON, else /usr/bin/python3, else python3 on
// PATH: the first that can `import numpy`), then one persistent child per BLAS thread count
// (OPENBLAS_NUM_THREADS and friends are read when NumPy loads), shared by every row of the run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NUMPY_SCRIPT } from './numpy-script.js';
import { peerSimdCap, type PeerCap } from './simd-cap.js';

export const NUMPY_HINT =
  'NumPy not found: `apt-get install python3-numpy` or `pip install numpy` (or set MULTICORE_PYTHON to a python that has it)';

type Found = { python: string; cap: PeerCap } | { reason: string };
let found: Found | undefined;

// Imports NumPy and prints the CPU features it dispatches at run time (numpy 1.x and 2.x module paths).
const PROBE = `import json
try:
    from numpy._core._multiarray_umath import __cpu_dispatch__ as d
except ImportError:
    from numpy.core._multiarray_umath import __cpu_dispatch__ as d
print(json.dumps(list(d)))`;

/** The CPU features `python`'s NumPy dispatches at run time, or undefined when it cannot import NumPy. */
export function numpyDispatch(python: string): string[] | undefined {
  const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return undefined;
  try {
    return JSON.parse(r.stdout);
  } catch {
    return [];
  }
}

/** The python to use and how to cap its SIMD like our kernels' (MULTICORE_SIMD), or why there is none. */
export function findPython(): Found {
  if (found) return found;
  const env = process.env.MULTICORE_PYTHON;
  const candidates = env ? [env] : ['/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    const dispatch = numpyDispatch(python);
    if (dispatch) return (found = { python, cap: peerSimdCap(process.env.MULTICORE_SIMD, process.arch, dispatch) });
  }
  return (found = { reason: `${NUMPY_HINT}; tried ${candidates.join(', ')}` });
}

export interface Hello {
  numpy: string;
  python: string;
  blas: string;
  /** OpenBLAS's core type in use (e.g. 'Haswell'), when the BLAS is OpenBLAS. */
  blasCore?: string;
  /** The run-time-dispatched CPU features NumPy uses (null when it cannot say). */
  simd: string[] | null;
}
type Reply = Record<string, unknown> & { error?: string };

export class PythonPeer {
  readonly dir = mkdtempSync(join(tmpdir(), 'multicore-numpy-'));
  private child: ChildProcess;
  private waiting: { resolve(r: Reply): void; reject(e: Error): void }[] = [];
  private stderr = '';
  private exited: Error | undefined;
  hello!: Hello;

  constructor(python: string, threads: number, cap: PeerCap = { env: {} }) {
    const t = String(threads);
    this.child = spawn(python, ['-u', '-c', NUMPY_SCRIPT], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OPENBLAS_NUM_THREADS: t, OMP_NUM_THREADS: t, MKL_NUM_THREADS: t, BLIS_NUM_THREADS: t, ...cap.env },
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const w = this.waiting.shift();
      try {
        w?.resolve(JSON.parse(line));
      } catch {
        w?.reject(new Error(`python sent something that is not JSON: ${line.slice(0, 200)}`));
      }
    });
    this.child.stderr!.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-2000);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = new Error(`python exited (${signal ?? code})${this.stderr ? `: ${this.stderr.trim().split('\n').pop()}` : ''}`);
      for (const w of this.waiting.splice(0)) w.reject(this.exited);
    });
    this.child.on('error', (err) => {
      this.exited = err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    });
  }

  /** One command, one reply; a reply with `error` rejects. */
  request(msg: Record<string, unknown>): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin!.write(`${JSON.stringify(msg)}\n`);
    }).then((r) => {
      if (r.error) throw new Error(`numpy: ${r.error}`);
      return r;
    });
  }

  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.stdin!.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const peers = new Map<number, Promise<PythonPeer>>();

/** The shared python child for this BLAS thread count, started on first use. */
export function pythonFor(threads: number): Promise<PythonPeer> {
  let p = peers.get(threads);
  if (!p) {
    const where = findPython();
    if ('reason' in where) return Promise.reject(new Error(where.reason));
    p = (async () => {
      const peer = new PythonPeer(where.python, threads, where.cap);
      peer.hello = (await peer.request({ cmd: 'hello' })) as unknown as Hello;
      return peer;
    })();
    peers.set(threads, p);
  }
  return p;
}

/** Ends every python child (at the end of the bench). */
export async function closePythons(): Promise<void> {
  const all = [...peers.values()];
  peers.clear();
  await Promise.all(
    all.map((p) =>
      p.then(
        (peer) => peer.close(),
        () => {},
      ),
    ),
  );
}
