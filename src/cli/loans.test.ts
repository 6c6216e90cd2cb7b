import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFengkong } from '../../test/support/cli.js';

describe('fengkong loans', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-cli-loans-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the worked-example schedule and its APR as JSON', async () => {
    const run = await runFengkong([
      'loans',
      'schedule',
      '--principal',
      '12000',
      '--rate',
      '0.12',
      '--term',
      '12',
      '--kind',
      'annuity',
      '--first-due',
      '2026-02-15',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const schedule = JSON.parse(run.stdout);
    expect(schedule).toMatchObject({
      principal: '12000.00',
      total_interest: '794.23',
      total_repayment: '12794.23',
      apr: { nominal: '0.120001', effective: '0.126826' },
    });
    expect(schedule.instalments[0]).toEqual({
      seq: 1,
      due_date: '2026-02-15',
      principal: '946.19',
      interest: '120.00',
      fee: '0.00',
      payment: '1066.19',
    });
    expect(schedule.instalments[11].payment).toBe('1066.14');
  });

  it('prints a readable table and refuses bad options in one line', async () => {
    const table = await runFengkong([
      'loans',
      'schedule',
      '--principal',
      '1000',
      '--rate',
      '0',
      '--term',
      '3',
      '--kind',
      'equal_principal',
      '--first-due',
      '2026-01-31',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2026-02-28');
    expect(table.stdout).toContain('APR');
    const bad = await runFengkong([
      'loans',
      'schedule',
      '--principal',
      '1.234',
      '--rate',
      '0.1',
      '--term',
      '12',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^fengkong: --principal must be a yuan amount/);
  });

  it('imports a book from a CSV file and reports refused rows', async () => {
    const file = join(dir, 'book.csv');
    writeFileSync(
      file,
      [
        'record,loan_ref,borrower_id,product,principal,annual_rate,term_months,schedule_kind,disbursed_on,amount,received_on',
        'loan,C1,b-1,cash,12000.00,0.12,12,annuity,2025-01-15,,',
        'repayment,C1,,,,,,,,1066.19,2025-02-15',
        'repayment,C2,,,,,,,,10.00,2025-02-15',
      ].join('\n'),
    );
    const db = `sqlite:${join(dir, 'fengkong.db')}`;
    const run = await runFengkong(['loans', 'import', file, '--db', db, '--json'], {
      FENGKONG_SECRET_KEY: 'test-only-secret-key-for-cli-loans-0123456789',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3, booked: 1, recorded: 1, refused: 1 });
    const human = await runFengkong(['loans', 'import', file, '--db', db], {
      FENGKONG_SECRET_KEY: 'test-only-secret-key-for-cli-loans-0123456789',
    });
    // Without a reference column a repayment row cannot be recognised as the same one again.
    expect(human.stdout).toContain('2 refused/拒绝');
    expect(human.stdout).toContain('C1: loan C1 is already booked');
    const missing = await runFengkong(['loans', 'import', join(dir, 'none.csv'), '--db', db]);
    expect(missing.code).toBe(1);
  });

  it('reports the portfolio and posts the reserve from the command line', async () => {
    const file = join(dir, 'book.csv');
    writeFileSync(
      file,
      [
        'record,loan_ref,borrower_id,product,principal,annual_rate,term_months,schedule_kind,disbursed_on,amount,received_on',
        'loan,R1,b-1,cash,12000.00,0.12,12,annuity,2025-01-15,,',
        'loan,R2,b-2,cash,6000.00,0.12,6,equal_principal,2025-01-20,,',
        'repayment,R1,,,,,,,,1066.19,2025-02-15',
      ].join('\n'),
    );
    const db = `sqlite:${join(dir, 'fengkong.db')}`;
    const env = { FENGKONG_SECRET_KEY: 'test-only-secret-key-for-cli-loans-0123456789' };
    expect((await runFengkong(['loans', 'import', file, '--db', db], env)).code).toBe(0);
    const run = await runFengkong(
      ['loans', 'report', '--as-of', '2025-03', '--denominator', 'lent', '--db', db, '--json'],
      env,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.asOf).toBe('2025-03');
    expect(report.rates.overdueRate).toMatchObject({ denominator: 'lent', base: 1_800_000 });
    expect(report.vintage.cohorts[0].loans).toBe(2);
    const human = await runFengkong(['loans', 'report', '--as-of', '2025-03', '--db', db], env);
    expect(human.stdout).toContain('NPL ratio');
    const posted = await runFengkong(
      ['loans', 'reserve-post', '--up-to', '2025-03', '--db', db, '--json'],
      env,
    );
    expect(JSON.parse(posted.stdout).posted).toEqual(['2025-01', '2025-02', '2025-03']);
    const bad = await runFengkong(['loans', 'report', '--denominator', 'everything', '--db', db], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--denominator must be outstanding, lent or cohort');
  });
});
