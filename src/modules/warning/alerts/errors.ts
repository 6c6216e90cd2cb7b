/**
 * The catalogued refusals of alerts. A transition the lifecycle does not allow (acknowledging a
 * resolved alert) and a lost race with another person are both 409s, with codes of their own: the
 * first needs a different action, the second a reload.
 */
import { defineError } from '../../../kernel/errors.js';

export const AlertNotFound = defineError('FK_ERR_ALERT_NOT_FOUND', 404, 'No such alert', '预警不存在');
export const AlertInvalid = defineError(
  'FK_ERR_ALERT_INVALID',
  400,
  'The alert request is invalid',
  '预警请求无效',
);
export const AlertState = defineError(
  'FK_ERR_ALERT_STATE',
  409,
  'The alert is not in a state that allows this action',
  '预警当前状态不允许此操作',
);
export const AlertChanged = defineError(
  'FK_ERR_ALERT_CHANGED',
  409,
  'The alert changed meanwhile: reload it and try again',
  '预警已被他人修改：请刷新后重试',
);
export const AlertNoteRequired = defineError(
  'FK_ERR_ALERT_NOTE_REQUIRED',
  400,
  'Resolving an alert needs a resolution note',
  '关闭预警需要填写处理说明',
);
export const AlertOwnerUnknown = defineError(
  'FK_ERR_ALERT_OWNER_UNKNOWN',
  422,
  'The new owner is not an active user',
  '新负责人不是有效的活跃用户',
);
export const AlertEscalationExhausted = defineError(
  'FK_ERR_ALERT_ESCALATION_EXHAUSTED',
  409,
  'The alert is already at the last escalation level that has anyone to notify',
  '预警已处于最后一级可通知的升级层级',
);
