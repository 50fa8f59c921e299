// `multicore info`: cores, SIMD, and per backend the file loaded and where from, or why it is missing
// (with every place the loader looked first).
import { info } from '../kernels/info.js';
import { calibrateAuto } from '../kernels/auto.js';
// Every kernel, so that calibrateAuto can probe each (a kernel registers its probe's function as it loads).
import '../kernels/index.js';
import { UsageError } from './usage-error.js';

export async function run(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('usage: multicore info [--json]');
    return 0;
  }
  if (unknown.length) throw new UsageError(`unknown argument '${unknown[0]}' (usage: multicore info [--json])`);
  await calibrateAuto(); // so 'auto' below is what this machine measured, not a guess
  const i = info();
  if (json) {
    console.log(JSON.stringify(i, null, 2));
    return 0;
  }
  console.log(`cpu       ${i.cpu}`);
  console.log(`cores     ${i.cores}`);
  console.log(`simd      ${i.simd.length ? i.simd.join(' ') : '(no native backend to detect it)'}`);
  console.log('backends');
  for (const [name, s] of Object.entries(i.backends)) {
    if (!s.available) {
      console.log(`  ${name.padEnd(8)} unavailable`);
      for (const k of s.skipped ?? [{ candidate: 'reason', reason: s.reason ?? 'unknown' }]) {
        console.log(`  ${''.padEnd(8)}   ${k.candidate}: ${k.reason}`);
      }
      continue;
    }
    console.log(`  ${name.padEnd(8)} available${s.from ? ` from ${s.from}` : ''}${s.file ? ` (${s.file})` : ''}`);
    for (const k of s.skipped ?? []) console.log(`  ${''.padEnd(8)}   skipped ${k.candidate}: ${k.reason}`);
  }
  console.log("auto      (what backend: 'auto' picks per kernel, and why)");
  for (const [name, a] of Object.entries(i.auto)) console.log(`  ${name.padEnd(15)} ${a.backend.padEnd(7)} ${a.reason}`);
  console.log('versions');
  for (const [name, v] of Object.entries(i.versions)) console.log(`  ${name.padEnd(10)} ${v}`);
  return 0;
}
