// Progress on stderr: a redrawn bar when stderr is a terminal, one plain line per step otherwise
// (CI logs, pipes), so stdout keeps only the table.
export interface Progress {
  step(what: string): void;
  done(what: string, outcome: string): void;
  note(line: string): void;
  finish(): void;
}

const WIDTH = 28;

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let n = 0;
  const tty = Boolean(stream.isTTY);
  const started = Date.now();
  const bar = (what: string) => {
    const filled = Math.round((n / Math.max(1, total)) * WIDTH);
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    const line = `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${n}/${total} ${secs}s  ${what}`;
    const cols = stream.columns ?? 100;
    stream.write(`\r\x1b[2K${line.slice(0, cols - 1)}`);
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
