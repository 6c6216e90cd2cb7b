/**
 * Reading and writing `fengkong.scorecard/v1` files. Writing fills the checksum; reading parses, checks
 * every rule of the format and verifies the checksum, so a card that was edited by hand, truncated or
 * corrupted in transit is refused with every problem named rather than scoring something else.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, NotCanonicalisable } from '../../../kernel/canonical-json.js';
import type { ErrorField } from '../../../kernel/errors.js';
import { ScorecardInvalid } from './errors.js';
import { fieldPath } from './input-path.js';
import { checkScorecard } from './scorecard-check.js';
import type { ScorecardDocument, ScorecardDraft } from './scorecard-format.js';

/** The result of loading a scorecard: the verified, frozen document, or every problem found. */
export type ScorecardLoadResult =
  | { readonly ok: true; readonly card: ScorecardDocument }
  | { readonly ok: false; readonly problems: readonly ErrorField[] };

/**
 * The checksum of a card: "sha256:" + hex SHA-256 of the RFC 8785 canonical JSON of the document
 * without its `checksum` member. Canonical JSON makes it independent of key order and white space.
 */
export function scorecardChecksum(doc: Readonly<Record<string, unknown>>): string {
  const { checksum: _ignored, ...content } = doc;
  return `sha256:${createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex')}`;
}

const CHECKSUM = /^sha256:[0-9a-f]{64}$/;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * Verifies an already parsed scorecard (for example one embedded in a policy), with problem paths
 * below `base`. The returned card is a frozen copy: nothing can change it after verification.
 */
export function loadScorecard(doc: unknown, base = ''): ScorecardLoadResult {
  const problems = checkScorecard(doc, base, true);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, problems };
  let copy: Record<string, unknown>;
  try {
    // A copy through canonical JSON: plain data only, detached from the caller's object.
    copy = JSON.parse(canonicalJson(doc)) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof NotCanonicalisable)) throw error;
    return {
      ok: false,
      problems: [...problems, { path: base, message: `is not plain JSON: ${error.message}` }],
    };
  }
  const expected = scorecardChecksum(copy);
  const given = copy['checksum'];
  // A checksum of the wrong form is already reported by the schema; comparing it would say it twice.
  if (typeof given === 'string' && CHECKSUM.test(given) && given !== expected) {
    problems.push({
      path: fieldPath(base, 'checksum'),
      message: `does not match the content (${expected}): the card was changed after it was written`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, card: deepFreeze(copy as unknown as ScorecardDocument) };
}

/** Parses a scorecard file's text and verifies it (see {@link loadScorecard}); problem paths below `base`. */
export function readScorecard(text: string, base = ''): ScorecardLoadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: base, message: `is not JSON: ${(error as Error).message}` }] };
  }
  return loadScorecard(doc, base);
}

/**
 * Fills the checksum of a trained card after checking it, and returns the sealed document. Throws
 * {@link ScorecardInvalid} with every problem when the draft breaks a rule of the format: training
 * must never produce a card that the engine would refuse.
 */
export function sealScorecard(draft: ScorecardDraft): ScorecardDocument {
  const problems = checkScorecard(draft, '', false);
  if (problems.length > 0) {
    throw ScorecardInvalid(`the scorecard draft has ${problems.length} problem(s)`, problems);
  }
  const { checksum: _old, ...content } = draft;
  const copy = JSON.parse(canonicalJson(content)) as Record<string, unknown>;
  return { ...(copy as Omit<ScorecardDocument, 'checksum'>), checksum: scorecardChecksum(copy) };
}

/** The file text of a sealed card (indented JSON, members in the draft's order, trailing newline). */
export function writeScorecard(draft: ScorecardDraft): string {
  const { checksum: _old, ...content } = draft;
  const sealed = sealScorecard(draft);
  return `${JSON.stringify({ ...content, checksum: sealed.checksum }, null, 2)}\n`;
}
