// `multicore bench --kernel FILE`: the user's own kernel in every available form, side by side.
// For each size: verify every row once against the JS form (bits, or the spec's checker), then
// time all rows in interleaved rounds. See docs/guide/write-your-own-kernel.md for the file's shape.
import { writeFile } from 'node:fs/promises';
import type { KernelArray } from '../../../kernels/user/types.js';
import { allocate } from '../../../kernels/allocate.js';
import { closeWorkersBackend } from '../../../kernels/reference.js';
import { describeMachine, formatMachine } from '../machine.js';
import type { BenchArgs } from '../args.js';
import { addRatios, KERNEL_SCHEMA_VERSION, renderKernelReport, type KernelBenchReport, type KernelRow } from './report.js';
import { iterate, planRows } from './rows.js';
import { callsOf, loadSpec, type BenchAlloc, type KernelBenchSpec } from './spec.js';
import { timeInterleaved } from './timing.js';
import { arraysOf, difference, restore, snapshot, type Snapshot } from './verify.js';

const QUICK_ROUNDS = 3;
const FULL_ROUNDS = 7;

function allocator(spec: KernelBenchSpec, wasmOk: boolean, made: KernelArray[]): BenchAlloc {
  return (type, length) => {
    // In the wasm form's memory every form reads the same bytes and wasm needs no copy.
    const a = wasmOk ? spec.kernel.array(type, length) : allocate(type, length);
    made.push(a);
    return a;
  };
}

function message(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export async function runKernelBench(args: BenchArgs & { kernel: string }): Promise<number> {
  const started = performance.now();
  const spec = await loadSpec(args.kernel);
  const machine = describeMachine();
  const sizes = args.quick ? (spec.quickSizes ?? [Math.min(...(spec.sizes ?? [1 << 20]))]) : (spec.sizes ?? [1 << 20]);
  const rounds = args.quick ? QUICK_ROUNDS : FULL_ROUNDS;
  const availability = await spec.kernel.availability();
  console.log(formatMachine(machine));
  console.log(
    `run       kernel '${spec.kernel.name}' · ${args.quick ? 'quick' : 'full'} · sizes ${sizes.map((s) => spec.describe?.(s) ?? s).join(', ')} · threads ${args.threads.join(',')}\n`,
  );

  const report: KernelBenchReport = {
    schemaVersion: KERNEL_SCHEMA_VERSION,
    tool: 'multicore bench --kernel',
    file: args.kernel,
    kernel: spec.kernel.name,
    mode: spec.mode ?? 'run',
    createdAt: new Date().toISOString(),
    options: { quick: args.quick, threads: args.threads, rounds },
    machine,
    sizes: [],
    failures: 0,
    durationMs: 0,
  };
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    for (const size of sizes) {
      const made: KernelArray[] = [];
      const calls = callsOf(args.kernel, spec.input(size, allocator(spec, availability.wasm.available, made)));
      const arrays = arraysOf(calls);
      const pristine = snapshot(arrays, undefined);
      const plan = planRows(spec, args.threads, availability);
      const rows: KernelRow[] = plan.map((p) => ({
        id: p.id,
        label: p.label,
        threads: p.threads,
        status: p.skip ? 'skipped' : 'ok',
        reason: p.skip,
      }));
      const label = spec.describe?.(size) ?? String(size);
      process.stdout.write(`${label}: checking ${plan.filter((p) => !p.skip).length} rows`);

      // Verify: each row once from the pristine input, against the first row that ran (the JS form).
      let reference: Snapshot | undefined;
      plan.forEach((p, i) => {
        if (p.skip) rows[i].status = 'skipped';
      });
      for (let i = 0; i < plan.length; i++) {
        if (plan[i].skip) continue;
        restore(arrays, pristine);
        try {
          const result = await iterate(plan[i], spec, calls);
          const got = snapshot(arrays, result);
          const own = spec.check?.(result, calls, size);
          if (own === false || typeof own === 'string')
            throw new Error(`the spec's check failed${typeof own === 'string' ? `: ${own}` : ''}`);
          if (!reference) {
            reference = got;
            rows[i].checked = spec.check ? 'checker' : 'reference';
          } else if (spec.exact === false) {
            rows[i].checked = spec.check ? 'checker' : undefined;
          } else {
            const diff = difference(arrays, got, reference);
            if (diff) throw new Error(`differs from the ${plan[0].skip ? 'first row' : 'JS form'}: ${diff}`);
            rows[i].checked = 'bitwise';
          }
        } catch (err) {
          rows[i].status = 'failed';
          rows[i].reason = message(err);
        }
      }
      process.stdout.write(`, timing ${rounds} interleaved rounds\n`);
      const live = plan.map((p, i) => ({ p, i })).filter(({ i }) => rows[i].status === 'ok');
      const { timed, errors } = await timeInterleaved(
        live.map(
          ({ p }) =>
            () =>
              iterate(p, spec, calls),
        ),
        rounds,
        args.quick ? 0 : 1,
      );
      live.forEach(({ i }, j) => {
        if (errors[j] !== undefined) {
          rows[i].status = 'failed';
          rows[i].reason = message(errors[j]);
        } else {
          rows[i].stats = timed[j]!.stats;
          rows[i].eventLoop = timed[j]!.eventLoop;
        }
      });
      addRatios(rows);
      report.sizes.push({ size, label, rows });
      if (availability.wasm.available) for (const a of made) spec.kernel.free(a);
    }
  } finally {
    clearInterval(keepAlive);
    await closeWorkersBackend().catch(() => {});
  }
  setTimeout(() => {
    console.error('multicore bench: something still held the process 5 s after the bench finished; exiting');
    process.exit(process.exitCode ?? 0);
  }, 5000).unref();
  const failed = report.sizes.flatMap((s) => s.rows.filter((r) => r.status === 'failed').map((r) => ({ s, r })));
  report.failures = failed.length;
  report.durationMs = performance.now() - started;
  console.log(`\n${renderKernelReport(report)}`);
  if (args.json) {
    await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${args.json}`);
  }
  if (failed.length) {
    console.error(`\nmulticore bench: FAILED — ${failed.length} row(s) did not match or could not run:`);
    for (const { s, r } of failed) console.error(`  ${s.label} · ${r.label} ×${r.threads}: ${r.reason}`);
    return 1;
  }
  return 0;
}
