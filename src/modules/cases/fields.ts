/**
 * Reading what people type into cases, incidents and plans: trimmed texts of bounded length without
 * control characters, texts in both languages (one fills the other), and times. Each refusal names
 * the field, through the error factory of the module part that asked.
 */
import type { ErrorFactory } from '../../kernel/errors.js';
import type { Text } from '../../kernel/i18n.js';
import type { Actor } from '../audit/index.js';

/** Whether `text` holds a C0 or C1 control other than tab and line breaks (which notes may hold). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

function refuse(error: ErrorFactory, path: string, message: string): never {
  throw error(`${path} ${message}`, [{ path, message }]);
}

/** A required text: trimmed, 1..`max` characters, no control characters. */
export function requireText(
  error: ErrorFactory,
  value: string | undefined,
  path: string,
  max: number,
): string {
  const text = value?.trim() ?? '';
  if (text === '') refuse(error, path, 'must not be blank');
  return boundedText(error, text, path, max);
}

/** An optional text: trimmed, at most `max` characters; blank or absent gives `''`. */
export function optionalText(
  error: ErrorFactory,
  value: string | undefined,
  path: string,
  max: number,
): string {
  return boundedText(error, value?.trim() ?? '', path, max);
}

function boundedText(error: ErrorFactory, text: string, path: string, max: number): string {
  if ([...text].length > max) refuse(error, path, `must be at most ${max} characters`);
  if (hasControl(text)) refuse(error, path, 'must not contain control characters');
  return text;
}

/** A title in both languages from what a person gave; one language fills the other. */
export function bilingual(
  error: ErrorFactory,
  value: Partial<Text> | undefined,
  path: string,
  max: number,
  required = true,
): Text {
  const en = optionalText(error, value?.en, `${path}.en`, max);
  const zh = optionalText(error, value?.zh, `${path}.zh`, max);
  if (required && en === '' && zh === '') refuse(error, path, 'must have en or zh');
  return { en: en || zh, zh: zh || en };
}

/** A time given as RFC 3339 text, as epoch milliseconds. */
export function parseTime(error: ErrorFactory, value: string, path: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) refuse(error, path, 'must be a date-time');
  return ms;
}

/** An actor from its two stored columns. */
export function actorOf(type: string | null, id: string | null): Actor | null {
  if (type === null || id === null) return null;
  return { type: type as Actor['type'], id };
}

/** An actor from columns that are never null. */
export function requiredActor(type: string, id: string): Actor {
  return { type: type as Actor['type'], id };
}

/** Parses JSON written by this module (canonical JSON text). */
export function readJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
