// The dispatch benchmark's tiny task for workerpool (registered by name).
// @ts-ignore -- workerpool is a devDependency of the bench; this file is only loaded when it is installed.
import workerpool from 'workerpool';

workerpool.worker({ inc: (x: number) => x + 1 });
