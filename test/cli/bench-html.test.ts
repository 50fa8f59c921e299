// `--html FILE` renders in headless Chromium: the charts drew (bars of non-zero width) and the page
// asked for nothing from the network. Without chromium the test is skipped, except under CI=true
// where it fails (CI must install Debian's `chromium`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';
import { CHROMIUM, chromiumInstalled, renderReport } from './render-report.js';
import { isCI } from '../helpers/ci.js';

const missing = chromiumInstalled() ? undefined : `chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

test('the HTML report is self-contained and its charts draw in headless chromium', {
  timeout: 180_000,
  skip: !isCI && missing,
}, async () => {
  assert.ok(!missing, `${missing}: required when CI=true`);
  const dir = tempDir();
  const html = join(dir, 'report.html');
  const jsonFile = join(dir, 'report.json');
  const r = await runCli(['bench', '--quick', '--only', 'sumSquares,download_file', '--threads', '1', '--html', html, '--json', jsonFile], {
    timeoutMs: 170_000,
  });
  assert.equal(r.code, 0, r.stderr);

  const text = readFileSync(html, 'utf8');
  assert.doesNotMatch(text, /<script|<link|src=["']https?:|url\(/i, 'no scripts, stylesheets or remote resources');

  const page = await renderReport(html);
  assert.deepEqual(page.external, [], 'no request left the page');
  assert.match(page.title, /multicore bench/);
  assert.deepEqual(page.sections, ['sumSquares', 'download_file']);
  // sumSquares: speed-up, event-loop delay and GB/s charts; download_file: speed-up and event-loop delay.
  assert.equal(page.charts, 5);
  // The overview: one chart per strategy family that ran on the CPU workload (C++ and Rust only
  // where they built), titled by the family.
  const json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  const ran = (id: string) =>
    json.workloads[0].results.some((x: { strategy: string; status: string }) => x.strategy === id && x.status === 'ok');
  const expected = (
    [
      ['workers', "'workers'"],
      ['process', 'ProcessPool'],
      ['cpp', 'C++'],
      ['rust', 'Rust'],
      ['wasm', 'WebAssembly'],
      ['auto', "'auto'"],
      ['numpy', 'NumPy'],
      ['primesieve', 'primesieve'],
    ] as const
  )
    .filter(([id]) => ran(id))
    .map(([, name]) => name);
  assert.ok(expected.includes("'auto'"), 'auto ran');
  assert.ok(expected.includes("'workers'") && expected.includes('ProcessPool'), 'workers and processes ran');
  assert.deepEqual(
    page.overview.map((t) => t.split(':')[0]),
    expected,
  );
  // At least JS and the I/O strategies ran here, each drawing a speed-up bar.
  assert.ok(page.bars >= 1 + 3, `bars drawn: ${page.bars}`);
});
