// How 'auto' chooses, given its measurements: a recorded calibration table goes in (no timing
// here), the picks come out. Per size class (JS below the crossover, native above), fewer threads
// where they measured faster, and for calls larger than the probe a race on the real calls that
// only counts calls which ran alone.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { autoBackend, describeAuto, recordAuto, resetAuto, type AutoPlan } from '../../src/kernels/auto.js';
import {
  contendersOf,
  Race,
  RACE_CLOSE,
  RACE_MAX_SAMPLES,
  RACE_PATIENCE,
  RACE_SAMPLES,
  RACE_TURN,
  RACE_WARMUP,
  type Turn,
} from '../../src/kernels/auto-race.js';

delete process.env.MULTICORE_AUTO;
delete process.env.MULTICORE_AUTO_CACHE;
beforeEach(() => resetAuto());

function plan(kernel: Parameters<typeof autoBackend>[0] & object): AutoPlan {
  const p = autoBackend(kernel);
  assert.ok(!(p instanceof Promise), 'a recorded size class is decided at once');
  return p;
}

test('below the measured crossover auto picks js, above it the native backend', () => {
  // square: JS wins at 4^6 elements (a native call's fixed cost), Rust at 4^10.
  recordAuto({ kernel: 'square', work: 4 ** 6, threads: 1 }, { js: 0.004, rust: 0.03, cpp: 0.035, wasm: 0.05 });
  recordAuto({ kernel: 'square', work: 4 ** 10, threads: 1 }, { js: 1.4, rust: 0.5, cpp: 0.55, wasm: 1.9 });
  assert.deepEqual(plan({ kernel: 'square', work: 3000, threads: 1 }), { backend: 'js', threads: 1 });
  assert.deepEqual(
    plan({ kernel: 'square', work: 10, threads: 1 }),
    { backend: 'js', threads: 1 },
    'below the smallest class: its decision',
  );
  assert.deepEqual(plan({ kernel: 'square', work: 1_000_000, threads: 1 }), { backend: 'rust', threads: 1 });
  const d = describeAuto().square;
  assert.equal(d.backend, 'rust');
  assert.match(d.reason, /^fastest when measured at 1048576 elements, 1 thread: rust 0\.500 ms, cpp 0\.550 ms, js 1\.40 ms, wasm 1\.90 ms/);
  assert.deepEqual(
    d.measured.map((m) => [m.work, m.backend, m.source]),
    [
      [4096, 'js', 'probe'],
      [1048576, 'rust', 'probe'],
    ],
  );
});

test('with more threads asked, one thread is picked where it measured faster', () => {
  recordAuto({ kernel: 'sumSquares', work: 4 ** 7, threads: 2 }, { rust: 0.09, 'rust×1': 0.05, cpp: 0.1, js: 0.2 });
  assert.deepEqual(plan({ kernel: 'sumSquares', work: 4 ** 7, threads: 2 }), { backend: 'rust', threads: 1 });
  assert.equal(describeAuto().sumSquares.threads, 1);
});

test('a call larger than its probe: contenders take turns on real calls, the fastest then serves', () => {
  // sort's probe stops at 4^9 keys; a 2M-key call races the two within 2× there (js is not).
  recordAuto({ kernel: 'sort', work: 4 ** 9, threads: 1 }, { rust: 5, cpp: 6, js: 30 });
  const seen: string[] = [];
  const cost: Record<string, number> = { rust: 40, cpp: 30 };
  const each = (RACE_WARMUP + RACE_SAMPLES) * RACE_TURN; // calls of each contender
  for (let i = 0; i < 2 * each; i++) {
    const p = plan({ kernel: 'sort', work: 2_000_000, threads: 1 });
    assert.ok(p.done, 'a race turn reports its time');
    seen.push(p.backend);
    p.done!(cost[p.backend] + (i % RACE_TURN)); // the timed call of a turn: +1
  }
  assert.deepEqual([...seen].sort(), [...Array(each).fill('cpp'), ...Array(each).fill('rust')]);
  assert.deepEqual(seen.slice(0, 2 * RACE_TURN), ['rust', 'rust', 'cpp', 'cpp'], "turns of two calls, the probe's best first");
  const after = plan({ kernel: 'sort', work: 2_000_000, threads: 1 });
  assert.deepEqual(after, { backend: 'cpp', threads: 1 }, 'the real calls overrule the probe');
  assert.equal(plan({ kernel: 'sort', work: 200_000, threads: 1 }).backend, 'rust', "the probe's own class keeps the probe's pick");
  const d = describeAuto().sort;
  assert.equal(d.backend, 'cpp');
  assert.match(
    d.reason,
    /^fastest on this process's own calls of about 1048576 elements, 1 thread .*: cpp 3\d\.\d ms, rust 4\d\.\d ms; the probe: /,
  );
});

test("a race goes by each contender's median call, not its one lucky call, nor its warm-up", () => {
  const r = new Race(['cpp', 'rust']);
  // Warm-up rounds first, where cpp looks far faster; then cpp: one fast call among slow ones
  // (a backend whose calls vary widely); rust: steady.
  const warm = (ms: number) => Array.from({ length: RACE_WARMUP }, () => ms);
  const cpp = [...warm(5), 10, 40, 41, 42, 43];
  const rust = [...warm(100), 30, 30, 31, 31, 32];
  while (!r.state.done) {
    const { label, timed } = r.next();
    if (timed) r.record(label, (label === 'cpp' ? cpp : rust).shift()!, true);
  }
  assert.equal(r.state.done && r.state.winner, 'rust');
  assert.deepEqual(r.state.done && r.state.ms, { cpp: 41, rust: 31 });
});

