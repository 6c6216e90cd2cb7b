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

/** Picks the language from an `Accept-Language` header or a locale name; English unless Chinese comes first. */
export function pickLang(header: string | undefined | null): Lang {
  if (!header) return 'en';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? '1',
    );
    const t = tag.trim().toLowerCase();
    const lang: Lang | undefined = t.startsWith('zh') ? 'zh' : t.startsWith('en') ? 'en' : undefined;
    if (lang && Number.isFinite(q) && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'en';
}

/** Fills `{name}` placeholders of a text in one language. */
export function format(text: Text, lang: Lang, values: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
