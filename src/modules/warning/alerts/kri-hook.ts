/**
 * From KRI evaluations to alerts. One alert key per KRI (`kri:<id>`), deduplicated per subject:
 * - the band worsens into amber (severity medium) or red (high), or a detector signals (medium; the
 *   more severe of the two when both): raise;
 * - the band stays amber or red, or improves from red to amber, without a signal: count into the
 *   alert if one is active (`last_seen_at`, occurrences, latest value), never open a new one;
 * - back to green without a signal: nothing by default. The alert stays open until a person resolves
 *   it with a note, because a value returning under a line does not say the cause was dealt with;
 *   with `autoResolveOnGreen` the active alert is resolved by the system with a fixed note.
 * Hysteresis is the KRI module's job (the band it hands over is already hysteresis-filtered).
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Band, KriEvaluation } from '../kri-evaluation.js';
import { maxSeverity, type Severity } from '../notify/index.js';
import type { RaiseInput } from './raise.js';

/** What an evaluation asks of the alerts. */
export type KriAlertPlan =
  | { readonly action: 'raise'; readonly input: RaiseInput }
  | { readonly action: 'touch'; readonly input: RaiseInput }
  | { readonly action: 'resolve'; readonly key: string; readonly subject: string }
  | { readonly action: 'none' };

const RANK: Readonly<Record<Band, number>> = { green: 0, amber: 1, red: 2 };
const BAND_SEVERITY: Readonly<Record<Band, Severity | null>> = { green: null, amber: 'medium', red: 'high' };
const BAND_NAME: Readonly<Record<Band, Text>> = {
  green: { en: 'green', zh: '绿色' },
  amber: { en: 'amber', zh: '黄色' },
  red: { en: 'red', zh: '红色' },
};

/** JSON has no NaN or infinity: such a statistic is stored as null. */
function finite(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}

/** The alert key of a KRI. */
export function kriAlertKey(kriId: string): string {
  return `kri:${kriId}`;
}

function valueText(e: KriEvaluation): Text {
  if (e.value === null || !Number.isFinite(e.value)) return { en: 'no data', zh: '无数据' };
  const number = String(Number(e.value.toPrecision(6)));
  const unit = e.unit === '' ? '' : e.unit === '%' ? '%' : ` ${e.unit}`;
  return { en: `${number}${unit}`, zh: `${number}${unit}` };
}

function titleOf(e: KriEvaluation, worsened: boolean, signalled: KriEvaluation['detectors']): Text {
  const v = valueText(e);
  const band = BAND_NAME[e.band];
  if (e.band !== 'green' && (worsened || signalled.length === 0)) {
    return worsened
      ? {
          en: `KRI ${e.name.en} entered ${band.en} at ${v.en}`,
          zh: `关键风险指标“${e.name.zh}”进入${band.zh}区间（${v.zh}）`,
        }
      : {
          en: `KRI ${e.name.en} is ${band.en} at ${v.en}`,
          zh: `关键风险指标“${e.name.zh}”处于${band.zh}区间（${v.zh}）`,
        };
  }
  const methods = [...new Set(signalled.map((d) => d.method))].join(', ');
  const up = signalled.some((d) => d.direction === 'up');
  const down = signalled.some((d) => d.direction === 'down');
  const shift: Text =
    up && !down
      ? { en: 'an upward shift', zh: '上升异动' }
      : down && !up
        ? { en: 'a downward shift', zh: '下降异动' }
        : { en: 'a shift', zh: '异动' };
  return {
    en: `KRI ${e.name.en}: ${methods} detected ${shift.en} at ${v.en}`,
    zh: `关键风险指标“${e.name.zh}”：${methods} 检测到${shift.zh}（${v.zh}）`,
  };
}

/** What `e` asks of the alerts (pure; `autoResolveOnGreen` from the settings). */
export function planForEvaluation(e: KriEvaluation, autoResolveOnGreen = false): KriAlertPlan {
  const key = kriAlertKey(e.kri_id);
  const worsened = RANK[e.band] > RANK[e.previous_band ?? 'green'];
  const signalled = e.detectors.filter((d) => d.signal);
  const bandSeverity = BAND_SEVERITY[e.band];
  if (bandSeverity === null && signalled.length === 0) {
    return autoResolveOnGreen ? { action: 'resolve', key, subject: e.subject } : { action: 'none' };
  }
  let severity: Severity = signalled.length > 0 ? 'medium' : 'low';
  if (bandSeverity !== null) severity = maxSeverity(severity, bandSeverity);
  const input: RaiseInput = {
    source: 'kri',
    key,
    subject: e.subject,
    severity,
    title: titleOf(e, worsened, signalled),
    owner: e.owner,
    details: {
      kri_id: e.kri_id,
      name: e.name,
      risk_type: e.risk_type,
      value: finite(e.value),
      unit: e.unit,
      band: e.band,
      previous_band: e.previous_band,
      period_start: e.period_start,
      period_end: e.period_end,
      evaluated_at: e.evaluated_at,
      detectors: signalled.map((d) => ({
        method: d.method,
        statistic: finite(d.statistic),
        direction: d.direction ?? null,
      })),
    },
  };
  return (worsened && bandSeverity !== null) || signalled.length > 0
    ? { action: 'raise', input }
    : { action: 'touch', input };
}
