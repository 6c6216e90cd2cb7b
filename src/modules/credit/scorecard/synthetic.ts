/**
 * A seeded generator of application samples that behave like a consumer-loan book: 20 candidate
 * variables (numeric with non-linear and monotonic effects, missing values, a `-999` "no record"
 * special value, categorical levels of different risk, and pure noise) and a bad flag drawn from a
 * logistic model of them, with a bad rate near 10%. The demo workspace, the benchmarks and the tests
 * train on it; nothing in it is anyone's real data.
 */

/** mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger's public-domain design), uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The columns of a synthetic sample, in file order (`id` first, `bad` last). */
export const SYNTHETIC_COLUMNS = [
  'id',
  'age',
  'monthly_income',
  'debt_ratio',
  'credit_history_months',
  'inquiries_6m',
  'open_loans',
  'delinquencies_2y',
  'utilization',
  'employment_years',
  'loan_amount',
  'term_months',
  'province',
  'education',
  'housing',
  'device_os',
  'channel',
  'noise_1',
  'noise_2',
  'noise_3',
  'noise_4',
  'bad',
] as const;

const PROVINCES = ['GD', 'ZJ', 'JS', 'SH', 'BJ', 'SC', 'HN', 'HB', 'FJ', 'SD'];
const PROVINCE_RISK = [0.1, -0.2, -0.25, -0.4, -0.35, 0.2, 0.35, 0.15, 0, 0.05];
const EDUCATION = ['primary', 'secondary', 'college', 'bachelor', 'master'];
const EDUCATION_RISK = [0.5, 0.25, 0, -0.25, -0.4];
const HOUSING = ['own', 'mortgage', 'rent', 'family'];
const HOUSING_RISK = [-0.3, -0.2, 0.25, 0.1];

function normal(random: () => number): number {
  // Box–Muller transform.
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function poisson(random: () => number, mean: number): number {
  // Knuth's multiplication method; fine for the small means used here.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function pick<T>(random: () => number, items: readonly T[]): [T, number] {
  const i = Math.min(items.length - 1, Math.floor(random() * items.length));
  return [items[i] as T, i];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** One row per applicant, as the cells of {@link SYNTHETIC_COLUMNS}. */
export function syntheticRows(rows: number, seed = 42): (string | number)[][] {
  const random = seededRandom(seed);
  const out: (string | number)[][] = [];
  for (let r = 0; r < rows; r++) {
    const age = Math.round(18 + random() * 47);
    const income = Math.exp(8.6 + 0.55 * normal(random));
    const incomeMissing = random() < 0.05;
    const debtRatio = Math.max(0, 0.35 + 0.25 * normal(random));
    const debtSpecial = random() < 0.03;
    const history = Math.max(0, Math.round(60 + 50 * normal(random) + age * 1.5 - 27));
    const inquiries = poisson(random, 1.2);
    const openLoans = poisson(random, 2);
    const delinquencies = poisson(random, 0.3);
    const utilization = Math.min(1.5, Math.max(0, 0.4 + 0.3 * normal(random)));
    const employment = Math.max(0, round((age - 18) * random() * 0.6, 1));
    const amount = Math.round(2000 + random() * 48000);
    const [term] = pick(random, [3, 6, 12, 24, 36]);
    const [province, pi] = pick(random, PROVINCES);
    const [education, ei] = pick(random, EDUCATION);
    const [housing, hi] = pick(random, HOUSING);
    const [os] = pick(random, ['android', 'ios', 'other']);
    const [channel] = pick(random, ['app', 'web', 'partner']);
    const logit =
      -3.4 +
      0.0012 * (age - 38) ** 2 -
      0.03 * (age - 38) -
      (incomeMissing ? -0.4 : 0.9 * (Math.log(income) - 8.6)) +
      (debtSpecial ? 0.5 : 1.6 * Math.min(debtRatio, 1.2)) -
      0.006 * Math.min(history, 200) +
      0.28 * inquiries +
      0.1 * openLoans +
      0.55 * delinquencies +
      0.9 * utilization -
      0.04 * Math.min(employment, 15) +
      (PROVINCE_RISK[pi] as number) +
      (EDUCATION_RISK[ei] as number) +
      (HOUSING_RISK[hi] as number) +
      0.4 * normal(random);
    const bad = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    out.push([
      `A${String(r + 1).padStart(7, '0')}`,
      age,
      incomeMissing ? '' : round(income, 2),
      debtSpecial ? -999 : round(debtRatio, 4),
      history,
      inquiries,
      openLoans,
      delinquencies,
      round(utilization, 4),
      employment,
      amount,
      term,
      province,
      education,
      housing,
      os,
      channel,
      round(random(), 6),
      round(normal(random), 6),
      Math.floor(random() * 100),
      pick(random, ['x', 'y', 'z'])[0],
      bad,
    ]);
  }
  return out;
}

/** A synthetic sample as CSV text with a header. */
export function syntheticCsv(rows: number, seed = 42): string {
  const lines = [SYNTHETIC_COLUMNS.join(',')];
  for (const row of syntheticRows(rows, seed)) lines.push(row.join(','));
  return `${lines.join('\n')}\n`;
}
