// The download_file workload's server: a real node:http server on loopback that answers every
// GET /file/<i> after a fixed delay with a deterministic body.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileServer {
  url(i: number): string;
  close(): Promise<void>;
}

/** The body of file i: a header line, then filler up to `bytes`. */
export function fileBody(i: number, bytes: number): string {
  const head = `file ${i}\n`;
  const filler = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(Math.ceil(bytes / 36)).slice(0, Math.max(0, bytes - head.length));
  return head + filler;
}

export async function startFileServer(delayMs: number, bytes: number): Promise<FileServer> {
  const server: Server = createServer((req, res) => {
    const m = /^\/file\/(\d+)$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(fileBody(Number(m[1]), bytes));
    }, delayMs);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (i) => `http://127.0.0.1:${port}/file/${i}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
