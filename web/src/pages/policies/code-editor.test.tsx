import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages.js';
import { CodeEditor, ProblemList } from './code-editor.js';
import { locateProblems, problemsByLine } from './problem-lines.js';

const DRAFT = `id: withdrawal-default
event_type: withdrawal
description: { en: "Withdrawals", zh: "提现" }
rules:
  - id: W001_ok
    description: { en: "Fine", zh: "正常" }
    when: "data.amount > 1.0"
    action: review
  - id: W900_large
    description: { en: "Large", zh: "大额" }
    when: "data.amount > (100000.0"
    action: reject
outcome: { mode: first_match, default: approve }
`;

async function render(node: React.ReactNode, lng: 'en' | 'zh' = 'en'): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: MESSAGES.en }, zh: { translation: MESSAGES.zh } },
    lng,
    interpolation: { escapeValue: false },
  });
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

describe('the CEL editor’s error display', () => {
  const problems = locateProblems(DRAFT, [{ path: 'rules[1].when', message: 'column 26: expected )' }]);

  it('shows a CEL syntax error next to its rule and line', async () => {
    const html = await render(<ProblemList problems={problems} />);
    expect(html).toContain('data-line="11"');
    expect(html).toContain('data-rule="W900_large"');
    expect(html).toContain('Rule W900_large · line 11');
    expect(html).toContain('column 26: expected )');
    const zh = await render(<ProblemList problems={problems} />, 'zh');
    expect(zh).toContain('规则 W900_large · 第 11 行');
  });

  it('marks the line in the gutter, and only that line', async () => {
    const html = await render(
      <CodeEditor
        id="e"
        value={DRAFT}
        onChange={() => {}}
        problems={problemsByLine(problems)}
        label="Policy"
      />,
    );
    const marked = [...html.matchAll(/class="gutter-line gutter-error"[^>]*>● (\d+)</g)].map((m) => m[1]);
    expect(marked).toEqual(['11']);
  });

  it('shows no problem for a valid draft', async () => {
    const none = locateProblems(DRAFT, []);
    expect(await render(<ProblemList problems={none} />)).not.toContain('<li');
    const html = await render(
      <CodeEditor id="e" value={DRAFT} onChange={() => {}} problems={problemsByLine(none)} label="Policy" />,
    );
    expect(html).not.toContain('gutter-error');
  });
});
