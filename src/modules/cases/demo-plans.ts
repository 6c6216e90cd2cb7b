/**
 * The four example emergency plans of the demo workspace, written for an online lender (a table of
 * data). The steps follow what the reference text asks of such a company — 六: a liquidity
 * contingency plan with funding sources and limits on outflows; 七: emergency response, disaster
 * recovery and drills; 八: reporting duties — and, for a data leak, the notification duty of the
 * Personal Information Protection Law (个人信息保护法) article 57. Owners are roles a lender has;
 * contacts are fictitious.
 */
import type { CreatePlanBody } from './plan-schemas.js';

type Step = CreatePlanBody['steps'][number];
const step = (zh: string, en: string, role: string, minutes: number): Step => ({
  title: { zh, en },
  owner: { type: 'role', id: role },
  expected_minutes: minutes,
});

/** Mass withdrawal (集中挤兑): liquidity first, then communication and the regulator. */
export const MASS_WITHDRAWAL: CreatePlanBody = {
  scenario: 'mass_withdrawal',
  title: { zh: '集中提现（挤兑）流动性应急预案', en: 'Mass withdrawal liquidity contingency plan' },
  description: {
    zh: '资金方或出借人集中提现、备付金快速下降时启动；目标是在不违约的前提下保障兑付并稳定预期。',
    en: 'Activated when funders or lenders withdraw en masse and the cash buffer falls fast; the aim is to meet every withdrawal without default and restore confidence.',
  },
  rto_minutes: 240,
  rpo_minutes: 0,
  drill_frequency_days: 180,
  steps: [
    step(
      '流动性监测岗确认提现量异常并上报',
      'Liquidity desk confirms the abnormal withdrawal volume and escalates',
      'treasury',
      15,
    ),
    step(
      '召集流动性应急委员会（首席风险官主持）',
      'Convene the liquidity crisis committee (chaired by the CRO)',
      'cro',
      30,
    ),
    step(
      '按政策启用单笔及单日提现限额与排队机制',
      'Apply per-withdrawal and daily limits and the queue, as the policy sets them',
      'operations',
      30,
    ),
    step(
      '动用备用融资额度（银行授信、股东借款）',
      'Draw committed funding lines (bank facilities, shareholder loan)',
      'treasury',
      120,
    ),
    step('暂停新增放款，优先保障兑付', 'Pause new lending to keep cash for withdrawals', 'credit_head', 30),
    step(
      '发布客户公告并更新客服话术',
      'Publish a customer notice and update the call-centre script',
      'customer_service',
      60,
    ),
    step('向地方金融监管部门报告', 'Report to the local financial regulatory bureau', 'compliance', 120),
    step('每日复盘流动性缺口直至恢复正常', 'Review the liquidity gap daily until back to normal', 'cro', 60),
  ],
  contacts: [
    { name: '王敏 Wang Min', role: '首席风险官 CRO', phone: '+86 10 5555 0101', email: 'cro@example.com' },
    { name: '李强 Li Qiang', role: '资金部负责人 Head of treasury', phone: '+86 10 5555 0102' },
    { name: '陈静 Chen Jing', role: '合规负责人 Head of compliance', email: 'compliance@example.com' },
    { name: '地方金融监管局 Local regulator', role: '监管联络 Regulator liaison', phone: '+86 10 5555 0199' },
  ],
};

/** System outage (核心系统故障): fail over, verify the ledgers, then resume. */
export const SYSTEM_OUTAGE: CreatePlanBody = {
  scenario: 'system_outage',
  title: { zh: '核心业务系统故障应急预案', en: 'Core system outage plan' },
  description: {
    zh: '放款、还款或风控决策服务不可用时启动；恢复时间目标 60 分钟，数据恢复点目标 5 分钟。',
    en: 'Activated when lending, repayment or risk-decision services are down; recovery time objective 60 minutes, recovery point objective 5 minutes.',
  },
  rto_minutes: 60,
  rpo_minutes: 5,
  drill_frequency_days: 180,
  steps: [
    step('值班工程师确认故障并定级', 'On-call engineer confirms the outage and grades it', 'it_oncall', 10),
    step(
      '建立应急沟通群并通知业务负责人',
      'Open the incident bridge and inform business owners',
      'it_oncall',
      5,
    ),
    step(
      '暂停自动放款与代扣，避免重复扣款',
      'Suspend automatic disbursement and direct debit to avoid double charges',
      'operations',
      5,
    ),
    step('切换至灾备数据库与备用机房', 'Fail over to the standby database and site', 'dba', 20),
    step('核对放款、还款流水的一致性', 'Reconcile disbursement and repayment ledgers', 'dba', 15),
    step('恢复服务并观察关键指标', 'Restore service and watch the key indicators', 'it_oncall', 5),
    step(
      '发布客户公告，减免因故障产生的逾期费用',
      'Notify customers and waive late fees the outage caused',
      'customer_service',
      60,
    ),
    step('重大事件按要求向监管报送', 'Report to the regulator when the event is major', 'compliance', 120),
  ],
  contacts: [
    { name: '张伟 Zhang Wei', role: '技术负责人 CTO', phone: '+86 10 5555 0201', email: 'cto@example.com' },
    { name: '运维值班 IT on-call', role: '值班电话 On-call line', phone: '+86 10 5555 0200' },
    { name: '云服务商 Cloud provider', role: '技术支持 Support', email: 'support@cloud.example.com' },
  ],
};

