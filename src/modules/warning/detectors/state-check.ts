/**
 * Reading a stored detector state back. States come from the database, so a damaged or foreign one
 * is refused with a TypeError naming the field instead of producing a detector that computes
 * nonsense.
 */

/** A stored state as an object with the expected `method`, or a TypeError. */
export function stateObject(state: unknown, method: string): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new TypeError(`a ${method} detector state must be an object / ${method} 检测器状态必须是对象`);
  }
  const record = state as Record<string, unknown>;
  if (record['method'] !== method) {
    throw new TypeError(
      `the state is for method ${String(record['method'])}, not ${method} / 该状态属于 ${String(record['method'])} 方法，而非 ${method}`,
    );
  }
  return record;
}

function broken(field: string): TypeError {
  return new TypeError(
    `detector state field "${field}" is missing or invalid / 检测器状态字段 "${field}" 缺失或无效`,
  );
}

/** A finite number field. */
export function numberField(record: Record<string, unknown>, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw broken(field);
  return value;
}

/** A finite number field that may be null. */
export function nullableNumberField(record: Record<string, unknown>, field: string): number | null {
  return record[field] === null ? null : numberField(record, field);
}

/** A non-negative integer field (a count). */
export function countField(record: Record<string, unknown>, field: string): number {
  const value = numberField(record, field);
  if (!Number.isInteger(value) || value < 0) throw broken(field);
  return value;
}

/** An array of finite numbers. */
export function numbersField(record: Record<string, unknown>, field: string): number[] {
  const value = record[field];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw broken(field);
  }
  return [...(value as number[])];
}

/** A nested object field. */
export function objectField(record: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = record[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw broken(field);
  return value as Record<string, unknown>;
}
