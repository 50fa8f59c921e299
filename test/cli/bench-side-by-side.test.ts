// Rows re-timed side by side (src/cli/bench/side-by-side.ts, used by auto-paired.ts,
// native-paired.ts and peer-paired.ts): alternation, rounds, the round-ratio statistic, the rival 'auto' is paired
// with, and a wrong result failing the pairing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastestRival } from '../../src/cli/bench/auto-paired.js';
import { alternate, roundRatio, roundsDone } from '../../src/cli/bench/side-by-side.js';
import type { ResultRow } from '../../src/cli/bench/schema.js';

const row = (strategy: string, threads: number, medianMs: number, status: ResultRow['status'] = 'ok'): ResultRow => ({
  strategy,
  label: strategy,
  threads,
  status,
  ...(status === 'ok'
    ? { stats: { medianMs, meanMs: medianMs, minMs: medianMs, maxMs: medianMs, madMs: 0, rmePct: 0, samples: 3 } }
    : { reason: 'x' }),
});

test('the rival is the fastest non-peer, non-auto row using at most as many threads', () => {
  const rows = [
    row('js', 1, 100),
    row('cpp', 1, 10),
    row('rust', 1, 9),
    row('cpp', 2, 5),
    row('rust', 2, 1, 'failed'),
    row('numpy', 1, 2),
    row('auto', 1, 8),
    row('auto', 2, 4),
  ];
  assert.deepEqual([fastestRival(rows, 1)?.strategy, fastestRival(rows, 1)?.threads], ['rust', 1]);
  assert.deepEqual([fastestRival(rows, 2)?.strategy, fastestRival(rows, 2)?.threads], ['cpp', 2]);
  assert.equal(fastestRival([row('auto', 1, 3)], 1), undefined);
});

test('rounds: at least 5 and twice the row minimum plus one, then four row budgets, at most 60', () => {
  const o = { iterations: 7, timeMs: 400, warmupIterations: 2 };
  assert.equal(roundsDone(14, 10_000, o), false);
  assert.equal(roundsDone(15, 10, o), false);
  assert.equal(roundsDone(15, 1599, o), false);
  assert.equal(roundsDone(15, 1600, o), true);
  assert.equal(roundsDone(59, 10, o), false);
  assert.equal(roundsDone(60, 10, o), true);
  assert.equal(roundsDone(7, 0, { iterations: 3, timeMs: 0, warmupIterations: 0 }), true);
  assert.equal(roundsDone(6, 0, { iterations: 3, timeMs: 0, warmupIterations: 0 }), false);
  assert.equal(roundsDone(5, 0, { iterations: 1, timeMs: 0, warmupIterations: 0 }), true);
  assert.equal(roundsDone(4, 0, { iterations: 1, timeMs: 0, warmupIterations: 0 }), false);
});

test("the ratio is the median of the rounds' own ratios, which a phase moving both sides together does not move", () => {
  assert.equal(roundRatio([1, 3], [2, 2]), 1);
  assert.equal(roundRatio([2, 4, 9], [2, 2, 3]), 2);
  // auto 5% slower in every round whole in one phase; round 2 straddles a slow-to-fast switch. The
  // ratio of the medians (2.1 / 4) would say auto is twice as fast; the rounds' median says 1.05.
  const autoMs = [4.2, 4.2, 2.1, 2.1, 2.1];
  const rivalMs = [4, 4, 4, 2, 2];
  assert.ok(Math.abs(roundRatio(autoMs, rivalMs) - 1.05) < 1e-12);
  assert.throws(() => roundRatio([1], []), RangeError);
  assert.throws(() => roundRatio([], []), RangeError);
});

