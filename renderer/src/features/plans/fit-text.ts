// A bar's title cut to the bar's width with an ellipsis, measured with the bar's own font on a
// canvas, so the bar needs no clip of its own: two thousand bars each with a clip (and a
// transform) were two thousand paint property nodes that the compositor walked on every frame
// of a scroll. Measured once per title, font and width.

let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

function measure(text: string, font: string): number {
  context ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 16;
  const key = `${font}\u0000${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  context.font = font;
  const width = context.measureText(text).width;
  if (widths.size > 20_000) widths.clear();
  widths.set(key, width);
  return width;
}

/** `text` as it fits in `room` pixels of `font`: whole, cut with "…", or empty when not even that fits. */
export function fitText(text: string, room: number, font: string): string {
  if (room <= 0 || text === '') return '';
  if (measure(text, font) <= room) return text;
  const chars = Array.from(text);
  // The longest prefix that fits with the ellipsis after it.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${chars.slice(0, mid).join('')}…`, font) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${chars.slice(0, lo).join('').trimEnd()}…`;
}