test('near ties race on to more calls each; a contender left behind stops at the first five after its warm-up', () => {
  // cpp and rust within RACE_CLOSE of each other (rust 5% slower), wasm 1.5x: wasm stops at 5.
  const r = new Race(['rust', 'cpp', 'wasm']);
  const cost: Record<string, number> = { cpp: 10, rust: 10.5, wasm: 15 };
  assert.ok(cost.rust / cost.cpp < RACE_CLOSE && cost.wasm / cost.cpp > RACE_CLOSE);
  const timed: string[] = [];
  while (!r.state.done) {
    const { label, timed: t } = r.next();
    if (!t) continue;
    timed.push(label);
    r.record(label, cost[label], true);
  }
  const count = (l: string) => timed.filter((x) => x === l).length;
  const w = RACE_WARMUP;
  assert.deepEqual([count('cpp'), count('rust'), count('wasm')], [w + RACE_MAX_SAMPLES, w + RACE_MAX_SAMPLES, w + RACE_SAMPLES]);
  assert.ok(r.state.done);
  assert.equal(r.state.winner, 'cpp');
  assert.deepEqual(r.state.samples, { rust: RACE_MAX_SAMPLES, cpp: RACE_MAX_SAMPLES, wasm: RACE_SAMPLES });
  // After the first five each, only the close two take turns, in an order that is not fixed
  // (a cost recurring every few calls must not land on one contender's timed calls every time).
  const later = timed.slice(3 * (w + RACE_SAMPLES));
  assert.ok(!later.includes('wasm'));
  const pairs = Array.from({ length: later.length / 2 }, (_, i) => later.slice(2 * i, 2 * i + 2).join(' '));
  assert.ok(pairs.includes('rust cpp') && pairs.includes('cpp rust'), pairs.join(' | '));
});

test("only a turn's last call is timed: a contender slow on the first call after a switch is judged by its next", () => {
  // cpp (2 threads): 10 ms on the call that wakes its sleeping pool, then 3; cpp×1: 4 every call.
  const r = new Race(['cpp×1', 'cpp']);
  const turns: Turn[] = [];
  while (!r.state.done) {
    const t = r.next();
    turns.push(t);
    if (t.timed) r.record(t.label, t.label === 'cpp' ? 3 : 4, true);
  }
  assert.equal(r.state.done && r.state.winner, 'cpp');
  assert.deepEqual(turns.slice(0, 4), [
    { label: 'cpp×1', timed: false },
    { label: 'cpp×1', timed: true },
    { label: 'cpp', timed: false },
    { label: 'cpp', timed: true },
  ]);
  assert.equal(turns.length, 2 * (RACE_WARMUP + RACE_SAMPLES) * RACE_TURN);
  assert.deepEqual(r.next(), { label: 'cpp', timed: false }, 'the winner serves, untimed');
});

test("overlapping calls are not timed; a race that never gets a solo call keeps the probe's best", () => {
  recordAuto({ kernel: 'countPrimes', work: 4 ** 11, threads: 2 }, { rust: 1, cpp: 1.2 });
  for (let i = 0; i < RACE_PATIENCE * RACE_TURN + 1; i++) {
    const a = plan({ kernel: 'countPrimes', work: 1e9, threads: 2 });
    const b = plan({ kernel: 'countPrimes', work: 1e9, threads: 2 });
    // Both in flight at once: neither counts (cpp would "win" by far if they did).
    b.done?.(a.backend === 'cpp' ? 1 : 1000);
    a.done?.(b.backend === 'cpp' ? 1 : 1000);
  }
  const p = plan({ kernel: 'countPrimes', work: 1e9, threads: 2 });
  assert.deepEqual(p, { backend: 'rust', threads: 2 });
  assert.match(describeAuto().countPrimes.reason, /kept the probe's best: calls .* kept overlapping/);
});

test('a failed or aborted call (NaN) is not a sample', () => {
  recordAuto({ kernel: 'matmul', work: 4 ** 11, threads: 1 }, { rust: 1, cpp: 1.1 });
  const first = plan({ kernel: 'matmul', work: 4 ** 13, threads: 1 });
  first.done!(NaN);
  const again = plan({ kernel: 'matmul', work: 4 ** 13, threads: 1 });
  assert.equal(again.backend, first.backend, 'the same contender is asked again');
  again.done!(5);
});

test('contenders: within the margin of the best, fastest first; a lone one settles at once', () => {
  assert.deepEqual(contendersOf({ js: 30, cpp: 6, rust: 5, wasm: 10.5 }), ['rust', 'cpp']);
  assert.deepEqual(contendersOf({ a: 1, b: 3 }), ['a']);
  assert.deepEqual(contendersOf({}), []);
  const r = new Race(['rust']);
  assert.deepEqual(r.state, { done: true, winner: 'rust', ms: {}, samples: {}, gaveUp: false });
  assert.deepEqual(r.next(), { label: 'rust', timed: false });
});
