import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeRequestTable } from '../../../store/schema.js';
import { CHANGE_STATUSES, type ChangeKind, ChangeRegistry } from './registry.js';
import { authorise, refuseClosed } from './rules.js';
import { Change } from './schemas.js';
import { settingChangeKind } from './setting-change.js';

const ROW: ChangeRequestTable = {
  id: 'c-1',
  kind: 'setting.change',
  target_type: 'setting',
  target_id: 'k',
  content: '{"value":"v"}',
  reason: 'r',
  maker_type: 'user',
  maker_id: 'u-1',
  fingerprint: 'absent',
  status: 'pending',
  submitted_at: '2026-03-01T00:00:00.000Z',
  expires_at: '2026-03-08T00:00:00.000Z',
  decided_by_type: null,
  decided_by_id: null,
  decided_at: null,
  decision_comment: null,
  result: null,
};
const KIND = settingChangeKind() as ChangeKind;

describe('four-eyes rules', () => {
  it('allows approval and rejection exactly for another person holding the kind’s permission', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('user', 'api_key', 'system'),
        fc.constantFrom('u-1', 'u-2', 'k-1'),
        fc.subarray(['change:approve', 'change:read', 'policy:approve', 'change:submit']),
        fc.constantFrom('approve', 'reject') as fc.Arbitrary<'approve' | 'reject'>,
        (type, id, permissions, decision) => {
          const asker = { actor: { type, id }, permissions: new Set(permissions) };
          const refusal = authorise(asker, ROW, KIND, decision);
          const isMaker = type === 'user' && id === 'u-1';
          const allowed = !isMaker && type === 'user' && permissions.includes('change:approve');
          expect(refusal === undefined).toBe(allowed);
          if (isMaker) expect(refusal?.code).toBe('FK_ERR_CHANGE_SELF_APPROVAL');
        },
      ),
    );
  });

  it('lets only the maker withdraw, whatever their permissions', () => {
    const maker = { actor: { type: 'user' as const, id: 'u-1' }, permissions: new Set<string>() };
    const other = { actor: { type: 'user' as const, id: 'u-2' }, permissions: new Set(['change:approve']) };
    expect(authorise(maker, ROW, KIND, 'withdraw')).toBeUndefined();
    expect(authorise(other, ROW, KIND, 'withdraw')?.code).toBe('FK_ERR_CHANGE_NOT_MAKER');
  });

  it('needs change:approve to reject a change whose kind is no longer installed, and refuses to apply it', () => {
    const approver = {
      actor: { type: 'user' as const, id: 'u-2' },
      permissions: new Set(['change:approve']),
    };
    expect(authorise(approver, ROW, undefined, 'reject')).toBeUndefined();
    expect(authorise(approver, ROW, undefined, 'approve')?.code).toBe('FK_ERR_CHANGE_KIND_UNKNOWN');
  });

  it('treats only a pending change before its expiry as open', () => {
    expect(refuseClosed(ROW, '2026-03-07T23:59:59.999Z')).toBeUndefined();
    expect(refuseClosed(ROW, '2026-03-08T00:00:00.000Z')?.code).toBe('FK_ERR_CHANGE_EXPIRED');
    for (const status of CHANGE_STATUSES.filter((s) => s !== 'pending')) {
      expect(refuseClosed({ ...ROW, status }, '2026-03-01T00:00:00.000Z')?.code).toBe(
        'FK_ERR_CHANGE_NOT_PENDING',
      );
    }
  });
});

describe('change registry', () => {
  it('refuses duplicate and undotted names and names the known kinds for an unknown one', () => {
    const registry = new ChangeRegistry([KIND]);
    expect(() => registry.register(KIND)).toThrow(/twice/);
    expect(() => registry.register({ ...KIND, kind: 'Setting' })).toThrow(/dotted/);
    expect(() => registry.require('loan.approve')).toThrow(/known: setting\.change/);
    expect(registry.list().map((k) => k.kind)).toEqual(['setting.change']);
  });

  it('publishes every status in the API schema', () => {
    const status = Change.properties.status as unknown as { anyOf: { const: string }[] };
    expect(status.anyOf.map((s) => s.const)).toEqual([...CHANGE_STATUSES]);
  });
});
