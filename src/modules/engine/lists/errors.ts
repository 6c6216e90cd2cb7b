/**
 * The catalogued refusals of block, allow and watch lists. A protected list refuses direct changes
 * with a code of its own, so a client (and the console) knows to submit the change for a second
 * person's approval instead of retrying.
 */
import { defineError } from '../../../kernel/errors.js';

export const ListNotFound = defineError('FK_ERR_LIST_NOT_FOUND', 404, 'No such list', '名单不存在');
export const ListExists = defineError(
  'FK_ERR_LIST_EXISTS',
  409,
  'A list with this name already exists',
  '同名名单已存在',
);
export const ListInvalid = defineError(
  'FK_ERR_LIST_INVALID',
  400,
  'The list request is invalid',
  '名单请求无效',
);
export const ListValueInvalid = defineError(
  'FK_ERR_LIST_VALUE_INVALID',
  422,
  'The value is not valid for this kind of list',
  '该值不符合此类名单的格式',
);
export const ListEntryNotFound = defineError(
  'FK_ERR_LIST_ENTRY_NOT_FOUND',
  404,
  'The value is not in this list',
  '该值不在此名单中',
);
export const ListProtected = defineError(
  'FK_ERR_LIST_PROTECTED',
  409,
  'This list is protected: submit the change for four-eyes approval (POST /api/v1/lists/{name}/changes)',
  '该名单受保护：请提交变更申请，经双人复核后生效（POST /api/v1/lists/{name}/changes）',
);
export const ListChangePending = defineError(
  'FK_ERR_LIST_CHANGE_PENDING',
  409,
  'The list has a change awaiting approval: decide or withdraw it first',
  '该名单有待审批的变更：请先审批或撤回',
);
export const ListImportInvalid = defineError(
  'FK_ERR_LIST_IMPORT_INVALID',
  422,
  'The CSV file cannot be imported',
  'CSV 文件无法导入',
);
export const ListHashKeyMissing = defineError(
  'FK_ERR_LIST_HASH_KEY_MISSING',
  503,
  'Identity numbers, phones and cards cannot be hashed: no secret key is configured (set FENGKONG_SECRET_KEY)',
  '无法对身份证号、手机号和银行卡号做哈希：未配置密钥（请设置 FENGKONG_SECRET_KEY）',
);
