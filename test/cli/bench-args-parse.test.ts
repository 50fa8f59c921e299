// `multicore bench` arguments through node:util parseArgs: what each accepted form means (the
// rejected forms and their messages are in bench-args.test.ts, through the real CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HELP, parseArgs } from '../../src/cli/bench/args.js';
import { UsageError } from '../../src/cli/usage-error.js';

const NAMES = ['sumSquares', 'square', 'cpu'];
const parse = (...argv: string[]) => parseArgs(argv, NAMES, 8);

test('defaults: medium size, threads 1 and all cores, peers on', () => {
  const a = parse();
  assert.deepEqual(
    { size: a.size, scale: a.scale, threads: a.threads, peers: a.peers, quick: a.quick, only: a.only },
    { size: 'medium', scale: 1, threads: [1, 8], peers: true, quick: false, only: null },
  );
  assert.equal(parse('--quick').size, 'small');
});

test('values as the next argument or after =, and a value may start with one dash', () => {
  assert.deepEqual(parse('--threads', '4,2,2').threads, [2, 4]);
  assert.deepEqual(parse('--threads=3').threads, [3]);
  assert.equal(parse('--json', '-').json, '-');
  assert.equal(parse('--json=-').json, '-');
  assert.equal(parse('--json', 'out.json', '--html', 'r.html').html, 'r.html');
  assert.equal(parse('--size', '0.5').scale, 0.5);
  assert.throws(
    () => parse('--size', '-1'),
    (e: Error) => e instanceof UsageError && /--size expects/.test(e.message),
  );
  assert.deepEqual(parse('--only', 'sumSquares, cpu').only, ['sumSquares', 'cpu']);
  assert.equal(parse('--redis', 'unix:///tmp/r.sock').redis, 'unix:///tmp/r.sock');
});

test('--peers and --no-peers: the last one wins', () => {
  assert.equal(parse('--no-peers').peers, false);
  assert.equal(parse('--no-peers', '--peers').peers, true);
  assert.equal(parse('--peers', '--no-peers').peers, false);
});

test('--compare A B takes the two files; -h is --help', () => {
  assert.deepEqual(parse('--compare', 'a.json', 'b.json').compare, ['a.json', 'b.json']);
  assert.equal(parse('-h').help, true);
  assert.throws(() => parse('a.json'), /unexpected argument 'a.json'/);
});

test('the help lists every option once, in one aligned column', () => {
  const lines = HELP.split('\n').filter((l) => /^ {2}-/.test(l));
  const flags = lines.map((l) => l.trim().split(/\s{2,}/)[0]);
  assert.deepEqual(flags, [
    '--quick',
    '--only NAME,...',
    '--threads LIST',
    '--size SIZE',
    '--json FILE',
    '--html FILE',
    '--redis URL',
    '--peers',
    '--no-peers',
    '--compare A B',
    '--kernel FILE',
    '-h, --help',
  ]);
  for (const l of lines) assert.equal(l.length > 22 && l[21] === ' ' && l[22] !== ' ', true, `aligned: ${l}`);
});
