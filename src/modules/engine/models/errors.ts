import { defineError } from '../../../kernel/errors.js';

/** A scorecard that is malformed, or whose checksum no longer matches its content. */
export const ScorecardInvalid = defineError(
  'FK_ERR_SCORECARD_INVALID',
  422,
  'The scorecard is malformed or was changed after it was written',
  '评分卡格式错误，或在写出后被修改',
);
