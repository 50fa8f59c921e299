// Not a test: makes the README's screenshot of the HTML report.
//   node --import tsx test/cli/screenshot.ts [report.html]   (default: runs `bench --quick --html`)
// Writes docs/bench-report.png.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { root, runCli, tempDir } from './helpers.js';
import { renderReport } from './render-report.js';

let html = process.argv[2];
if (!html) {
  html = join(tempDir(), 'report.html');
  const r = await runCli(['bench', '--quick', '--only', 'sumSquares,square,countPrimes,matmul,download_file,dispatch', '--html', html], {
    timeoutMs: 300_000,
  });
  if (r.code !== 0) throw new Error(`bench failed (${r.code}):\n${r.stderr}`);
}
mkdirSync(join(root, 'docs'), { recursive: true });
const out = join(root, 'docs', 'bench-report.png');
const page = await renderReport(html, out);
console.log(`${out}: ${page.charts} charts, ${page.bars} bars drawn`);
