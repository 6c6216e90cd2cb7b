import { type UIEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocatedProblem } from './problem-lines.js';

/**
 * A monospace policy text editor: a plain textarea (no editor library in the bundle) with a gutter of
 * line numbers, where the lines the server found a problem on are marked. Lines do not wrap, so the
 * gutter stays aligned with the text.
 */
export function CodeEditor({
  id,
  value,
  onChange,
  problems,
  label,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  problems: ReadonlyMap<number, readonly LocatedProblem[]>;
  label: string;
  describedBy?: string;
}) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  // Line numbers are the gutter rows' identity.
  const numbers = Array.from({ length: lines }, (_, i) => i + 1);
  const sync = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  };
  return (
    <div className="code-editor">
      <div className="code-gutter" ref={gutter} aria-hidden="true">
        {numbers.map((n) => {
          const here = problems.get(n);
          return (
            <div
              key={n}
              className={here ? 'gutter-line gutter-error' : 'gutter-line'}
              title={here?.map((p) => p.message).join('\n')}
            >
              {here ? '● ' : ''}
              {n}
            </div>
          );
        })}
      </div>
      <textarea
        id={id}
        className="code-text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onScroll={sync}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        aria-label={label}
        aria-describedby={describedBy}
        rows={Math.min(40, Math.max(16, lines + 1))}
      />
    </div>
  );
}

/** The problems of the draft, each with the rule and line it belongs to. */
export function ProblemList({ id, problems }: { id?: string; problems: readonly LocatedProblem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="problem-list" id={id} aria-live="polite">
      {problems.map((p) => (
        <li
          key={`${p.path}:${p.message}`}
          className="problem"
          data-line={p.line ?? undefined}
          data-rule={p.ruleId ?? undefined}
        >
          <span className="problem-where">
            {p.ruleId !== null
              ? t('policies.editor.inRule', { rule: p.ruleId })
              : p.ruleIndex !== null
                ? t('policies.editor.inRuleNumber', { n: p.ruleIndex + 1 })
                : p.path}
            {p.line !== null && ` · ${t('policies.editor.atLine', { line: p.line })}`}
          </span>{' '}
          <span className="problem-path mono">{p.path}</span>{' '}
          <span className="problem-message">{p.message}</span>
        </li>
      ))}
    </ul>
  );
}
