/**
 * The value of a KRI for one period, from its source: a built-in metric computed over the period, the
 * value pushed for the period, or a formula over the same period's values of other KRIs (each taken
 * from its own source, so a formula does not wait for its inputs to be evaluated first). Null when
 * there is nothing to measure.
 */
import type { Executor } from '../../../store/transaction.js';
import type { KriDefinition } from './definition.js';
import { toDefinition } from './definition.js';
import { evaluateFormula, parseFormula } from './formula.js';
import type { MetricRegistry } from './metrics.js';
import type { KriPeriod } from './periods.js';
import * as repo from './repo.js';

/** Formulas nest at most this deep; acyclicity is checked at save, this only bounds the work. */
const MAX_FORMULA_DEPTH = 16;

/** The value of `kri` for `period`; memoised per id within one call tree. */
export async function sourceValue(
  db: Executor,
  metrics: MetricRegistry,
  kri: KriDefinition,
  period: KriPeriod,
  memo: Map<string, number | null> = new Map(),
  depth = 0,
): Promise<number | null> {
  const known = memo.get(kri.id);
  if (known !== undefined || memo.has(kri.id)) return known ?? null;
  let value: number | null = null;
  switch (kri.source.kind) {
    case 'pushed':
      value = (await repo.findValue(db, kri.id, period.start))?.value ?? null;
      break;
    case 'builtin': {
      const metric = metrics.get(kri.source.metric);
      // A metric no longer registered (its module left the installation) has no value.
      value = metric ? await metric.compute(db, period, kri.source.params) : null;
      break;
    }
    case 'formula': {
      const parsed = parseFormula(kri.source.expression);
      if (!parsed.ok || depth >= MAX_FORMULA_DEPTH) break;
      const inputs = new Map<string, number | null>();
      for (const ref of parsed.refs) {
        const row = await repo.findKri(db, ref);
        inputs.set(
          ref,
          row ? await sourceValue(db, metrics, toDefinition(row), period, memo, depth + 1) : null,
        );
      }
      value = evaluateFormula(parsed.tree, (id) => inputs.get(id) ?? null);
      break;
    }
  }
  const finite = value !== null && Number.isFinite(value) ? value : null;
  memo.set(kri.id, finite);
  return finite;
}
