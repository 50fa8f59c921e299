// Importing 'multicore' (or 'multicore/distributed') must not load BullMQ or ioredis: users of kernels,
// executors and sync primitives would pay ~0.5 s for nothing. They load when a DistributedExecutor is
// constructed or DistributedWorker.start() runs. No Redis needed.
//
// How: a child process registers module hooks (module.register) whose `resolve` hook posts every resolved URL
// to the main thread over a MessageChannel; the child imports the package, then resolves a sentinel module and
// waits for its URL (the port keeps order, so everything resolved before it has arrived), and reports the list.
// It also reports require.cache, for anything loaded through CommonJS require (which those hooks do not see in
// Node 20). A positive control imports 'bullmq' itself, so the test cannot pass by seeing nothing at all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const HOOKS = `
let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  port.postMessage(r.url);
  return r;
}`;

const REGISTER = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = [];
const waiters = [];
port1.on('message', (url) => { urls.push(url); for (const w of waiters.splice(0)) w(); });
port1.unref();
globalThis.__resolvedUrls = async (sentinel) => {
  while (!urls.includes(sentinel)) await new Promise((r) => waiters.push(r));
  return urls.slice();
};
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });`;

/**
 * Imports each of `specifiers` in a child (then runs `then`, which sees them as `mods`), and returns what was
 * loaded that came from bullmq or ioredis.
 */
function loadedIn(specifiers: string[], then = ''): { offending: string[]; all: number; ms: number } {
  const script = `
import { createRequire } from 'node:module';
const t0 = performance.now();
const mods = [];
for (const s of ${JSON.stringify(specifiers)}) mods.push(await import(s));
const ms = performance.now() - t0;
${then}
const sentinel = 'data:text/javascript,export%20default%20%22sentinel%22';
await import(sentinel);
const urls = await globalThis.__resolvedUrls(sentinel);
const cjs = Object.keys(createRequire(import.meta.url).cache);
const all = [...urls, ...cjs];
const offending = all.filter((u) => /[\\\\/]node_modules[\\\\/](bullmq|ioredis)[\\\\/]/.test(u));
console.log(JSON.stringify({ offending, all: all.length, ms }));`;
  const r = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, '--input-type=module', '-e', script],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  assert.equal(r.status, 0, `child failed (status ${r.status}, signal ${r.signal}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(line);
}

describe('lazy loading of BullMQ and ioredis', () => {
  it('the detector sees bullmq and ioredis when they are imported (positive control)', () => {
    const r = loadedIn(['bullmq', 'ioredis']);
    assert.ok(
      r.offending.some((u) => /[\\/]node_modules[\\/]bullmq[\\/]/.test(u)),
      `bullmq not seen (${r.all} modules seen)`,
    );
    assert.ok(
      r.offending.some((u) => /[\\/]node_modules[\\/]ioredis[\\/]/.test(u)),
      `ioredis not seen (${r.all} modules seen)`,
    );
  });

  it("import 'multicore' loads neither bullmq nor ioredis", () => {
    const r = loadedIn(['@multicore-js/multicore']);
    assert.ok(r.all > 5, `the detector saw almost nothing: ${JSON.stringify(r)}`);
    assert.deepEqual(r.offending.slice(0, 5), [], `${r.offending.length} bullmq/ioredis modules loaded`);
  });

  it("import 'multicore/distributed' loads neither bullmq nor ioredis", () => {
    const r = loadedIn(['@multicore-js/multicore/distributed']);
    assert.deepEqual(r.offending.slice(0, 5), [], `${r.offending.length} bullmq/ioredis modules loaded`);
  });

  it('bad options still throw synchronously, without loading BullMQ', () => {
    const r = loadedIn(
      ['@multicore-js/multicore'],
      `
      const { DistributedExecutor } = mods[0];
      const threw = (f) => { try { f(); } catch (e) { return e.constructor.name; } return 'nothing'; };
      const got = [
        threw(() => new DistributedExecutor()),
        threw(() => new DistributedExecutor({ connection: 'redis://127.0.0.1:1', reconcileIntervalMs: 1 })),
        threw(() => new DistributedExecutor({ connection: 'http://x' })),
      ];
      if (got.join() !== 'TypeError,RangeError,TypeError') throw new Error('unexpected: ' + got.join());`,
    );
    assert.deepEqual(r.offending.slice(0, 5), []);
  });

  it('constructing a DistributedExecutor loads BullMQ, and shutdown works while Redis is unreachable', () => {
    const r = loadedIn(
      ['@multicore-js/multicore'],
      `
      const { DistributedExecutor } = mods[0];
      const ex = new DistributedExecutor({ connection: 'redis://127.0.0.1:1' });
      await ex.shutdown();`,
    );
    assert.ok(
      r.offending.some((u) => /[\\/]node_modules[\\/]bullmq[\\/]/.test(u)),
      `bullmq not loaded (${r.all} modules seen)`,
    );
  });
});
