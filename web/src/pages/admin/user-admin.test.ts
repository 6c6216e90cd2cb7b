import { describe, expect, it } from 'vitest';
import { conflictIn, personRoles, type RoleCatalogue } from './user-admin.js';

const catalogue: RoleCatalogue = {
  items: [
    { name: 'admin', en: 'Administrator', zh: '系统管理员', holders: 'people', permissions: [] },
    { name: 'analyst', en: 'Risk analyst', zh: '风控分析师', holders: 'both', permissions: [] },
    { name: 'approver', en: 'Approver', zh: '审批人', holders: 'people', permissions: [] },
    { name: 'integration', en: 'Integration', zh: '系统集成', holders: 'api_keys', permissions: [] },
  ],
  incompatible: [['admin', 'approver']],
};

describe('user administration', () => {
  it('offers people every role except those only API keys may hold', () => {
    expect(personRoles(catalogue)).toEqual(['admin', 'analyst', 'approver']);
  });

  it('names the pair of chosen roles that separation of duties forbids', () => {
    expect(conflictIn(['admin', 'analyst'], catalogue.incompatible)).toBeUndefined();
    expect(conflictIn(['approver', 'analyst', 'admin'], catalogue.incompatible)).toEqual([
      'admin',
      'approver',
    ]);
  });
});
