// The dispatch benchmark's tiny task for workerpool (registered by name).
// biome-ignore lint/suspicious/noTsIgnore: with workerpool installed there is no error to expect (@ts-expect-error fails), without it there is
// @ts-ignore -- workerpool is a devDependency of the bench; this file is only loaded when it is installed.
import workerpool from 'workerpool';

workerpool.worker({ inc: (x: number) => x + 1 });
