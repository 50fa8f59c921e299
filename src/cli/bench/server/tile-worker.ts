// The piscina row's worker: the same plain-JS tile as the inline and ThreadPoolExecutor rows.
import { tileChecksumJs } from './tiles.js';

export default tileChecksumJs;
