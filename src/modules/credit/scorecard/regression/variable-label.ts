/**
 * How the regression's texts (warnings, drop reasons) name variables and numbers, in English and
 * Simplified Chinese, so that every message reads the same way.
 */

/** A variable as shown in a text: `"age" (#3)` with a name, `#3` without. */
export function variableLabel(
  index: number,
  names: readonly string[] | undefined,
): { en: string; zh: string } {
  const name = names?.[index];
  return name === undefined
    ? { en: `#${index}`, zh: `#${index}` }
    : { en: `"${name}" (#${index})`, zh: `“${name}”（#${index}）` };
}

/** A statistic as shown in a text: four significant digits are enough to act on. */
export function formatStatistic(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}
