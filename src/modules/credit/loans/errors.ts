/**
 * The catalogued refusals of the loan lifecycle. An approval above the approver's authority is not an
 * error (it becomes a four-eyes change); an approval by someone whose authority cannot cover the
 * amount, or a second approval by the first approver, is.
 */
import { defineError } from '../../../kernel/errors.js';

export const LoanNotFound = defineError('FK_ERR_LOAN_NOT_FOUND', 404, 'No such loan', '贷款不存在');
export const LoanApplicationNotFound = defineError(
  'FK_ERR_LOAN_APPLICATION_NOT_FOUND',
  404,
  'No such loan application',
  '贷款申请不存在',
);
export const LoanInvalid = defineError(
  'FK_ERR_LOAN_INVALID',
  400,
  'The loan request is invalid',
  '贷款请求无效',
);
export const LoanExists = defineError(
  'FK_ERR_LOAN_EXISTS',
  409,
  'This loan or application is already recorded',
  '该贷款或申请已存在',
);
export const LoanApplicationClosed = defineError(
  'FK_ERR_LOAN_APPLICATION_CLOSED',
  409,
  'The application can no longer be decided this way',
  '该贷款申请当前状态不允许此操作',
);
export const LoanAuthorityExceeded = defineError(
  'FK_ERR_LOAN_AUTHORITY_EXCEEDED',
  403,
  'The amount is above your approval authority',
  '金额超出您的审批权限',
);
export const LoanSameApprover = defineError(
  'FK_ERR_LOAN_SAME_APPROVER',
  403,
  'You gave the first approval: a second person must sign',
  '您已做出第一次审批，须由另一人复核',
);
export const LoanApproverNotPerson = defineError(
  'FK_ERR_LOAN_APPROVER_NOT_PERSON',
  403,
  'Only a person may approve or reject loans',
  '只有自然人用户可以审批贷款',
);
export const LoanNotActive = defineError(
  'FK_ERR_LOAN_NOT_ACTIVE',
  409,
  'The loan is closed or written off',
  '该贷款已结清或已核销',
);
export const LoanNotWrittenOff = defineError(
  'FK_ERR_LOAN_NOT_WRITTEN_OFF',
  409,
  'Recoveries are recorded only on written-off loans',
  '只有已核销的贷款才能登记核销后收回',
);
export const LoanRepaymentRefused = defineError(
  'FK_ERR_LOAN_REPAYMENT_REFUSED',
  422,
  'The repayment cannot be applied to this loan',
  '该笔还款无法入账',
);
export const LoanDateInvalid = defineError(
  'FK_ERR_LOAN_DATE_INVALID',
  422,
  'The date is not possible for this loan',
  '该日期对此贷款无效',
);
export const LoanAuthorityInvalid = defineError(
  'FK_ERR_LOAN_AUTHORITY_INVALID',
  400,
  'The approval authority entry is invalid',
  '审批权限设置无效',
);
export const LoanImportInvalid = defineError(
  'FK_ERR_LOAN_IMPORT_INVALID',
  422,
  'The CSV file cannot be imported',
  'CSV 文件无法导入',
);
