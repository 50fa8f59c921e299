// Progress on stderr: a redrawn bar when stderr is a terminal, one plain line per step otherwise
// (CI logs, pipes), so stdout keeps only the table. `total` counts rows: done() once per row.
export interface Progress {
  /** A row (or an uncounted measurement, e.g. the memory-copy reference) starts. */
  step(what: string): void;
  /** A row finished: counts toward the total. */
  done(what: string, outcome: string): void;
  note(line: string): void;
  finish(): void;
}

/** The bar's width: narrower on a narrow terminal, so the row's name keeps room. */
const barWidth = (cols: number) => (cols >= 120 ? 28 : 12);

/**
 * The bar's line, at most `cols - 1` characters: when the row's name does not fit, its middle gives
 * way ('…') and its end — the thread count, ` ×N` — stays visible.
 */
export function barLine(n: number, total: number, secs: number, what: string, cols: number): string {
  const width = barWidth(cols);
  const filled = Math.round((n / Math.max(1, total)) * width);
  const head = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${n}/${total} ${secs.toFixed(0)}s  `;
  const room = cols - 1 - head.length;
  if (what.length <= room) return head + what;
  if (room <= 1) return (head + what).slice(0, cols - 1);
  const tail = / ×\d+$/.exec(what)?.[0] ?? '';
  const keep = Math.max(0, room - tail.length - 1);
  return `${head}${what.slice(0, keep)}…${tail}`.slice(0, cols - 1);
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let n = 0;
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  const bar = (what: string) => {
    stream.write(`\r\x1b[2K${barLine(n, total, (Date.now() - started) / 1000, what, stream.columns ?? 100)}`);
  };
  return {
    step(what) {
      if (tty) bar(what);
    },
    done(what, outcome) {
      n++;
      if (tty) bar(what);
      else stream.write(`[bench ${n}/${total}] ${what}: ${outcome}\n`);
    },
    note(line) {
      if (tty) stream.write(`\r\x1b[2K${line}\n`);
      else stream.write(`[bench] ${line}\n`);
    },
    finish() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}
