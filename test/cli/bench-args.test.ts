// `multicore bench` arguments: --help, and every bad argument exits 2 with a clear message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers.js';

test('--help lists the options and the workloads, exit 0', async () => {
  const r = await runCli(['bench', '--help']);
  assert.equal(r.code, 0, r.stderr);
  for (const word of [
    '--quick',
    '--only',
    '--threads',
    '--size',
    '--json',
    '--html',
    '--compare',
    'square_numbers',
    'download_file',
    'dispatch',
    'distributed',
    '--redis',
    '--no-peers',
  ]) {
    assert.match(r.stdout, new RegExp(word), `help mentions ${word}`);
  }
});

const bad: [string, string[], RegExp][] = [
  ['an unknown flag', ['--fast'], /unknown option '--fast'/],
  ['a stray argument', ['now'], /unexpected argument 'now'/],
  ['--threads 0', ['--threads', '0'], /--threads expects a comma-separated list of integers from 1 to 256, got '0'/],
  ['--threads with a word', ['--threads', '1,two'], /--threads expects .* got '1,two'/],
  ['--threads with a fraction', ['--threads=1.5'], /--threads expects/],
  ['--threads with an empty item', ['--threads', '1,,2'], /--threads expects/],
  ['--threads without a value', ['--threads'], /--threads needs a value/],
  ['an unknown --only name', ['--only', 'sumSquares,fibonacci'], /--only: unknown workload 'fibonacci' \(choose from: .*sumSquares/],
  ['a bad --size', ['--size', 'huge'], /--size expects small, medium, large or a number/],
  ['a negative --size', ['--size', '-1'], /--size expects/],
  ['--json without a file', ['--json'], /--json needs a value/],
  ['--compare with one file', ['--compare', 'a.json'], /--compare takes two files/],
  ['--compare with bench options', ['--compare', 'a.json', 'b.json', '--quick'], /cannot be combined/],
  ['--quick with a value', ['--quick=yes'], /--quick takes no value/],
  ['--no-peers with a value', ['--no-peers=1'], /--no-peers takes no value/],
  [
    '--redis that is not a Redis URL',
    ['--redis', 'localhost:6379'],
    /--redis must be a redis:\/\/, rediss:\/\/ or unix:\/\/ URL, got 'localhost:6379'/,
  ],
];

for (const [what, args, message] of bad) {
  test(`${what}: exit 2 with a clear message`, async () => {
    const r = await runCli(['bench', ...args]);
    assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
    assert.match(r.stderr, /^multicore bench: /);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stdout, '', 'nothing ran');
  });
}

test('--compare of a file that is not a report: exit 2', async () => {
  const r = await runCli(['bench', '--compare', 'package.json', 'package.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not a multicore bench report \(schemaVersion 1\)/);
});

test('--compare of a missing file: exit 2', async () => {
  const r = await runCli(['bench', '--compare', 'no-such-a.json', 'no-such-b.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read 'no-such-a.json'/);
});
