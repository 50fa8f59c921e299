// Horizontal bar charts as inline SVG: the HTML report needs no script and no network.
export interface Bar {
  label: string;
  value: number;
  /** Text after the bar (defaults to the value). */
  text?: string;
  color: string;
}

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ROW = 22;
const LABEL_W = 190;
const BAR_W = 300;
const TEXT_W = 80;

/**
 * `marker`: a value to draw a dashed reference line at (1× for speed-ups). `max`: the value a full
 * bar stands for, so that several charts share one scale (default: the largest bar).
 */
export function barChart(title: string, bars: Bar[], o: { marker?: number; markerLabel?: string; max?: number } = {}): string {
  const max = Math.max(o.marker ?? 0, o.max ?? 0, ...bars.map((b) => b.value), 1e-9);
  const height = 26 + bars.length * ROW + 8;
  const width = LABEL_W + BAR_W + TEXT_W;
  const scale = (v: number) => (v / max) * BAR_W;
  const rows = bars.map((b, i) => {
    const y = 26 + i * ROW;
    const w = Math.max(b.value > 0 ? 1 : 0, scale(b.value));
    return (
      `<text x="${LABEL_W - 6}" y="${y + 15}" text-anchor="end" class="lbl">${esc(b.label)}</text>` +
      `<rect class="bar" x="${LABEL_W}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${b.color}" data-value="${b.value}"><title>${esc(b.label)}: ${esc(b.text ?? String(b.value))}</title></rect>` +
      `<text x="${(LABEL_W + w + 4).toFixed(1)}" y="${y + 15}" class="val">${esc(b.text ?? b.value.toPrecision(3))}</text>`
    );
  });
  let marker = '';
  if (o.marker !== undefined) {
    const x = (LABEL_W + scale(o.marker)).toFixed(1);
    marker =
      `<line x1="${x}" x2="${x}" y1="22" y2="${height - 4}" class="marker"/>` +
      (o.markerLabel ? `<text x="${x}" y="18" text-anchor="middle" class="mlbl">${esc(o.markerLabel)}</text>` : '');
  }
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<text x="0" y="14" class="title">${esc(title)}</text>${rows.join('')}${marker}</svg>`
  );
}
