// A private redis-server: started on a unix socket in a fresh temp dir, never on a TCP port, so
// nothing else on the machine can collide with it or reach it. Used by `multicore bench` (the
// distributed workload) and by the tests; not part of the public API.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createConnection } from 'node:net';

/** Why redis-server cannot be started here, or undefined when it can. */
export function redisUnavailable(): string | undefined {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'redis-server not found on PATH (Debian/Ubuntu: `apt-get install redis-server`)';
  return undefined;
}

export interface RedisServerOptions {
  /** `--appendonly yes`: the data set survives a restart (the persistence test). Default false. */
  appendOnly?: boolean;
  /** `--requirepass`: clients must authenticate with this password (the auth-failure tests). */
  requirePass?: string;
}

/** One private redis-server. `restart()` stops it and starts a new one on the same socket and data dir. */
export class RedisServer {
  readonly dir: string;
  readonly socket: string;
  private proc: ChildProcess | undefined;

  private constructor(private readonly opts: RedisServerOptions) {
    this.dir = mkdtempSync(join(tmpdir(), 'multicore-redis-'));
    this.socket = join(this.dir, 'redis.sock');
  }

  static async start(opts: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(opts);
    await server.launch();
    return server;
  }

  /** What DistributedExecutor and `multicore worker --connection` take. */
  get connection(): { path: string } {
    return { path: this.socket };
  }

  get url(): string {
    return `unix://${this.socket}`;
  }

  private async launch(): Promise<void> {
    const args = [
      '--port',
      '0',
      '--unixsocket',
      this.socket,
      '--unixsocketperm',
      '700',
      '--dir',
      this.dir,
      '--save',
      '',
      '--appendonly',
      this.opts.appendOnly ? 'yes' : 'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      ...(this.opts.requirePass ? ['--requirepass', this.opts.requirePass] : []),
    ];
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    proc.stdout!.on('data', (d) => {
      log += d;
    });
    proc.stderr!.on('data', (d) => {
      log += d;
    });
    this.proc = proc;
    // A process that dies (timeout, crash) must not leave its redis-server behind.
    const reap = () => {
      proc.kill('SIGKILL');
    };
    process.once('exit', reap);
    proc.once('exit', () => process.off('exit', reap));
    const exited = once(proc, 'exit').then(([code]) => {
      throw new Error(`redis-server exited (${code}) before answering:\n${log}`);
    });
    exited.catch(() => {});
    // Wait until it answers PING on the socket (no sleeps: retry on each refused connection).
    for (;;) {
      const ok = await Promise.race([ping(this.socket), exited]);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops redis-server (SIGTERM: with appendonly it flushes the AOF first) and waits for it to exit. */
  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Stops the server and removes its temp dir. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function ping(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ path });
    let buf = '';
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d;
      // NOAUTH: up, and asking for the password it was started with.
      if (buf.includes('\r\n')) {
        sock.destroy();
        resolve(buf.startsWith('+PONG') || buf.startsWith('-NOAUTH'));
      }
    });
    sock.on('error', () => {
      sock.destroy();
      resolve(false);
    });
  });
}
