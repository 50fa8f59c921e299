// The Python side of the NumPy peer, run as `python -u -c SCRIPT`: one JSON command per line on
// stdin, one JSON reply per line on stdout. Inputs and array results travel through raw files
// (little-endian, C order). Times are NumPy's own: time.perf_counter_ns around the call only.
export const NUMPY_SCRIPT = String.raw`
import sys, os, json, time, ctypes
import numpy as np

arrays = {}

def blas():
    # Which BLAS numpy's matmul ended up with (Debian: the libblas.so.3 alternative).
    try:
        np.dot(np.ones((2, 2)), np.ones((2, 2)))
        for line in open('/proc/self/maps'):
            parts = line.split()
            if len(parts) >= 6:
                name = os.path.basename(parts[-1]).lower()
                if any(k in name for k in ('openblas', 'libblas', 'mkl_rt', 'blis', 'libcblas')):
                    return os.path.realpath(parts[-1])
    except Exception:
        pass
    return 'unknown'

def numpy_simd():
    # The run-time-dispatched CPU features NumPy uses here (NPY_DISABLE_CPU_FEATURES removes some).
    try:
        try:
            from numpy._core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f
        except ImportError:
            from numpy.core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f
        return [k for k in d if f.get(k)]
    except Exception:
        return None

def blas_core(path):
    # OpenBLAS's kernel set in use (e.g. Haswell), which OPENBLAS_CORETYPE can cap.
    try:
        get = ctypes.CDLL(path).openblas_get_corename
        get.restype = ctypes.c_char_p
        return get().decode()
    except Exception:
        return None

def mandelbrot(width, height, max_iter, x_min, x_max, y_min, y_max):
    # NumPy's vectorised form of native/SPEC.md's loop: the same float64 operations in the same
    # order (no FMA in NumPy's element-wise ops), so the counts are bit-identical.
    dx = (x_max - x_min) / width
    dy = (y_max - y_min) / height
    cx = np.tile(x_min + np.arange(width, dtype=np.float64) * dx, height)
    cy = np.repeat(y_min + np.arange(height, dtype=np.float64) * dy, width)
    idx = np.arange(width * height)
    out = np.empty(width * height, dtype=np.uint32)
    x = np.zeros_like(cx)
    y = np.zeros_like(cy)
    for i in range(max_iter):
        xx = x * x
        yy = y * y
        inside = xx + yy <= 4.0
        if not inside.all():
            out[idx[~inside]] = i
            idx, x, y, xx, yy, cx, cy = idx[inside], x[inside], y[inside], xx[inside], yy[inside], cx[inside], cy[inside]
            if idx.size == 0:
                return out
        xt = xx - yy + cx
        y = 2.0 * x * y + cy
        x = xt
    out[idx] = max_iter
    return out

def op(name, args):
    a = arrays
    if name == 'dot':
        x = a['x']; return lambda: np.dot(x, x)
    if name == 'square':
        x = a['x']; out = np.empty_like(x); return lambda: np.square(x, out=out)
    if name == 'sort':
        x = a['x']; return lambda: np.sort(x, kind=args.get('kind', 'quicksort'))
    if name == 'matmul':
        p, q = a['a'], a['b']; return lambda: p @ q
    if name == 'mandelbrot':
        return lambda: mandelbrot(*args['params'])
    raise ValueError('unknown op ' + name)

def reply(r, out):
    if isinstance(r, np.ndarray):
        np.ascontiguousarray(r).tofile(out)
        return {'file': out, 'dtype': str(r.dtype), 'length': int(r.size)}
    return {'value': float(r)}

def handle(m):
    cmd = m['cmd']
    if cmd == 'hello':
        path = blas()
        return {'numpy': np.__version__, 'python': sys.version.split()[0], 'blas': path, 'blasCore': blas_core(path), 'simd': numpy_simd()}
    if cmd == 'load':
        arrays[m['name']] = np.fromfile(m['path'], dtype=m['dtype']).reshape(m['shape'])
        return {}
    if cmd == 'free':
        arrays.clear(); return {}
    fn = op(m['op'], m.get('args', {}))
    if cmd == 'once':
        return reply(fn(), m['out'])
    if cmd == 'time':
        for _ in range(m['warmup']):
            fn()
        times = []
        spent = 0
        r = None
        while len(times) < m['iterations'] or spent < m['minTimeNs']:
            t0 = time.perf_counter_ns()
            r = fn()
            t = time.perf_counter_ns() - t0
            times.append(t)
            spent += t
        res = reply(r, m['out'])
        res['timesNs'] = times
        return res
    raise ValueError('unknown command ' + cmd)

for line in sys.stdin:
    try:
        res = handle(json.loads(line))
    except Exception as e:
        res = {'error': type(e).__name__ + ': ' + str(e)}
    sys.stdout.write(json.dumps(res) + '\n')
    sys.stdout.flush()
`;
