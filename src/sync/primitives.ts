// Side-effect imports: every shareable primitive registers its reviver when its module loads.
import './lock.js';
import './rlock.js';
import './semaphore.js';
import './bounded-semaphore.js';
import './condition.js';
import './event.js';
import './barrier.js';
import './queue.js';
import './lifo-queue.js';
import './priority-queue.js';
import './simple-queue.js';
import './shared-value.js';
import './shared-array.js';
import './pipe.js';
import './shared-memory.js';
