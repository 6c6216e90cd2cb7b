/**
 * The two languages Fengkong speaks. Server responses follow the request's `Accept-Language`; the
 * CLI follows `FENGKONG_LANG`, else the locale (`LC_ALL`, `LANG`), as read by the configuration.
 */
export type Lang = 'en' | 'zh';

/** A text in both languages. */
export interface Text {
  readonly en: string;
  readonly zh: string;
}

/**
 * Picks the language from an `Accept-Language` header (RFC 9110 §12.5.4) or a locale name: the
 * supported language with the highest weight, English when none is named. `q=0` means "not
 * acceptable" (§12.4.2), so it never selects a language; the `q` name is case-insensitive and an
 * unreadable weight is ignored together with its tag.
 */
export function pickLang(header: string | undefined | null): Lang {
  if (!header) return 'en';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const weight = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    const t = tag.trim().toLowerCase();
    const lang: Lang | undefined = t.startsWith('zh') ? 'zh' : t.startsWith('en') ? 'en' : undefined;
    if (lang && Number.isFinite(q) && q > 0 && q <= 1 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'en';
}

/** Fills `{name}` placeholders of a text in one language. */
export function format(text: Text, lang: Lang, values: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
