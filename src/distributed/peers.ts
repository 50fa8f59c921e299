// bullmq and ioredis are optional peer dependencies: only an app that uses DistributedExecutor or
// `multicore worker` installs them. This finds them (where Node resolves them from this package, which
// includes the app's node_modules) and otherwise fails with the command that installs them.
import { createRequire } from 'node:module';

export const PEERS = ['bullmq', 'ioredis'] as const;
export const INSTALL_PEERS = 'npm install bullmq ioredis';

export class MissingPeerDependencyError extends Error {
  override name = 'MissingPeerDependencyError';
  readonly code = 'ERR_MULTICORE_MISSING_PEER';
  constructor(
    readonly packages: string[],
    what: string,
  ) {
    super(
      `${what} needs ${packages.join(' and ')}, which ${packages.length > 1 ? 'are' : 'is'} not installed: run \`${INSTALL_PEERS}\` ` +
        '(they are optional peer dependencies of @multicore-js/multicore)',
    );
  }
}

const require = createRequire(import.meta.url);

/** Throws MissingPeerDependencyError unless bullmq and ioredis can be imported. */
export function assertPeers(what: string): void {
  const missing = PEERS.filter((name) => {
    try {
      require.resolve(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) throw new MissingPeerDependencyError(missing, what);
}
