#!/usr/bin/env node
// `npm run docs`: builds the API reference from the TypeScript types with TypeDoc (config: typedoc.json,
// entry src/index.ts, output docs/api/) and checks the hand-written guide. Any TypeDoc warning fails the
// build (--treatWarningsAsErrors), and so does a broken relative link in docs/*.md or examples/README.md,
// or an example file that examples/README.md does not list.
// Options: --out DIR (write the reference elsewhere, e.g. a temp dir in tests), --skip-api (links only).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? resolve(args[outIdx + 1]) : join(root, 'docs/api');
const problems = [];

// 1. The API reference.
if (!args.includes('--skip-api')) {
  const typedoc = join(root, 'node_modules/typedoc/bin/typedoc');
  const r = spawnSync(process.execPath, [typedoc, '--options', 'typedoc.json', '--out', out, '--treatWarningsAsErrors'], {
    cwd: root,
    encoding: 'utf8',
  });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  process.stdout.write(log);
  // TypeDoc prints "[warning]" for every warning; with --treatWarningsAsErrors it also exits non-zero.
  if (r.status !== 0 || /\[warning\]/.test(log)) problems.push(`typedoc failed (exit ${r.status})`);
  else if (!existsSync(join(out, 'index.html'))) problems.push(`typedoc wrote no ${relative(root, join(out, 'index.html'))}`);
  else console.log(`[docs] API reference: ${out.startsWith(root) ? relative(root, out) : out}/index.html`);
}

// 2. Relative links in the guide and the examples index must resolve.
const pages = [
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f)),
  join(root, 'examples/README.md'),
].filter((p) => existsSync(p));
for (const page of pages) {
  const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    const file = resolve(dirname(page), decodeURIComponent(target.split('#')[0]));
    // docs/api/ is generated: links into it are checked against the output dir of this run.
    const apiDir = join(root, 'docs/api');
    const mapped = file.startsWith(apiDir) ? join(out, relative(apiDir, file)) : file;
    if (args.includes('--skip-api') && file.startsWith(apiDir)) continue;
    if (!existsSync(mapped)) problems.push(`${relative(root, page)}: broken link ${target}`);
  }
}

// 3. Every example is listed in examples/README.md.
const examplesReadme = join(root, 'examples/README.md');
if (existsSync(examplesReadme)) {
  const listed = readFileSync(examplesReadme, 'utf8');
  for (const name of readdirSync(join(root, 'examples'))) {
    const p = join(root, 'examples', name);
    const isExample = name.endsWith('.mjs') || (statSync(p).isDirectory() && existsSync(join(p, 'run.mjs')));
    if (isExample && !listed.includes(`(${name}`)) problems.push(`examples/README.md does not link ${name}`);
  }
} else {
  problems.push('examples/README.md is missing');
}

if (problems.length) {
  for (const p of problems) console.error(`[docs] ${p}`);
  process.exit(1);
}
console.log(`[docs] ok: ${pages.length} pages checked, no warnings`);
