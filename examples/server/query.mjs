// /tile's query string, checked: the parameters, or a message saying what is wrong (a 400).
const LIMITS = { zoom: [0, 40], size: [1, 1024], maxIter: [1, 100_000_000] };

export function parseTileQuery(q) {
  const int = (name, fallback, lo, hi) => {
    const raw = q.get(name);
    if (raw === null || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`${name} must be an integer from ${lo} to ${hi}, got '${raw}'`);
    return n;
  };
  try {
    const zoom = int('zoom', 0, ...LIMITS.zoom);
    const last = 2 ** zoom - 1;
    return {
      zoom,
      x: int('x', 0, 0, last),
      y: int('y', 0, 0, last),
      size: int('size', 256, ...LIMITS.size),
      maxIter: int('maxIter', 500, ...LIMITS.maxIter),
    };
  } catch (err) {
    return err.message;
  }
}
