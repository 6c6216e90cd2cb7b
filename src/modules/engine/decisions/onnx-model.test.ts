import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { deployDirectly } from '../../../../test/support/engine.js';
import { apiKeyFor } from '../../../../test/support/identity.js';
import type { Dialect } from '../../../store/database.js';
import { onnxLogisticModel } from '../models/fixtures.js';
import { logistic } from '../models/linear.js';

// p = σ(0.001 · amount + 0.5 · payments in the hour − 6): a model exported from elsewhere, as ONNX.
const MODEL = onnxLogisticModel([0.001, 0.5], -6).toString('base64');
const POLICY = `
id: tx-onnx
event_type: transaction
description: { en: Payments scored by an ONNX model, zh: 用ONNX模型评分的支付 }
features:
  - { name: tx_1h, key: [user_id], aggregate: count, window: 1h, include_current: true }
models:
  - name: fraud_nn
    kind: onnx
    base64: ${MODEL}
    inputs: [data.amount, features.tx_1h]
rules:
  - id: nn_high
    description: { en: The fraud model is confident, zh: 欺诈模型高度确信 }
    when: models.fraud_nn > 0.9
    action: reject
outcome: { mode: first_match, default: approve }
fallback: review
`;

describeEachDialect('decisions with an onnx model', (dialect: Dialect) => {
  let t: TestApp;
  let auth: { authorization: string };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    auth = { authorization: (await apiKeyFor(t.runtime, ['integration'])).authorization };
    await deployDirectly(t.runtime, 'tx-onnx', POLICY);
  });
  afterEach(() => t.close());

  const decide = (id: string, amount: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/decisions',
      headers: auth,
      payload: {
        type: 'transaction',
        id,
        occurred_at: '2026-11-01T10:00:00Z',
        subject: { user_id: 'u1' },
        data: { amount, kind: 'payment' },
      },
    });

  it('scores each event with the model and lets rules read the score', async () => {
    const small = (await decide('e1', 1000)).json();
    expect(small.models.fraud_nn).toBeCloseTo(logistic(1 + 0.5 - 6), 5);
    expect(small.outcome).toBe('approve');
    const large = (await decide('e2', 9000)).json();
    expect(large.models.fraud_nn).toBeCloseTo(logistic(9 + 1 - 6), 5);
    expect(large).toMatchObject({ outcome: 'reject', rule_hits: [{ rule_id: 'nn_high' }], rule_errors: [] });
  });
});