test('alternate: a turn of each per round (an untimed call, then a timed one), in a random order, every result checked', async () => {
  const calls: string[] = [];
  const runner = (name: string) => ({ run: async () => (calls.push(name), name) });
  const ok = () => undefined;
  const o = { iterations: 7, timeMs: 0, warmupIterations: 0 }; // 15 rounds
  const t = await alternate({ runner: runner('A'), verify: ok }, { runner: runner('B'), verify: ok }, o);
  assert.equal(t.aMs.length, 15);
  assert.equal(t.bMs.length, 15);
  assert.ok([...t.aMs, ...t.bMs].every((ms) => ms >= 0));
  // Each round: AABB or BBAA; both orders occur (not a fixed alternation a periodic cost could lock onto).
  const rounds = Array.from({ length: 15 }, (_, r) => calls.slice(4 * r, 4 * r + 4).join(''));
  assert.equal(calls.length, 60);
  assert.ok(
    rounds.every((r) => r === 'AABB' || r === 'BBAA'),
    rounds.join(' '),
  );
  const firsts = rounds.map((r) => r[0]).join('');
  assert.ok(firsts.includes('A') && firsts.includes('B'), firsts);
  assert.notEqual(firsts, 'ABABABABABABABA');
  assert.notEqual(firsts, 'BABABABABABABAB');
  // The same seed, the same order: a run can be repeated.
  const again: string[] = [];
  const runner2 = (name: string) => ({ run: async () => (again.push(name), name) });
  await alternate({ runner: runner2('A'), verify: ok }, { runner: runner2('B'), verify: ok }, o);
  assert.deepEqual(again, calls);
  await assert.rejects(
    alternate(
      { runner: runner('A'), verify: ok },
      { runner: runner('B'), verify: (r) => (r === 'B' ? 'wrong B' : undefined) },
      { iterations: 3, timeMs: 0, warmupIterations: 0 },
    ),
    /a paired run's result differs from the reference: wrong B/,
  );
});

test('alternate: each turn starts after an event-loop turn, and its timed call follows the untimed one at once', async () => {
  // Each call notes whether the event loop turned (a setImmediate of the call before ran) since that call.
  const turned: boolean[] = [];
  let pending: { ran: boolean } | undefined;
  const runner = () => ({
    run: async () => {
      turned.push(pending ? pending.ran : true);
      const mark = { ran: false };
      pending = mark;
      setImmediate(() => {
        mark.ran = true;
      });
      return 1;
    },
  });
  const ok = () => undefined;
  await alternate({ runner: runner(), verify: ok }, { runner: runner(), verify: ok }, { iterations: 3, timeMs: 0, warmupIterations: 0 });
  assert.equal(turned.length, 2 * 2 * 7);
  for (let i = 0; i < turned.length; i += 2) {
    assert.equal(turned[i], true, `untimed call ${i / 2}: after a loop turn`);
    assert.equal(turned[i + 1], false, `timed call ${i / 2}: straight after its untimed call`);
  }
});

test('alternate: a peer that times itself (NumPy, primesieve) is timed by its own clock, one run a turn', async () => {
  const calls: string[] = [];
  const ok = () => undefined;
  const native = { run: async () => (calls.push('native'), 1) };
  const peer = {
    run: async () => (calls.push('peer run'), 1),
    timed: async (o: { iterations: number; timeMs: number; warmupIterations: number }) => {
      calls.push(`peer timed ${o.iterations}/${o.warmupIterations}/${o.timeMs}`);
      await new Promise((r) => setTimeout(r, 5)); // its IPC: not in its time
      return { timesMs: [0.25], last: 1 };
    },
  };
  const t = await alternate(
    { runner: native, verify: ok },
    { runner: peer, verify: ok },
    { iterations: 2, timeMs: 0, warmupIterations: 0 },
  );
  assert.equal(t.bMs.length, 5);
  assert.deepEqual(t.bMs, [0.25, 0.25, 0.25, 0.25, 0.25]);
  // The warm-up in the same request as the timed run (NumPy makes np.square's out once per request).
  assert.equal(calls.filter((c) => c === 'peer timed 1/1/0').length, 5);
  assert.equal(calls.filter((c) => c === 'peer run').length, 0);
  assert.equal(calls.filter((c) => c === 'native').length, 10); // an untimed and a timed call a turn
  await assert.rejects(
    alternate(
      { runner: native, verify: ok },
      { runner: { ...peer, timed: async () => ({ timesMs: [1], last: 2 }) }, verify: (r) => (r === 2 ? 'wrong 2' : undefined) },
      {
        iterations: 1,
        timeMs: 0,
        warmupIterations: 0,
      },
    ),
    /wrong 2/,
  );
});
