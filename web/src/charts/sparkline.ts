/**
 * The points of an SVG polyline drawing `values` in a `width` × `height` box, oldest on the left.
 * Missing values (null) are skipped; a flat series is drawn across the middle. Returns an empty
 * string when fewer than two values exist, since one point draws no line.
 */
export function sparklinePoints(values: readonly (number | null)[], width: number, height: number): string {
  const present = values.flatMap((value, index) =>
    value === null || !Number.isFinite(value) ? [] : [{ value, index }],
  );
  if (present.length < 2) return '';
  const min = Math.min(...present.map((p) => p.value));
  const max = Math.max(...present.map((p) => p.value));
  const span = max - min;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const pad = 1;
  return present
    .map(({ value, index }) => {
      const x = index * step;
      const y = span === 0 ? height / 2 : pad + (1 - (value - min) / span) * (height - 2 * pad);
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
