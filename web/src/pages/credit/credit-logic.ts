/**
 * The credit pages' decisions that are not drawing: money units, the approver's authority, the rows
 * of a variable's bins table and the monitoring period. Kept apart from React so they are tested.
 */
import type { AuthorityEntry, CardBin, CardVariable, MonitoringWindow, Stability } from './types.js';

/** A yuan string of the loan API ("12345.67") as fen, exactly (no binary fractions on the way). */
export function yuanToFen(yuan: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!match) return Number.NaN;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -fen : fen;
}

/** Fen (the portfolio report and reserve ledger's unit) as yuan, for `formatMoney`. */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/**
 * The limit in fen that `userId` holding `roles` may approve alone for `product`, the server's rule
 * (`loans/authority.ts`): the person's own entry (for the product, else `*`) replaces their roles';
 * otherwise the largest of their roles' entries; no entry is no authority (0).
 */
export function authorityLimit(
  entries: readonly AuthorityEntry[],
  userId: string,
  roles: readonly string[],
  product: string,
): number {
  const pick = (type: 'user' | 'role', id: string) =>
    entries.find((e) => e.subject_type === type && e.subject_id === id && e.product === product) ??
    entries.find((e) => e.subject_type === type && e.subject_id === id && e.product === '*');
  const own = pick('user', userId);
  if (own) return yuanToFen(own.max_amount);
  let best = 0;
  for (const role of roles) {
    const entry = pick('role', role);
    if (entry) best = Math.max(best, yuanToFen(entry.max_amount));
  }
  return best;
}

/** The products the entries of a person name besides `*`, so the page can show each product's limit. */
export function authorityProducts(
  entries: readonly AuthorityEntry[],
  userId: string,
  roles: readonly string[],
): string[] {
  const mine = entries.filter(
    (e) =>
      (e.subject_type === 'user' && e.subject_id === userId) ||
      (e.subject_type === 'role' && roles.includes(e.subject_id)),
  );
  return [...new Set(mine.map((e) => e.product).filter((p) => p !== '*'))].sort();
}

/** What kind of row of the bins table. */
export type BinKind = 'bin' | 'missing' | 'special' | 'else';

/** One row of a variable's bins table. */
export interface BinRow {
  readonly kind: BinKind;
  /** The bin as text: an interval, the categories, or the special value; empty for missing / else. */
  readonly label: string;
  readonly count: number | null;
  /** count / all training rows of the variable; null without counts. */
  readonly share: number | null;
  readonly badRate: number | null;
  readonly woe: number | null;
  readonly points: number;
}

/** An interval `[lower, upper)` as text, with −∞ / +∞ for open ends. */
export function intervalLabel(lower: number | null | undefined, upper: number | null | undefined): string {
  const lo = lower === null || lower === undefined ? '−∞' : String(lower);
  const hi = upper === null || upper === undefined ? '+∞' : String(upper);
  return `[${lo}, ${hi})`;
}

function row(kind: BinKind, label: string, bin: CardBin, total: number | null): BinRow {
  const count = bin.count ?? null;
  return {
    kind,
    label,
    count,
    share: count === null || !total ? null : count / total,
    badRate: bin.bad_rate ?? null,
    woe: bin.woe ?? null,
    points: bin.points,
  };
}

/**
 * The rows of a variable's bins table: its bins in order, then the missing bin, the special values
 * and (categorical) the points of an unseen category. Shares are of all the variable's training rows.
 */
export function binRows(variable: CardVariable): BinRow[] {
  const all = [...variable.bins, variable.missing, ...variable.special];
  const total = all.every((b) => b.count !== undefined)
    ? all.reduce((sum, b) => sum + (b.count as number), 0)
    : null;
  const rows = variable.bins.map((bin) =>
    row(
      'bin',
      variable.type === 'numeric' ? intervalLabel(bin.lower, bin.upper) : (bin.categories ?? []).join(', '),
      bin,
      total,
    ),
  );
  rows.push(row('missing', '', variable.missing, total));
  for (const s of variable.special) {
    const value = s.value ?? (s.values ?? []).join(', ');
    rows.push(row('special', String(value), s, total));
  }
  if (variable.type === 'categorical' && variable.else_points !== undefined) {
    rows.push({
      kind: 'else',
      label: '',
      count: null,
      share: null,
      badRate: null,
      woe: null,
      points: variable.else_points,
    });
  }
  return rows;
}

