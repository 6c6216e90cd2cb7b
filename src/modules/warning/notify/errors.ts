/**
 * The catalogued refusals of notifications. A webhook target outside the allowed hosts, or one whose
 * host resolves to a private address, is refused when it is configured (never requested), each
 * with a code of its own so the administrator knows which setting to change.
 */
import { defineError } from '../../../kernel/errors.js';

export const NotifyTargetNotFound = defineError(
  'FK_ERR_NOTIFY_TARGET_NOT_FOUND',
  404,
  'No such notification target',
  '通知目标不存在',
);
export const NotifyTargetInvalid = defineError(
  'FK_ERR_NOTIFY_TARGET_INVALID',
  400,
  'The notification target is invalid',
  '通知目标无效',
);
export const NotifyTargetExists = defineError(
  'FK_ERR_NOTIFY_TARGET_EXISTS',
  409,
  'A notification target with this name already exists',
  '同名通知目标已存在',
);
export const NotifyHostNotAllowed = defineError(
  'FK_ERR_NOTIFY_HOST_NOT_ALLOWED',
  422,
  'The webhook host is not in the allowed hosts (FENGKONG_WEBHOOK_ALLOWED_HOSTS)',
  'Webhook 主机不在允许列表中（FENGKONG_WEBHOOK_ALLOWED_HOSTS）',
);
export const NotifyAddressNotAllowed = defineError(
  'FK_ERR_NOTIFY_ADDRESS_NOT_ALLOWED',
  422,
  'The webhook host resolves to a loopback, private or link-local address that is not explicitly allowed',
  'Webhook 主机解析到未明确允许的回环、私有或链路本地地址',
);
export const NotifyHostUnresolvable = defineError(
  'FK_ERR_NOTIFY_HOST_UNRESOLVABLE',
  422,
  'The webhook host cannot be resolved',
  '无法解析 Webhook 主机',
);
export const NotifySmtpNotConfigured = defineError(
  'FK_ERR_NOTIFY_SMTP_NOT_CONFIGURED',
  409,
  'E-mail cannot be sent: no SMTP server is configured (FENGKONG_SMTP_URL, FENGKONG_SMTP_FROM)',
  '无法发送邮件：未配置 SMTP 服务器（FENGKONG_SMTP_URL、FENGKONG_SMTP_FROM）',
);
export const NotifyNotFound = defineError(
  'FK_ERR_NOTIFY_NOT_FOUND',
  404,
  'No such notification in your inbox',
  '您的收件箱中没有该通知',
);
export const NotifyDeliveryNotFound = defineError(
  'FK_ERR_NOTIFY_DELIVERY_NOT_FOUND',
  404,
  'No such notification delivery',
  '通知投递记录不存在',
);
