import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { EventEnvelope } from '../events/envelope.js';
import { EventTypes } from '../events/event-types.js';
import { createIdentifierHasher } from '../events/hasher.js';
import { normaliseEvent, parseCanonicalTime } from '../events/normalise.js';
import { ndjsonChunks, ndjsonLines } from './ndjson.js';
import { cachingHasher, plainEnvelope, replayFile, type SkippedLine } from './replay-file.js';

const dir = mkdtempSync(join(tmpdir(), 'fk-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${files++}.ndjson`);
  writeFileSync(path, content);
  return path;
}

describe('ndjson lines', () => {
  it('numbers lines across reads, joins UTF-8 cut by a read, strips CR and skips blank lines', () => {
    // Lines around the 1 MiB read size, with three-byte characters, so that reads cut them.
    const long = '风'.repeat(349_525); // 1,048,575 bytes
    const text = `{"a":1}\r\n\n${long}\n   \n尾巴\r\n${long}x\nlast`;
    const lines = [...ndjsonLines(file(text))];
    expect(lines.map((l) => l.line)).toEqual([1, 3, 5, 6, 7]);
    expect(lines.map((l) => l.text)).toEqual(['{"a":1}', long, '尾巴', `${long}x`, 'last']);
    // Chunks keep blank lines, so every line has its number.
    const all = [...ndjsonChunks(file(text))].flatMap((c) => c.lines.map((t, i) => [c.first + i, t]));
    expect(all.map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('reads a line longer than the read size, and a file without any newline', () => {
    const huge = 'x'.repeat(3 * 1024 * 1024 + 7);
    expect([...ndjsonLines(file(`${huge}\n{"b":2}\n`))].map((l) => l.text.length)).toEqual([huge.length, 7]);
    expect([...ndjsonLines(file(huge))].map((l) => [l.line, l.text.length])).toEqual([[1, huge.length]]);
    expect([...ndjsonLines(file(''))]).toEqual([]);
  });
});

describe('the fast envelope check', () => {
  const ajv = new Ajv.default({ strict: false });
  const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$';
  const check = ajv.compile({
    ...EventEnvelope,
    properties: { ...EventEnvelope.properties, occurred_at: { type: 'string', pattern: RFC3339 } },
  });
  const piece = fc.oneof(
    fc.constantFrom('loan_application', 'Login', 'x', '', '_a', 'a'.repeat(64), 'a'.repeat(65)),
    fc.string({ maxLength: 6 }),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom('a'.repeat(256), 'a'.repeat(257), '风'.repeat(200), '😀'.repeat(129), '😀'.repeat(128)),
    fc.integer(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 1 }),
  );
  const keyed = (max: number) => fc.dictionary(piece, value, { maxKeys: max });
  const envelope = fc.record({
    type: fc.oneof(piece, value),
    id: fc.oneof(fc.constantFrom('e-1', 'a/b:c@d', '-x', 'x'.repeat(128), 'x'.repeat(129)), value),
    occurred_at: fc.oneof(
      fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01t00:00:00.5+08:00', '2026-01-01 00:00:00Z'),
      value,
    ),
    subject: fc.oneof(keyed(18), value),
    data: fc.oneof(
      keyed(3),
      value,
      fc.constant(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]))),
    ),
  });

  it('accepts only envelopes the schema accepts, and most ordinary ones', () => {
    fc.assert(
      fc.property(envelope, (e) => {
        if (plainEnvelope(e)) expect(check(e)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    const ordinary = {
      type: 'login',
      id: 'e-1',
      occurred_at: '2026-01-01T00:00:00.000Z',
      subject: { user_id: 'u1', ip: '1.2.3.4' },
      data: { channel: 'app' },
    };
    expect(plainEnvelope(ordinary)).toBe(true);
    expect(plainEnvelope({ ...ordinary, subject: { user_id: '' } })).toBe(false);
    expect(plainEnvelope({ ...ordinary, subject: { user_id: 'u1', UserId: 'u1' } })).toBe(false);
    expect(check({ ...ordinary, subject: { user_id: 'u1', UserId: 'u1' } })).toBe(false);
  });
});

describe('replayFile', () => {
  it('normalises each line as the API does and reports the lines it skips', () => {
    const types = new EventTypes();
    const hasher = cachingHasher(createIdentifierHasher(new Uint8Array(32).fill(7)));
    const good = {
      type: 'login',
      id: 'e-1',
      occurred_at: '2026-01-01T08:00:00+08:00',
      subject: { user_id: 'u1', phone: '13812345678', constructor: 'c' },
      data: { channel: 'app', success: true },
      label: { fraud: 'yes' },
    };
    const skipped: SkippedLine[] = [];
    const text = [
      JSON.stringify(good),
      '{not json',
      '[1]',
      JSON.stringify({ ...good, id: '' }),
      JSON.stringify({ ...good, id: 'e-2', subject: { phone: '123' } }),
      '',
      JSON.stringify({ ...good, id: 'e-3', label: {} }),
      JSON.stringify({ ...good, id: 'e-4' }).replace('"subject":{', '"subject":{"__proto__":{"x":1},'),
    ].join('\n');
    const events = [
      ...replayFile(file(text), { types, hasher, label: 'label.fraud', onSkip: (s) => skipped.push(s) }),
    ];
    const expected = normaliseEvent(good as never, types, hasher);
    expect(expected.ok && events[0]?.event).toEqual(expected.ok && expected.event);
    expect(events[0]?.event.subject['constructor']).toBe('c');
    expect(events[0]?.event.subject['phone']).not.toBe('13812345678');
    // The envelope schema refuses a __proto__ subject key (line 8); normalisation on its own drops
    // such an own key (JSON.parse makes one) rather than making it the subject's prototype.
    const proto = normaliseEvent(
      JSON.parse(
        '{"type":"login","id":"p","occurred_at":"2026-01-01T00:00:00Z","subject":{"__proto__":{"x":1},"user_id":"u"},"data":{"channel":"app","success":true}}',
      ),
      types,
      hasher,
    );
    expect(proto.ok && Object.hasOwn(proto.event.subject, '__proto__')).toBe(false);
    expect(proto.ok && Object.getPrototypeOf(proto.event.subject)).toBe(Object.prototype);
    expect(events.map((e) => [e.event.id, e.label])).toEqual([
      ['e-1', true],
      ['e-3', null],
    ]);
    expect(skipped).toEqual([
      { line: 2, message: 'is not JSON' },
      { line: 3, message: 'is not a JSON object' },
      { line: 4, message: '/id must match pattern "^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$"' },
      { line: 5, message: expect.stringMatching(/^subject\.phone /) },
      { line: 8, message: '/subject must NOT have additional properties' },
    ]);
  });
});

describe('parseCanonicalTime', () => {
  it('agrees with Date.parse on every time of the canonical shape, valid or not', () => {
    const d = (max: number) => fc.integer({ min: 0, max }).map(String);
    const two = fc.oneof(
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom(0, 1, 12, 13, 23, 24, 29, 30, 31, 59, 60, 99),
    );
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const time = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two, d(999))
      .map(
        ([y, mo, day, h, mi, s, ms]) =>
          `${pad(y, 4)}-${pad(mo, 2)}-${pad(day, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(Number(ms), 3)}Z`,
      );
    fc.assert(
      fc.property(time, (t) => {
        expect(Object.is(parseCanonicalTime(t), Date.parse(t)), t).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    for (const t of [
      '2024-02-29T23:59:59.999Z',
      '2025-02-29T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
    ]) {
      expect(Object.is(parseCanonicalTime(t), Date.parse(t)), t).toBe(true);
    }
  });
});
