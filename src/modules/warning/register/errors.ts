/**
 * The catalogued refusals of the risk register. A grading change asked for directly has a code of its
 * own, so a client (and the console) knows to submit it for a second person's approval instead.
 */
import { defineError } from '../../../kernel/errors.js';

export const RiskNotFound = defineError('FK_ERR_RISK_NOT_FOUND', 404, 'No such risk', '风险不存在');
export const RiskExists = defineError(
  'FK_ERR_RISK_EXISTS',
  409,
  'A risk with this id already exists',
  '同编号的风险已存在',
);
export const RiskInvalid = defineError(
  'FK_ERR_RISK_INVALID',
  400,
  'The risk request is invalid',
  '风险请求无效',
);
export const RiskControlNotFound = defineError(
  'FK_ERR_RISK_CONTROL_NOT_FOUND',
  404,
  'The risk has no such control',
  '该风险没有此控制措施',
);
export const RiskGradeNeedsApproval = defineError(
  'FK_ERR_RISK_GRADE_NEEDS_APPROVAL',
  409,
  'Likelihood and impact change through four eyes: submit the grading (POST /api/v1/risks/{id}/grade)',
  '可能性与影响程度须经双人复核才能变更：请提交评级变更（POST /api/v1/risks/{id}/grade）',
);
export const RiskKriUnknown = defineError(
  'FK_ERR_RISK_KRI_UNKNOWN',
  422,
  'A linked key risk indicator does not exist',
  '关联的关键风险指标不存在',
);
