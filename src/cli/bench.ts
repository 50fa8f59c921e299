// `multicore bench`: every strategy on the CPU, I/O, dispatch and distributed workloads, side by side in one run.
// The pieces live in ./bench/: args, machine header, workloads and strategies, runner, tables,
// JSON schema, HTML report, --compare.
import { writeFile } from 'node:fs/promises';
import { describeMachine, formatMachine } from './bench/machine.js';
import { HELP, parseArgs } from './bench/args.js';
import { allWorkloads, workloadNames } from './bench/workloads/index.js';
import { countSteps, makeContext, runWorkload, selectWorkloads } from './bench/runner.js';
import { createProgress } from './bench/progress.js';
import { renderReport } from './bench/table.js';
import { SCHEMA_VERSION, type BenchReport } from './bench/schema.js';
import { renderHtml } from './bench/html.js';
import { runCompare } from './bench/compare.js';
import { closeWorkersBackend } from '../kernels/reference.js';
import { closePythons } from './bench/peers/python.js';
import type { Workload } from './bench/workloads/types.js';

/**
 * `adjust` may add or wrap strategies before the run; the only caller that passes it is the test
 * fixture that proves a wrong row fails the bench (test/fixtures/cli/bench-inject.mjs).
 */
export async function run(argv: string[], adjust?: (workloads: Workload[]) => void): Promise<number> {
  const machine = describeMachine();
  const args = parseArgs(argv, workloadNames(), machine.cores);
  if (args.help) {
    console.log(`${HELP}\nworkloads: ${workloadNames().join(', ')}`);
    return 0;
  }
  if (args.compare) return runCompare(args.compare[0], args.compare[1]);
  if (args.kernel) return (await import('./bench/kernel/index.js')).runKernelBench({ ...args, kernel: args.kernel });

  const started = performance.now();
  const workloads = selectWorkloads(allWorkloads(), args.only);
  adjust?.(workloads);
  const ctx = makeContext(args, machine.cores, machine.backends);
  // `--json -`: stdout carries the JSON report alone; what is normally printed goes to stderr.
  const say = args.json === '-' ? console.error : console.log;
  say(formatMachine(machine));
  say(`run       ${args.quick ? 'quick' : 'full'} · size ${args.size} (×${args.scale}) · threads ${args.threads.join(',')}\n`);
  const progress = createProgress(countSteps(workloads, ctx));
  // Hold the process open while the bench runs: a pool that loses its last handle must not end it silently.
  const keepAlive = setInterval(() => {}, 1 << 30);
  const report: BenchReport = {
    schemaVersion: SCHEMA_VERSION,
    tool: 'multicore bench',
    createdAt: new Date().toISOString(),
    options: { quick: args.quick, size: args.size, scale: args.scale, threads: args.threads, only: args.only, peers: args.peers },
    machine,
    workloads: [],
    failures: 0,
    durationMs: 0,
  };
  try {
    for (const w of workloads) report.workloads.push(await runWorkload(w, ctx, progress));
  } finally {
    progress.finish();
    clearInterval(keepAlive);
    await closeWorkersBackend().catch(() => {});
    await closePythons().catch(() => {});
  }
  // A pool that did not shut down must not keep a finished bench alive (the timer fires only then).
  setTimeout(() => {
    console.error('multicore bench: something still held the process 5 s after the bench finished; exiting');
    process.exit(process.exitCode ?? 0);
  }, 5000).unref();
  const failed = report.workloads.flatMap((w) => w.results.filter((r) => r.status === 'failed').map((r) => ({ w, r })));
  report.failures = failed.length;
  report.durationMs = performance.now() - started;

  say(renderReport(report));
  say(`\n${report.workloads.reduce((n, w) => n + w.results.length, 0)} rows in ${(report.durationMs / 1000).toFixed(1)} s`);
  if (args.json === '-') {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`, (err) => (err ? reject(err) : resolve())),
    );
  } else if (args.json) {
    await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
    say(`wrote ${args.json}`);
  }
  if (args.html) {
    await writeFile(args.html, renderHtml(report));
    say(`wrote ${args.html}`);
  }
  if (failed.length) {
    console.error(`\nmulticore bench: FAILED — ${failed.length} result(s) did not match the reference or could not run:`);
    for (const { w, r } of failed) console.error(`  ${w.name} · ${r.label} ×${r.threads}: ${r.reason}`);
    return 1;
  }
  return 0;
}
