/**
 * The catalogued refusals of the four-eyes mechanism. Each one names the rule that was broken, so a
 * maker or approver knows why without reading logs: self-approval and missing authority are 403,
 * a change that is no longer open (decided, withdrawn, expired, or made stale by a later change to
 * its target) is 409.
 */
import { defineError } from '../../../kernel/errors.js';

export const ChangeNotFound = defineError(
  'FK_ERR_CHANGE_NOT_FOUND',
  404,
  'No such change request',
  '变更申请不存在',
);
export const ChangeKindUnknown = defineError(
  'FK_ERR_CHANGE_KIND_UNKNOWN',
  400,
  'Unknown kind of change',
  '未知的变更类型',
);
export const ChangeInvalid = defineError(
  'FK_ERR_CHANGE_INVALID',
  400,
  'The proposed change is invalid',
  '提交的变更内容无效',
);
export const ChangeTargetNotFound = defineError(
  'FK_ERR_CHANGE_TARGET_NOT_FOUND',
  404,
  'The object this change applies to does not exist',
  '变更所针对的对象不存在',
);
export const ChangeSelfApproval = defineError(
  'FK_ERR_CHANGE_SELF_APPROVAL',
  403,
  'The maker of a change cannot approve or reject it (four eyes)',
  '变更提交人不能审批自己的变更（双人复核）',
);
export const ChangeForbidden = defineError(
  'FK_ERR_CHANGE_FORBIDDEN',
  403,
  'You lack the permission this kind of change needs',
  '您没有处理此类变更所需的权限',
);
export const ChangeApproverNotPerson = defineError(
  'FK_ERR_CHANGE_APPROVER_NOT_PERSON',
  403,
  'Only a person signed in with a session can approve or reject a change',
  '只有以会话登录的人员才能审批变更',
);
export const ChangeConflictOfInterest = defineError(
  'FK_ERR_CHANGE_CONFLICT_OF_INTEREST',
  403,
  'You may not approve a change that benefits or concerns you',
  '您不能审批与本人利益相关的变更',
);
export const ChangeNotMaker = defineError(
  'FK_ERR_CHANGE_NOT_MAKER',
  403,
  'Only the maker of a change can withdraw it',
  '只有变更提交人才能撤回该变更',
);
export const ChangeNotPending = defineError(
  'FK_ERR_CHANGE_NOT_PENDING',
  409,
  'The change is no longer pending',
  '该变更已不处于待审批状态',
);
export const ChangeStale = defineError(
  'FK_ERR_CHANGE_STALE',
  409,
  'The target has changed since the change was submitted; submit it again',
  '变更提交后其目标对象已被修改，请重新提交',
);
export const ChangeExpired = defineError(
  'FK_ERR_CHANGE_EXPIRED',
  409,
  'The change expired before it was decided',
  '该变更在审批前已过期',
);
