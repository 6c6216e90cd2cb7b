/**
 * The catalogued refusals of cases, incidents, emergency plans and drills. A move the lifecycle
 * does not allow (resolving a closed case, reviewing an open incident) is a 409 with a code of its
 * own, so a client knows to reload rather than retry; a concurrent change to the same record is a
 * 409 too (`…_CONFLICT`).
 */
import { defineError } from '../../kernel/errors.js';

export const CaseNotFound = defineError('FK_ERR_CASE_NOT_FOUND', 404, 'No such case', '案件不存在');
export const CaseInvalid = defineError(
  'FK_ERR_CASE_INVALID',
  400,
  'The case request is invalid',
  '案件请求无效',
);
export const CaseTransition = defineError(
  'FK_ERR_CASE_TRANSITION',
  409,
  'The case cannot move to that status from its current one',
  '案件当前状态不允许该变更',
);
export const CaseConflict = defineError(
  'FK_ERR_CASE_CONFLICT',
  409,
  'The case was changed by someone else at the same time; reload it',
  '案件已被他人同时修改，请刷新后重试',
);
export const CaseLinkNotFound = defineError(
  'FK_ERR_CASE_LINK_NOT_FOUND',
  422,
  'A linked decision or alert does not exist',
  '关联的决策或预警不存在',
);
export const CaseProposalUnavailable = defineError(
  'FK_ERR_CASE_PROPOSAL_UNAVAILABLE',
  503,
  'List proposals are not available in this installation',
  '本系统未启用名单变更提议',
);

export const IncidentNotFound = defineError(
  'FK_ERR_INCIDENT_NOT_FOUND',
  404,
  'No such incident',
  '事件不存在',
);
export const IncidentInvalid = defineError(
  'FK_ERR_INCIDENT_INVALID',
  400,
  'The incident request is invalid',
  '事件请求无效',
);
export const IncidentAlertNotFound = defineError(
  'FK_ERR_INCIDENT_ALERT_NOT_FOUND',
  422,
  'A linked alert does not exist',
  '关联的预警不存在',
);
export const IncidentTransition = defineError(
  'FK_ERR_INCIDENT_TRANSITION',
  409,
  'The incident cannot move to that status from its current one',
  '事件当前状态不允许该变更',
);
export const IncidentConflict = defineError(
  'FK_ERR_INCIDENT_CONFLICT',
  409,
  'The incident was changed by someone else at the same time; reload it',
  '事件已被他人同时修改，请刷新后重试',
);

export const PlanNotFound = defineError(
  'FK_ERR_PLAN_NOT_FOUND',
  404,
  'No such emergency plan',
  '应急预案不存在',
);
export const PlanInvalid = defineError(
  'FK_ERR_PLAN_INVALID',
  400,
  'The emergency plan request is invalid',
  '应急预案请求无效',
);
export const PlanConflict = defineError(
  'FK_ERR_PLAN_CONFLICT',
  409,
  'The plan was changed by someone else at the same time; reload it',
  '预案已被他人同时修改，请刷新后重试',
);
export const PlanAlreadyActive = defineError(
  'FK_ERR_PLAN_ALREADY_ACTIVE',
  409,
  'This plan is already active for that alert or incident',
  '该预案已针对此预警或事件启动',
);
export const PlanActivationNotFound = defineError(
  'FK_ERR_PLAN_ACTIVATION_NOT_FOUND',
  404,
  'No such plan activation',
  '预案启动记录不存在',
);
export const PlanItemClosed = defineError(
  'FK_ERR_PLAN_ITEM_CLOSED',
  409,
  'This checklist item is already done or skipped',
  '该检查项已完成或已跳过',
);
export const PlanSourceNotFound = defineError(
  'FK_ERR_PLAN_SOURCE_NOT_FOUND',
  422,
  'The alert or incident to activate the plan for does not exist',
  '启动预案所依据的预警或事件不存在',
);
export const DrillNotFound = defineError('FK_ERR_PLAN_DRILL_NOT_FOUND', 404, 'No such drill', '演练不存在');
export const DrillClosed = defineError(
  'FK_ERR_PLAN_DRILL_CLOSED',
  409,
  'The drill is finished, or this step is already complete',
  '演练已结束或该步骤已完成',
);
