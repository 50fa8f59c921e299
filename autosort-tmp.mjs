import { sort, countPrimes, describeAuto } from '@multicore-js/multicore';
const n = 2_000_000;
const x = new Float64Array(n); let a = 1; for (let i = 0; i < n; i++) { a = (a * 16807) % 2147483647; x[i] = a / 2147483647 - 0.5; }
const sab = () => { const y = new Float64Array(new SharedArrayBuffer(8*n)); y.set(x); return y; };
const threads = Number(process.argv[2] ?? 1);
const cands = ['rust','cpp','auto'];
const t = Object.fromEntries(cands.map(c=>[c,[]]));
const tp = Object.fromEntries(cands.map(c=>[c,[]]));
for (let r = 0; r < 15; r++) for (const c of cands) { const y = sab(); let t0 = performance.now(); await sort(y, {backend:c, threads}); t[c].push(performance.now()-t0);
  t0 = performance.now(); await countPrimes(40_000_000, {backend:c, threads}); tp[c].push(performance.now()-t0); }
for (const c of cands) { t[c].sort((a,b)=>a-b); tp[c].sort((a,b)=>a-b); console.log(c, 'sort min', t[c][0].toFixed(1), 'med', t[c][7].toFixed(1), 'primes min', tp[c][0].toFixed(2), 'med', tp[c][7].toFixed(2)); }
const d = describeAuto(); console.log(d.sort.reason); console.log(d.countPrimes.reason);