/** Data leak (数据泄露): contain, preserve evidence, notify as the law requires. */
export const DATA_LEAK: CreatePlanBody = {
  scenario: 'data_leak',
  title: { zh: '客户信息泄露应急预案', en: 'Customer data leak plan' },
  description: {
    zh: '发现或被告知客户个人信息泄露时启动；依照个人信息保护法第五十七条履行通知义务。',
    en: 'Activated when a leak of customer personal information is found or reported; notification duties under article 57 of the Personal Information Protection Law.',
  },
  rto_minutes: 240,
  rpo_minutes: 0,
  drill_frequency_days: 365,
  steps: [
    step(
      '确认泄露范围（数据类别、涉及客户数量）',
      'Establish the scope: data categories and customers affected',
      'security',
      60,
    ),
    step(
      '封堵泄露：吊销凭证、下线相关接口',
      'Contain it: revoke credentials, take the leaking interface offline',
      'security',
      30,
    ),
    step('保全证据与访问日志', 'Preserve evidence and access logs', 'security', 60),
    step('法务评估通知与报告义务', 'Legal assessment of the notification and reporting duties', 'legal', 120),
    step(
      '向金融监管及网信部门报告',
      'Report to the financial regulator and the cyberspace administration',
      'compliance',
      120,
    ),
    step(
      '通知受影响客户并提示防范诈骗',
      'Notify affected customers and warn them of scams',
      'customer_service',
      240,
    ),
    step('对受影响账户加强身份验证', 'Step up identity checks on affected accounts', 'risk_ops', 60),
  ],
  contacts: [
    {
      name: '赵磊 Zhao Lei',
      role: '信息安全负责人 CISO',
      phone: '+86 10 5555 0301',
      email: 'security@example.com',
    },
    { name: '孙丽 Sun Li', role: '法务负责人 General counsel', email: 'legal@example.com' },
  ],
};

/** Fraud wave (集中欺诈): tighten policy, block through four eyes, stop the channel. */
export const FRAUD_WAVE: CreatePlanBody = {
  scenario: 'fraud_wave',
  title: { zh: '集中欺诈攻击应急预案', en: 'Fraud wave plan' },
  description: {
    zh: '欺诈确认率或同设备多申请等指标突增时启动；先止损，再追损。',
    en: 'Activated when the fraud-confirmed rate or many applications per device spike; stop the losses first, then recover them.',
  },
  rto_minutes: 60,
  rpo_minutes: 0,
  drill_frequency_days: 180,
  steps: [
    step(
      '确认攻击模式（设备、IP、渠道、身份信息）',
      'Confirm the attack pattern (devices, IPs, channels, identities)',
      'fraud_analyst',
      30,
    ),
    step(
      '收紧策略：提高人工审核比例、启用高风险规则',
      'Tighten policy: send more to review, enable the high-risk rules',
      'risk_officer',
      30,
    ),
    step(
      '将涉案设备与 IP 加入黑名单（双人复核）',
      'Block the devices and IPs involved (four eyes)',
      'risk_officer',
      30,
    ),
    step('暂停受影响渠道的放款', 'Pause lending through the affected channel', 'operations', 15),
    step(
      '排查已放款账户，冻结并启动追偿',
      'Review loans already paid out; freeze and start recovery',
      'collections',
      240,
    ),
    step(
      '损失重大时报案并向监管报告',
      'Report to the police and the regulator when losses are material',
      'compliance',
      240,
    ),
  ],
  contacts: [
    { name: '周洋 Zhou Yang', role: '反欺诈负责人 Head of fraud', phone: '+86 10 5555 0401' },
    { name: '王敏 Wang Min', role: '首席风险官 CRO', email: 'cro@example.com' },
  ],
};
