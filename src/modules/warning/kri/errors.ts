/**
 * The catalogued refusals of key risk indicators. Period refusals have codes of their own so that the
 * scheduler and clients can tell "not yet" (the period is still open) and "too late" (a later period
 * is already evaluated) from a malformed request.
 */
import { defineError } from '../../../kernel/errors.js';

export const KriNotFound = defineError(
  'FK_ERR_KRI_NOT_FOUND',
  404,
  'No such key risk indicator',
  '关键风险指标不存在',
);
export const KriExists = defineError(
  'FK_ERR_KRI_EXISTS',
  409,
  'A key risk indicator with this id already exists',
  '同编号的关键风险指标已存在',
);
export const KriInvalid = defineError(
  'FK_ERR_KRI_INVALID',
  400,
  'The key risk indicator request is invalid',
  '关键风险指标请求无效',
);
export const KriFormulaInvalid = defineError(
  'FK_ERR_KRI_FORMULA_INVALID',
  400,
  'The formula cannot be read',
  '公式无法解析',
);
export const KriFormulaCycle = defineError(
  'FK_ERR_KRI_FORMULA_CYCLE',
  409,
  'The formula would make indicators depend on themselves',
  '该公式会使指标循环依赖自身',
);
export const KriPeriodInvalid = defineError(
  'FK_ERR_KRI_PERIOD_INVALID',
  400,
  'The period does not start where a period of this indicator starts',
  '期间起点与该指标的频率不符',
);
export const KriPeriodOpen = defineError(
  'FK_ERR_KRI_PERIOD_OPEN',
  409,
  'The period has not ended yet',
  '该期间尚未结束',
);
export const KriPeriodOutOfOrder = defineError(
  'FK_ERR_KRI_PERIOD_OUT_OF_ORDER',
  409,
  'A later period is already evaluated: evaluations go forward in time',
  '已存在更晚期间的评估结果：评估须按时间顺序进行',
);
export const KriPeriodEvaluated = defineError(
  'FK_ERR_KRI_PERIOD_EVALUATED',
  409,
  'The period is already evaluated: its value can no longer change',
  '该期间已完成评估，其数值不能再修改',
);
export const KriNotPushed = defineError(
  'FK_ERR_KRI_NOT_PUSHED',
  409,
  'Values can be pushed only to an indicator whose source is pushed',
  '仅数据来源为外部推送的指标可以推送数值',
);
export const KriImportInvalid = defineError(
  'FK_ERR_KRI_IMPORT_INVALID',
  422,
  'The CSV file cannot be imported',
  'CSV 文件无法导入',
);
