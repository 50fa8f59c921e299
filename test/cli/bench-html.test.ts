// `--html FILE` renders in headless Chromium: the charts drew (bars of non-zero width) and the page
// asked for nothing from the network. Without chromium the test is skipped, except under CI=true
// where it fails (CI must install Debian's `chromium`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.js';
import { CHROMIUM, chromiumInstalled, renderReport } from './render-report.js';

const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
const missing = chromiumInstalled() ? undefined : `chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

test('the HTML report is self-contained and its charts draw in headless chromium', { timeout: 180_000, skip: !isCI && missing }, async () => {
  assert.ok(!missing, `${missing}: required when CI=true`);
  const html = join(tempDir(), 'report.html');
  const r = await runCli(['bench', '--quick', '--only', 'sumSquares,download_file', '--threads', '1', '--html', html], { timeoutMs: 170_000 });
  assert.equal(r.code, 0, r.stderr);

  const text = readFileSync(html, 'utf8');
  assert.doesNotMatch(text, /<script|<link|src=["']https?:|url\(/i, 'no scripts, stylesheets or remote resources');

  const page = await renderReport(html);
  assert.deepEqual(page.external, [], 'no request left the page');
  assert.match(page.title, /multicore bench/);
  assert.deepEqual(page.sections, ['sumSquares', 'download_file']);
  // sumSquares: speed-up, event-loop delay and GB/s charts; download_file: speed-up and event-loop delay.
  assert.equal(page.charts, 5);
  // At least JS and the I/O strategies ran here, each drawing a speed-up bar.
  assert.ok(page.bars >= 1 + 3, `bars drawn: ${page.bars}`);
});
