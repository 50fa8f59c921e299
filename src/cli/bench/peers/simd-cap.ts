// With MULTICORE_SIMD capping our kernels' dispatch (to measure the AVX2 or baseline paths on a
// newer CPU), the NumPy peer is capped to the same level, so each row compares like with like:
// what a user on a CPU without AVX-512 (or without AVX at all) would get from NumPy and OpenBLAS.
// OpenBLAS takes a core type (OPENBLAS_CORETYPE); NumPy's own SIMD loops (sort, x*x) take a list
// of dispatched features to switch off (NPY_DISABLE_CPU_FEATURES). primesieve has no such switch.

export interface PeerCap {
  /** Environment for the python child (empty when nothing is capped). */
  env: Record<string, string>;
  /** For the rows' detail (the header's dispatch line says the rest); undefined when nothing is capped. */
  note?: string;
}

/** OpenBLAS's x86-64 core types: Haswell is its AVX2+FMA kernel set, Prescott its oldest (SSE2/SSE3). */
const OPENBLAS_CORE = { avx2: 'Haswell', baseline: 'Prescott' } as const;

/**
 * The peer's environment for `simd` (MULTICORE_SIMD's value) on `arch`, given the features NumPy
 * dispatches at run time (`numpy.core._multiarray_umath.__cpu_dispatch__`): at 'avx2' every AVX-512
 * feature is switched off, at 'baseline' every dispatched one (NumPy's own baseline, SSE3 on x86-64
 * builds, stays: it cannot be switched off).
 */
export function peerSimdCap(simd: string | undefined, arch: string, numpyDispatch: readonly string[]): PeerCap {
  if (arch !== 'x64' || (simd !== 'avx2' && simd !== 'baseline')) return { env: {} };
  const off = numpyDispatch.filter((f) => simd === 'baseline' || f.startsWith('AVX512'));
  const env: Record<string, string> = { OPENBLAS_CORETYPE: OPENBLAS_CORE[simd] };
  if (off.length > 0) env.NPY_DISABLE_CPU_FEATURES = off.join(' ');
  return {
    env,
    note: `≤${simd}`,
  };
}
