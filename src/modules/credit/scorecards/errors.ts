import { defineError } from '../../../kernel/errors.js';

/** Errors of the scorecard registry. */
export const ScorecardNotFound = defineError(
  'FK_ERR_SCORECARD_NOT_FOUND',
  404,
  'No such scorecard or version',
  '评分卡或其版本不存在',
);
export const ScorecardNoPrevious = defineError(
  'FK_ERR_SCORECARD_NO_PREVIOUS',
  409,
  'The scorecard has no earlier published version to roll back to',
  '该评分卡没有可回滚的上一发布版本',
);
