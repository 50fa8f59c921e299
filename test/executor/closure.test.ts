// A function that closes over outer variables is refused, and the error names them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ThreadPoolExecutor } from '@multicore-js/multicore';

test('submit refuses a closure and names its free variables', { timeout: 20_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  const factor = 3;
  const offset = 1;
  assert.throws(
    () => ex.submit((x: number) => x * factor + offset, 2),
    (e: Error) => e instanceof TypeError && /'factor', 'offset'/.test(e.message) && /pass these values as arguments/.test(e.message),
  );
  assert.throws(() => ex.map((x: number) => x * factor, [1]), /'factor'/);
  assert.throws(() => new ThreadPoolExecutor({ initializer: () => factor }), /initializer.*'factor'/);
});

test('self-contained functions of many shapes are accepted and run', { timeout: 20_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  const shapes: [(...a: any[]) => unknown, unknown[], unknown][] = [
    [
      function fib(n: number): number {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
      },
      [10],
      55,
    ],
    [
      (o: { a: number; b: number }) => {
        const { a, b: bee } = o;
        let s = 0,
          t = 1;
        for (const k of [a, bee]) s += k * t;
        return s;
      },
      [{ a: 1, b: 2 }],
      3,
    ],
    [(s: string) => `${s.toUpperCase()}-${[1, 2].map((x) => x * 2).join(',')}`, ['hi'], 'HI-2,4'],
    [
      (x: number) => {
        try {
          throw new Error('e');
        } catch (err) {
          return (err as Error).message + x;
        }
      },
      [1],
      'e1',
    ],
    [(t: string) => (/a+b/.test(t) ? Math.max(1, 2) / 2 : JSON.stringify({ key: t })), ['aab'], 1],
    [
      (n: number) => {
        class Box {
          constructor(public v: number) {}
          get twice() {
            return this.v * 2;
          }
        }
        return new Box(n).twice;
      },
      [4],
      8,
    ],
    [
      (n: number) => {
        const o = {
          n,
          inc() {
            return this.n + 1;
          },
        };
        outer: for (;;) {
          for (;;) {
            break outer;
          }
        }
        return o.inc();
      },
      [1],
      2,
    ],
    [(xs: number[]) => xs.reduce((acc, v) => acc + v, 0), [[1, 2, 3]], 6],
  ];
  for (const [fn, args, expected] of shapes) assert.deepEqual(await ex.submit(fn, ...args), expected, fn.toString());
});

test('a method (shorthand) is sent, and native or bound functions are refused', { timeout: 20_000 }, async () => {
  await using ex = new ThreadPoolExecutor({ maxWorkers: 1 });
  const tasks = {
    triple(x: number) {
      return x * 3;
    },
  };
  assert.equal(await ex.submit(tasks.triple, 5), 15);
  assert.throws(() => ex.submit(Math.max, 1, 2), /native or bound/);
  assert.throws(() => ex.submit(((x: number) => x).bind(null), 1), /native or bound/);
  assert.throws(() => ex.submit(42 as never), /task must be a function/);
});
