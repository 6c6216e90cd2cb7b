/**
 * Reading the register and KRI forms: bilingual texts as the API takes them (one language fills the
 * other on the server), gradings and numbers. Pure, so the rules are tested without a browser.
 */

/** `{ en, zh }` from the fields `<name>_en` and `<name>_zh`, leaving out blank ones. */
export function textIn(form: FormData, name: string): { en?: string; zh?: string } {
  const out: { en?: string; zh?: string } = {};
  const en = String(form.get(`${name}_en`) ?? '').trim();
  const zh = String(form.get(`${name}_zh`) ?? '').trim();
  if (en) out.en = en;
  if (zh) out.zh = zh;
  return out;
}

/** Likelihood and impact from `<name>_likelihood` and `<name>_impact` (1–5 selects). */
export function gradingIn(form: FormData, name: string): { likelihood: number; impact: number } {
  return {
    likelihood: Number(form.get(`${name}_likelihood`)),
    impact: Number(form.get(`${name}_impact`)),
  };
}

/** A number typed by a person, or undefined when blank or not a finite number. */
export function numberIn(form: FormData, name: string): number | undefined {
  const text = String(form.get(name) ?? '').trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** The grade and level a likelihood and impact give (the server's rule: 1–4, 5–9, 10–16, 20–25). */
export function levelOf(likelihood: number, impact: number): 'low' | 'medium' | 'high' | 'critical' {
  const grade = likelihood * impact;
  return grade <= 4 ? 'low' : grade <= 9 ? 'medium' : grade <= 16 ? 'high' : 'critical';
}
