// The machine header: what the numbers were measured on.
import { info } from '../../kernels/info.js';
import { loadNative } from '../../native/load.js';
import type { Machine } from './schema.js';

/** The level each loaded native backend dispatches to (its `info().simdLevel`). */
function dispatchLevels(): Record<string, string> {
  const levels: Record<string, string> = {};
  for (const b of ['cpp', 'rust'] as const) {
    try {
      const addon = loadNative(b).addon;
      if (addon) levels[b] = addon.info().simdLevel;
    } catch {}
  }
  return levels;
}

export function describeMachine(): Machine {
  const i = info();
  const cap = process.env.MULTICORE_SIMD;
  return {
    cpu: i.cpu,
    cores: i.cores,
    simd: i.simd,
    platform: process.platform,
    arch: process.arch,
    node: process.versions.node,
    v8: process.versions.v8,
    multicore: i.versions.multicore ?? 'unknown',
    backends: Object.fromEntries(Object.entries(i.backends).filter(([name]) => name !== 'auto')),
    dispatch: dispatchLevels(),
    ...(cap ? { simdCap: cap } : {}),
  };
}

export function formatMachine(m: Machine): string {
  const backends = Object.entries(m.backends)
    .map(([name, s]) => (s.available ? name : `${name} (unavailable: ${s.reason})`))
    .join(', ');
  return [
    `multicore ${m.multicore} bench`,
    `cpu       ${m.cpu} · ${m.cores} cores · ${m.platform}/${m.arch}`,
    `simd      ${m.simd.length ? m.simd.join(' ') : '(unknown: no native backend loaded)'}`,
    ...(m.dispatch && Object.keys(m.dispatch).length
      ? [
          `dispatch  ${Object.entries(m.dispatch)
            .map(([b, level]) => `${b} ${level}`)
            .join(', ')}${m.simdCap ? ` (MULTICORE_SIMD=${m.simdCap}; the NumPy peer is capped alike)` : ''}`,
        ]
      : []),
    `node      ${m.node} (v8 ${m.v8})`,
    `backends  ${backends}`,
  ].join('\n');
}
