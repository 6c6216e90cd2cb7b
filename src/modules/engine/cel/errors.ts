/**
 * Errors of the CEL rule compiler. They are plain classes, not catalogued `FK_ERR_*` errors: a
 * compile error becomes a problem of the policy being published (`FK_ERR_POLICY_INVALID` with the
 * rule's path and the position), and an evaluation error becomes a `rule_errors` entry of a decision.
 */

/** Why an expression cannot be compiled, with the 0-based character offset it is about. */
export class CelCompileError extends Error {
  /** 0-based character offset in the source where the problem starts. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'CelCompileError';
    this.position = Math.max(0, position);
  }
}

/**
 * A run-time failure of one evaluation (no such key, division by zero, integer overflow, type
 * mismatch on a `dyn` value, …). It is an expected outcome: the rule is reported and not fired.
 */
export class CelEvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelEvalError';
  }
}
