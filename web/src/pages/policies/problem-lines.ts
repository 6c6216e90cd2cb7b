/**
 * Where a problem the server reports about a policy text sits in that text. The server names each
 * problem by its path in the document (`rules[2].when`, `features[0].window`, `lists[1]`) or, for a
 * text that does not parse, as `source` with "line N, column M" in the message. The editor shows each
 * problem next to its line and rule, so the path is walked through the text here: block-style YAML
 * (what people write) by indentation, JSON with a small position-keeping reader. No YAML library is
 * loaded into the console for this; a path that cannot be followed keeps the deepest line found.
 */

/** A problem as `POST /policies/validate` reports it. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** A problem with the line (1-based) and rule it belongs to, where they could be found. */
export interface LocatedProblem extends PolicyProblem {
  readonly line: number | null;
  /** The rule's index in `rules`, when the path points into a rule. */
  readonly ruleIndex: number | null;
  /** The rule's id as written, when it can be read. */
  readonly ruleId: string | null;
  /** The column within the rule expression, for CEL errors ("column 14: …"). */
  readonly column: number | null;
}

type Segment = string | number;

/** `policy.rules[2].when` → `['rules', 2, 'when']` (the `policy.` prefix of save errors dropped). */
export function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.replace(/^policy\./, '').split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const index of (m[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

function isJson(source: string): boolean {
  return source.trimStart().startsWith('{');
}

// ---------------------------------------------------------------------------------------------
// YAML (block style) by indentation.

interface YamlLine {
  readonly indent: number;
  /** Column where the content starts once leading `- ` markers are removed. */
  readonly keyCol: number;
  readonly dash: boolean;
  readonly text: string;
}

function yamlLines(source: string): (YamlLine | null)[] {
  return source.split('\n').map((raw) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---') return null;
    const indent = line.length - trimmed.length;
    const m = /^((?:-\s+)*)(.*)$/.exec(trimmed);
    const dashes = m?.[1] ?? '';
    const dash = dashes !== '' || trimmed === '-';
    return { indent, keyCol: indent + dashes.length, dash, text: m?.[2] ?? trimmed };
  });
}

const keyPattern = (key: string) =>
  new RegExp(`^(?:"${escapeRegExp(key)}"|'${escapeRegExp(key)}'|${escapeRegExp(key)})\\s*:(?:\\s|$)`);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A range of lines `[start, end)` holding a mapping or a sequence, its first line being `head`. */
interface Block {
  readonly start: number;
  readonly end: number;
}

function firstSignificant(lines: (YamlLine | null)[], b: Block): number {
  for (let i = b.start; i < b.end; i++) if (lines[i]) return i;
  return -1;
}

function yamlKey(lines: (YamlLine | null)[], b: Block, key: string): { line: number; value: Block } | null {
  const first = firstSignificant(lines, b);
  if (first < 0) return null;
  const col = (lines[first] as YamlLine).keyCol;
  const pattern = keyPattern(key);
  for (let i = first; i < b.end; i++) {
    const l = lines[i];
    if (!l) continue;
    const at = i === first ? l.keyCol : l.indent;
    if (at < col) break;
    if (at !== col || (i !== first && l.dash)) continue;
    if (!pattern.test(l.text)) continue;
    let end = i + 1;
    while (end < b.end) {
      const n = lines[end];
      if (n && (n.indent < col || (n.indent === col && !n.dash))) break;
      if (n && n.indent === col && n.dash && !sequenceFollows(lines, i, col)) break;
      end++;
    }
    return { line: i, value: { start: i + 1, end } };
  }
  return null;
}

/** YAML allows a sequence under a key at the key's own indentation (`rules:\n- id: …`). */
function sequenceFollows(lines: (YamlLine | null)[], keyLine: number, col: number): boolean {
  for (let i = keyLine + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l) return l.dash && l.indent === col;
  }
  return false;
}

function yamlIndex(
  lines: (YamlLine | null)[],
  b: Block,
  index: number,
): { line: number; value: Block } | null {
  const first = firstSignificant(lines, b);
  if (first < 0 || !(lines[first] as YamlLine).dash) return null;
  const col = (lines[first] as YamlLine).indent;
  const items: number[] = [];
  for (let i = first; i < b.end; i++) {
    const l = lines[i];
    if (l && l.indent === col && l.dash) items.push(i);
    else if (l && l.indent < col) break;
  }
  const line = items[index];
  if (line === undefined) return null;
  return { line, value: { start: line, end: items[index + 1] ?? b.end } };
}

