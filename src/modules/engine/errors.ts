import { defineError } from '../../kernel/errors.js';

/** Errors of the decision engine: events, policies, decisions, reviews, backtests. */
export const EventInvalid = defineError(
  'FK_ERR_EVENT_INVALID',
  422,
  'The event does not match its type',
  '事件不符合其类型定义',
);
export const EventTypeUnknown = defineError(
  'FK_ERR_EVENT_TYPE_UNKNOWN',
  422,
  'The event type is not declared',
  '事件类型未声明',
);
export const EventTypeExists = defineError(
  'FK_ERR_EVENT_TYPE_EXISTS',
  409,
  'An event type with this name already exists',
  '同名事件类型已存在',
);
export const EventIdReused = defineError(
  'FK_ERR_EVENT_ID_REUSED',
  422,
  'This event id was already decided with a different body',
  '该事件 ID 已以不同内容提交过',
);
export const DecisionInFlight = defineError(
  'FK_ERR_DECISION_IN_FLIGHT',
  409,
  'A decision for this event id is being made; retry shortly',
  '该事件正在决策中，请稍后重试',
);
export const DecisionUnavailable = defineError(
  'FK_ERR_DECISION_UNAVAILABLE',
  503,
  'The decision could not be stored; apply the fallback outcome and retry with the same event id',
  '决策无法保存；请按兜底结果处理，并以同一事件 ID 重试',
);
export const DecisionNotFound = defineError(
  'FK_ERR_DECISION_NOT_FOUND',
  404,
  'No such decision',
  '决策不存在',
);
export const PolicyInvalid = defineError('FK_ERR_POLICY_INVALID', 422, 'The policy is not valid', '策略无效');
export const PolicyNotFound = defineError(
  'FK_ERR_POLICY_NOT_FOUND',
  404,
  'No such policy or version',
  '策略或版本不存在',
);
export const PolicyNoPrevious = defineError(
  'FK_ERR_POLICY_NO_PREVIOUS',
  409,
  'The policy has no previous deployment to roll back to',
  '该策略没有可回滚的上一次部署',
);
export const ReviewNotFound = defineError('FK_ERR_REVIEW_NOT_FOUND', 404, 'No such review', '审核任务不存在');
export const ReviewResolved = defineError(
  'FK_ERR_REVIEW_RESOLVED',
  409,
  'The review was already resolved',
  '该审核任务已处理',
);
export const NotFoundBacktest = defineError(
  'FK_ERR_BACKTEST_NOT_FOUND',
  404,
  'No such backtest',
  '回测不存在',
);