/** The lowest and highest points a variable can give. */
export function pointsRange(variable: CardVariable): [number, number] {
  const points = binRows(variable).map((r) => r.points);
  return [Math.min(...points), Math.max(...points)];
}

/** The periods the monitoring panel offers, in weeks. */
export const MONITORING_WEEKS = [13, 26, 52] as const;

/** The monitoring query for the last `weeks` weeks up to `now` (ms), cut into weeks. */
export function monitoringRange(weeks: number, now: number): { from: string; to: string; interval: 'week' } {
  return {
    from: new Date(now - weeks * 7 * 86_400_000).toISOString(),
    to: new Date(now).toISOString(),
    interval: 'week',
  };
}

/** Per variable, the latest window's CSI that has one, and the largest CSI of the period. */
export function csiSummary(
  windows: readonly MonitoringWindow[],
): { variable: string; latest: Stability | null; max: number | null }[] {
  const variables = windows[0]?.csi.map((c) => c.variable) ?? [];
  return variables.map((variable, i) => {
    let latest: Stability | null = null;
    let max: number | null = null;
    for (const w of windows) {
      const s = w.csi[i]?.stability ?? null;
      if (!s) continue;
      latest = s;
      max = max === null ? s.index : Math.max(max, s.index);
    }
    return { variable, latest, max };
  });
}

/** The verdict of a stability index by the usual 0.1 / 0.25 cut-offs (as the server gives them). */
export function stabilityVerdict(index: number): 'stable' | 'watch' | 'shift' {
  return index < 0.1 ? 'stable' : index < 0.25 ? 'watch' : 'shift';
}

/** Information value strength by the usual cut-offs (Siddiqi): < 0.02, < 0.1, < 0.3, else strong. */
export function ivStrength(iv: number): 'unpredictive' | 'weak' | 'medium' | 'strong' {
  return iv < 0.02 ? 'unpredictive' : iv < 0.1 ? 'weak' : iv < 0.3 ? 'medium' : 'strong';
}

/** The first characters of a `sha256:<hex>` checksum, enough to tell versions apart on screen. */
export function shortChecksum(checksum: string): string {
  const hex = checksum.replace(/^sha256:/, '');
  return hex.slice(0, 12);
}

/** One month of the posted reserve ledger, in fen. */
export interface ReserveMonth {
  readonly month: string;
  readonly provision: number;
  readonly drawn: number;
  readonly recovered: number;
  /** The balance after the month's last entry. */
  readonly balance: number;
}

/**
 * The posted reserve ledger by month: provisions, drawdowns (write-offs charged to the reserve) and
 * recoveries added up, with the balance after the month's last entry. `close` entries only mark the
 * month as closed and move nothing.
 */
export function reserveMonths(
  entries: readonly { month: string; kind: string; amount: number; balance_after: number }[],
): ReserveMonth[] {
  const out = new Map<
    string,
    { month: string; provision: number; drawn: number; recovered: number; balance: number }
  >();
  for (const e of entries) {
    const m = out.get(e.month) ?? { month: e.month, provision: 0, drawn: 0, recovered: 0, balance: 0 };
    if (e.kind === 'provision') m.provision += e.amount;
    else if (e.kind === 'drawdown') m.drawn += e.amount;
    else if (e.kind === 'recovery') m.recovered += e.amount;
    m.balance = e.balance_after;
    out.set(e.month, m);
  }
  return [...out.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** A cohort's bad rate at `mob` months on book, or null when it is not that old yet. */
export function rateAt(curve: readonly { mob: number; rate: number | null }[], mob: number): number | null {
  return curve.find((p) => p.mob === mob)?.rate ?? null;
}
