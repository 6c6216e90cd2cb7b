/**
 * Confusion counts and the measures derived from them, for rules and policies scored against labels:
 * precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R) (van Rijsbergen,
 * *Information Retrieval*, 1979, ch. 7). A measure whose denominator is zero is null, not 0 or NaN:
 * "never fired" and "always wrong" must not look alike.
 */

/** Counts of one binary prediction against labels (unlabelled events are not counted). */
export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** A fresh zero count. */
export function confusion(): Confusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/** Adds one labelled event. */
export function count(c: Confusion, predicted: boolean, actual: boolean): void {
  if (predicted) {
    if (actual) c.tp++;
    else c.fp++;
  } else if (actual) c.fn++;
  else c.tn++;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** Precision, recall and F1 of a count, rounded to 6 decimals for stable reports. */
export function measures(c: Confusion): {
  precision: number | null;
  recall: number | null;
  f1: number | null;
} {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 =
    precision === null || recall === null || precision + recall === 0
      ? null
      : (2 * precision * recall) / (precision + recall);
  const r6 = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
  return { precision: r6(precision), recall: r6(recall), f1: r6(f1) };
}
