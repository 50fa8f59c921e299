// The long timer lives with the executors (map's deadline uses it too); re-exported for the distributed code.
export { MAX_TIMER_MS, setLongTimeout, type LongTimer } from '../executor/long-timer.js';