function yamlLine(source: string, segments: readonly Segment[]): number | null {
  const lines = yamlLines(source);
  let block: Block = { start: 0, end: lines.length };
  let found: number | null = null;
  for (const s of segments) {
    const next = typeof s === 'number' ? yamlIndex(lines, block, s) : yamlKey(lines, block, s);
    if (!next) break;
    found = next.line;
    block = next.value;
    // A key whose value is on its own line (a flow mapping or a scalar): nothing deeper to walk.
    if (typeof s === 'string' && block.start === block.end) break;
  }
  return found === null ? null : found + 1;
}

// ---------------------------------------------------------------------------------------------
// JSON with positions.

/** The line (1-based) of each value of a JSON text by path (`rules[2].when`); empty if invalid. */
export function jsonValueLines(source: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < source.length && /\s/.test(source[i] as string)) {
      if (source[i] === '\n') line++;
      i++;
    }
  };
  const fail = (): never => {
    throw new Error('invalid JSON');
  };
  const str = (): string => {
    if (source[i] !== '"') fail();
    const start = i;
    i++;
    while (i < source.length && source[i] !== '"') i += source[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(source.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    out.set(path, line);
    const c = source[i];
    if (c === '{') {
      i++;
      ws();
      if (source[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (source[i] !== ':') fail();
        i++;
        value(path ? `${path}.${key}` : key);
        ws();
        if (source[i] === ',') i++;
        else if (source[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (source[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (source[i] === ',') i++;
        else if (source[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(source.slice(i, i + 40));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  try {
    value('');
  } catch {
    return new Map();
  }
  return out;
}

function joinSegments(segments: readonly Segment[]): string {
  return segments.reduce<string>(
    (path, s) => (typeof s === 'number' ? `${path}[${s}]` : path ? `${path}.${s}` : s),
    '',
  );
}

function jsonLine(lines: Map<string, number>, segments: readonly Segment[]): number | null {
  for (let n = segments.length; n > 0; n--) {
    const line = lines.get(joinSegments(segments.slice(0, n)));
    if (line !== undefined) return line;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

/** The line (1-based) a document path points at in `source`, or null. */
export function lineOfPath(source: string, path: string): number | null {
  const segments = parsePath(path);
  if (segments.length === 0) return null;
  return isJson(source) ? jsonLine(jsonValueLines(source), segments) : yamlLine(source, segments);
}

/** The id written for `rules[index]`, or null. */
export function ruleIdAt(source: string, index: number): string | null {
  if (isJson(source)) {
    try {
      const doc = JSON.parse(source) as { rules?: { id?: unknown }[] };
      const id = doc.rules?.[index]?.id;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  }
  const line = lineOfPath(source, `rules[${index}].id`);
  if (line === null) return null;
  const text = source.split('\n')[line - 1] ?? '';
  const m = /(?:^|[\s{,-])id\s*:\s*["']?([^"',}\s]+)/.exec(text);
  return m?.[1] ?? null;
}

/** Each problem with its line, rule and (for CEL errors) column. */
export function locateProblems(source: string, problems: readonly PolicyProblem[]): LocatedProblem[] {
  return problems.map((p) => {
    const segments = parsePath(p.path);
    const ruleIndex = segments[0] === 'rules' && typeof segments[1] === 'number' ? segments[1] : null;
    const at = /^line (\d+), column (\d+)/.exec(p.message);
    const cel = /^column (\d+):/.exec(p.message);
    const line =
      p.path === 'source' || p.path === 'policy.source'
        ? at
          ? Number(at[1])
          : null
        : lineOfPath(source, p.path);
    return {
      ...p,
      line,
      ruleIndex,
      ruleId: ruleIndex === null ? null : ruleIdAt(source, ruleIndex),
      column: cel ? Number(cel[1]) : at ? Number(at[2]) : null,
    };
  });
}

/** The problems by line, for the editor's gutter. */
export function problemsByLine(located: readonly LocatedProblem[]): Map<number, LocatedProblem[]> {
  const out = new Map<number, LocatedProblem[]>();
  for (const p of located) {
    if (p.line === null) continue;
    out.set(p.line, [...(out.get(p.line) ?? []), p]);
  }
  return out;
}
