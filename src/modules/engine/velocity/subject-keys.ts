/**
 * Subject key values of the event being decided, each built once however many features and streams
 * share its key fields (a policy has several windows over `user_id`: one string, hashed once by the
 * store's map, serves `compute` and the following `observe`).
 */
import { ownKey, subjectKeyValue } from './feature.js';

type Subject = Readonly<Record<string, unknown>>;

/** Key values are exactly {@link subjectKeyValue}'s strings. */
export class SubjectKeys {
  readonly #fields: (readonly string[])[] = [];
  readonly #index = new Map<string, number>();
  #values: (string | null | undefined)[] = [];
  /**
   * Per key index: the subject's base in the in-process store's group once looked up (or created), −1
   * when looked up and absent, undefined before.
   */
  readonly bases: (number | undefined)[] = [];
  /** Per key index whose base is −1: how many subjects its group held when the lookup missed. */
  readonly absentAt: number[] = [];
  #subject: Subject | null = null;

  /** A stable index for a list of key fields. */
  indexOf(fields: readonly string[]): number {
    const name = fields.join('\u0000');
    let i = this.#index.get(name);
    if (i === undefined) {
      i = this.#fields.length;
      this.#fields.push(fields);
      this.#index.set(name, i);
      this.#values.push(undefined);
      this.bases.push(undefined);
      this.absentAt.push(-1);
    }
    return i;
  }

  /** Starts answering for an event's (immutable) subject; values are kept while it is the same object. */
  use(subject: Subject): void {
    if (subject === this.#subject) return;
    this.#subject = subject;
    // Plain loops: these arrays hold a few entries, and \`fill\` costs a builtin call each.
    const values = this.#values;
    const bases = this.bases;
    for (let i = 0; i < values.length; i++) {
      values[i] = undefined;
      bases[i] = undefined;
    }
  }

  /** The subject key value for the fields at `index`, or null when one of them is missing. */
  get(index: number): string | null {
    let v = this.#values[index];
    if (v === undefined) {
      v = build(this.#fields[index] as readonly string[], this.#subject as Subject);
      this.#values[index] = v;
    }
    return v;
  }
}

/** {@link subjectKeyValue}'s string, for strings and numbers without building the array of values. */
function build(fields: readonly string[], subject: Subject): string | null {
  if (fields.length === 1) {
    const own = ownKey(subject[fields[0] as string]);
    if (own !== null) return own;
  }
  let key = '[';
  for (let i = 0; i < fields.length; i++) {
    const v = subject[fields[i] as string];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string' && typeof v !== 'number') return subjectKeyValue({ key: fields }, subject);
    key += i === 0 ? JSON.stringify(v) : `,${JSON.stringify(v)}`;
  }
  return `${key}]`;
}
