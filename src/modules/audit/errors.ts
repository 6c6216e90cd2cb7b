import { defineError } from '../../kernel/errors.js';

export const AuditKeyMissing = defineError(
  'FK_ERR_AUDIT_KEY_MISSING',
  409,
  'No audit checkpoint key is configured (FENGKONG_AUDIT_KEY)',
  '未配置审计检查点密钥（FENGKONG_AUDIT_KEY）',
);
export const CheckpointInvalid = defineError(
  'FK_ERR_AUDIT_CHECKPOINT_INVALID',
  400,
  'The checkpoint file is malformed or its signature does not match',
  '检查点文件格式错误或签名不匹配',
);
export const AuditEmpty = defineError(
  'FK_ERR_AUDIT_EMPTY',
  409,
  'The audit log has no entries to checkpoint',
  '审计日志为空，无法创建检查点',
);
