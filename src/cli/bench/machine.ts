// The machine header: what the numbers were measured on.
import { info } from '../../kernels/info.js';
import type { Machine } from './schema.js';

export function describeMachine(): Machine {
  const i = info();
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
    `node      ${m.node} (v8 ${m.v8})`,
    `backends  ${backends}`,
  ].join('\n');
}
