// What the published main package contains and declares: no tests, test hooks or source maps without
// their sources; LICENSE, repository, keywords; README links that work on the registry page; the
// platform packages wired as optionalDependencies; publint and @arethetypeswrong/cli both pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let dir: string;
let tarball: string;
let files: string[];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'multicore-pack-'));
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }),
  );
  tarball = join(dir, info.filename);
  files = info.files.map((f: { path: string }) => f.path);
  execFileSync('tar', ['xzf', tarball, '-C', dir]);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds no tests and no test hooks', () => {
  const bad = files.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.test\.|(^|\/)hooks\.(js|d\.ts|js\.map)$/.test(f));
  assert.deepEqual(bad, []);
  assert.ok(files.includes('dist/index.js') && files.includes('dist/index.d.ts'));
  assert.ok(files.includes('LICENSE'));
});

test('every source map in the tarball carries its sources', () => {
  const maps = files.filter((f) => f.endsWith('.map'));
  assert.ok(maps.length > 0);
  for (const m of maps) {
    const map = JSON.parse(readFileSync(join(dir, 'package', m), 'utf8'));
    assert.equal(map.sourcesContent?.length, map.sources.length, `${m} has no sourcesContent`);
  }
});

test('package.json: MIT LICENSE, repository, keywords, engines that require(esm) needs', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.match(pkg.repository.url, /github\.com\/multicore-js\/multicore/);
  assert.ok(pkg.keywords.length >= 5);
  assert.equal(pkg.engines.node, '>=20.19');
});

test('bullmq and ioredis are optional peer dependencies, not dependencies', () => {
  for (const name of ['bullmq', 'ioredis']) {
    assert.equal(pkg.dependencies[name], undefined);
    assert.ok(pkg.peerDependencies[name]);
    assert.equal(pkg.peerDependenciesMeta[name].optional, true);
  }
});

test('README links are absolute, and each GitHub link names a file of this repository', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  assert.deepEqual(
    links.filter((l) => !/^(https?:|#)/.test(l)),
    [],
    'relative links break on the registry page',
  );
  for (const l of links) {
    const m = l.match(
      /^https:\/\/(?:github\.com\/multicore-js\/multicore\/blob|raw\.githubusercontent\.com\/multicore-js\/multicore)\/main\/(.+)$/,
    );
    if (m) assert.ok(existsSync(join(root, m[1].replace(/#.*$/, ''))), `${l}: ${m[1]} does not exist`);
  }
});

test('one platform package template per platform, each in optionalDependencies at this version', () => {
  const platforms = readdirSync(join(root, 'npm'));
  assert.deepEqual(platforms.sort(), [
    'darwin-arm64',
    'darwin-x64',
    'linux-arm64-gnu',
    'linux-x64-gnu',
    'linux-x64-musl',
    'win32-x64-msvc',
  ]);
  for (const p of platforms) {
    const t = JSON.parse(readFileSync(join(root, 'npm', p, 'package.json'), 'utf8'));
    const [os, cpu, abi] = p.split('-');
    assert.equal(t.name, `@multicore-js/multicore-${p}`);
    assert.deepEqual([t.os, t.cpu], [[os], [cpu]]);
    if (os === 'linux') assert.deepEqual(t.libc, [abi === 'musl' ? 'musl' : 'glibc']);
    assert.deepEqual(t.files.sort(), ['multicore_cpp.node', 'multicore_rust.node']);
    assert.equal(pkg.optionalDependencies[t.name], pkg.version);
    assert.equal(t.license, 'MIT');
  }
});

test('the release workflow builds every platform package and the main package', () => {
  const wf = readFileSync(join(root, '.github/workflows/release.yml'), 'utf8');
  for (const p of readdirSync(join(root, 'npm'))) assert.match(wf, new RegExp(`platform: ${p}\\b`), p);
  assert.match(wf, /npm publish/);
});

test('publint --strict passes on the tarball', () => {
  execFileSync(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), 'run', tarball, '--strict'], { encoding: 'utf8' });
});

test('@arethetypeswrong/cli passes on the tarball', () => {
  // cjs-resolves-to-esm: the package is ESM only; CommonJS callers load it with require(esm), which is
  // why engines says >=20.19 (the require() case runs in test/package/install.test.ts).
  const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  execFileSync(process.execPath, [attw, tarball, '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii'], {
    encoding: 'utf8',
  });
});
