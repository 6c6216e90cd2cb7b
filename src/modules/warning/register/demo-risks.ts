/**
 * The risk register of the demo company (a simulated online lender): two or three risks for each of
 * the six risk types of the reference text (chapter 二), graded before and after their controls, with
 * the controls' last tests (some partly effective, one ineffective, some not yet tested) and links to
 * the demo KRIs. Illustrative content, not advice for any real firm.
 */
import type { NewRisk } from './service.js';

type DemoRisk = NewRisk & { readonly owner_role: 'officer' | 'analyst' | 'admin' };

const t = (en: string, zh: string) => ({ en, zh });

/** The demo risks; `owner_role` names the demo user who owns each. */
export const DEMO_RISKS: readonly DemoRisk[] = [
  {
    id: 'R-MK-001',
    title: t('Interest-rate moves squeeze lending margins', '利率变动压缩信贷利差'),
    category: 'market',
    owner_role: 'officer',
    cause: t(
      'Benchmark rates (LPR) and bank funding costs move faster than loan pricing',
      'LPR 与银行资金成本的变动快于贷款定价调整',
    ),
    consequence: t(
      'Net interest margin falls; new lending becomes unprofitable',
      '净息差下降，新增贷款难以盈利',
    ),
    inherent: { likelihood: 3, impact: 3 },
    residual: { likelihood: 3, impact: 2 },
    kri_ids: ['market.lpr_1y'],
    controls: {
      ALM: {
        title: t('Monthly asset-liability committee rate review', '资产负债委员会月度利率评审'),
        frequency: 'monthly',
        last_tested_on: '2026-01-20',
        last_result: 'effective',
      },
    },
  },
  {
    id: 'R-MK-002',
    title: t('Equity-market stress cuts investor funding', '股市波动导致资金方撤资'),
    category: 'market',
    owner_role: 'officer',
    cause: t(
      'A sell-off makes funding partners and investors withdraw',
      '市场大幅下跌促使资金合作方及投资者撤出',
    ),
    consequence: t('Funding shrinks when it is most needed', '在最需要资金时融资收缩'),
    inherent: { likelihood: 3, impact: 4 },
    residual: { likelihood: 2, impact: 4 },
    kri_ids: ['market.csi300_vol_20d'],
    controls: {
      LIMITS: {
        title: t('Market-risk limits monitored daily', '每日监控市场风险限额'),
        frequency: 'daily',
        last_tested_on: '2026-01-31',
        last_result: 'partially_effective',
      },
    },
  },
  {
    id: 'R-CR-001',
    title: t('Borrower defaults exceed risk appetite', '借款人违约超出风险偏好'),
    category: 'credit',
    owner_role: 'officer',
    cause: t('Weak underwriting in new channels; an economic slowdown', '新渠道审核不严；经济下行'),
    consequence: t(
      'Losses beyond the risk reserve; capital and reputation damage',
      '损失超过风险准备金，侵蚀资本与声誉',
    ),
    inherent: { likelihood: 4, impact: 5 },
    residual: { likelihood: 3, impact: 4 },
    kri_ids: ['credit.npl_ratio', 'credit.overdue_rate'],
    controls: {
      CUTOFF: {
        title: t('Scorecard cut-off and approval-authority review', '评分卡阈值与审批权限复核'),
        frequency: 'monthly',
        last_tested_on: '2026-01-25',
        last_result: 'effective',
      },
      POSTLOAN: {
        title: t('Post-loan monitoring and early collection', '贷后监控与早期催收'),
        frequency: 'weekly',
        last_tested_on: '2026-01-10',
        last_result: 'partially_effective',
      },
    },
  },
  {
    id: 'R-CR-002',
    title: t('Scorecard no longer fits the applicants', '评分卡与申请人群体不再匹配'),
    category: 'credit',
    owner_role: 'analyst',
    cause: t('The applicant population drifts away from the development sample', '申请人群体偏离建模样本'),
    consequence: t('Bad loans approved and good ones rejected', '放入坏客户、拒绝好客户'),
    inherent: { likelihood: 3, impact: 4 },
    residual: { likelihood: 2, impact: 3 },
    kri_ids: ['credit.scorecard_psi'],
    controls: {
      PSI: {
        title: t('Weekly stability (PSI/CSI) review', '每周稳定性（PSI/CSI）评审'),
        frequency: 'weekly',
      },
    },
  },
  {
    id: 'R-CR-003',
    title: t('Exposure concentrated on a few borrowers', '风险敞口集中于少数借款人'),
    category: 'credit',
    owner_role: 'officer',
    cause: t('Large loans to related borrowers', '向关联借款人发放大额贷款'),
    consequence: t('One default hits the book hard', '单一违约对资产组合冲击大'),
    inherent: { likelihood: 2, impact: 4 },
    residual: { likelihood: 2, impact: 3 },
    kri_ids: ['credit.top10_concentration'],
    controls: {
      SINGLE: {
        title: t('Single-borrower limit enforced at booking', '放款时强制单一借款人限额'),
        frequency: 'continuous',
        last_tested_on: '2025-12-15',
        last_result: 'effective',
      },
    },
  },
  {
    id: 'R-LQ-001',
    title: t('Mass withdrawal or funding run', '集中提现或资金挤兑'),
    category: 'liquidity',
    owner_role: 'officer',
    cause: t('Loss of confidence after bad news or a market shock', '负面消息或市场冲击导致信心丧失'),
    consequence: t('Obligations cannot be met on time', '无法按时履行兑付义务'),
    inherent: { likelihood: 2, impact: 5 },
    residual: { likelihood: 2, impact: 4 },
    kri_ids: ['liquidity.cash_coverage_30d'],
    controls: {
      FORECAST: {
        title: t('Daily 30-day cash-flow forecast', '每日30天现金流预测'),
        frequency: 'daily',
        last_tested_on: '2026-01-31',
        last_result: 'effective',
      },
      CFP: {
        title: t('Contingency funding plan drill', '应急融资预案演练'),
        frequency: 'annual',
        last_tested_on: '2024-11-20',
        last_result: 'partially_effective',
      },
    },
  },
  {
    id: 'R-LQ-002',
    title: t('Maturity mismatch of assets and funding', '资产与负债期限错配'),
    category: 'liquidity',
    owner_role: 'officer',
    cause: t('Long loans funded by short money', '以短期资金支持长期贷款'),
    consequence: t('Refinancing risk at every roll-over', '每次续借都面临再融资风险'),
    inherent: { likelihood: 3, impact: 4 },
    residual: { likelihood: 2, impact: 4 },
    kri_ids: ['liquidity.outflow_30d'],
    controls: {
      LADDER: {
        title: t('Quarterly maturity-ladder review', '季度期限结构评审'),
        frequency: 'quarterly',
        last_tested_on: '2025-12-28',
        last_result: 'effective',
      },
    },
  },
  {
    id: 'R-OP-001',
    title: t('External fraud: stolen identities and fake applications', '外部欺诈：冒用身份与虚假申请'),
    category: 'operational',
    owner_role: 'analyst',
    cause: t('Organised fraud rings test the onboarding flow', '团伙欺诈试探进件流程'),
    consequence: t(
      'Losses on loans that will never be repaid; regulatory attention',
      '无法收回的贷款损失；引发监管关注',
    ),
    inherent: { likelihood: 4, impact: 4 },
    residual: { likelihood: 3, impact: 3 },
    kri_ids: ['operational.reject_rate', 'operational.manual_review_rate'],
    controls: {
      RULES: {
        title: t('Real-time decision rules and lists', '实时决策规则与黑名单'),
        frequency: 'continuous',
        last_tested_on: '2026-01-15',
        last_result: 'effective',
      },
      QA: {
        title: t('Manual review quality sampling', '人工审核质量抽检'),
        frequency: 'weekly',
        last_tested_on: '2026-01-05',
        last_result: 'partially_effective',
      },
    },
  },
  {
    id: 'R-OP-002',
    title: t('Internal misconduct or unauthorised change', '内部违规或未经授权的变更'),
    category: 'operational',
    owner_role: 'admin',
    cause: t('Excess privileges; one person able to act alone', '权限过大；一人即可完成操作'),
    consequence: t('Fraud from inside; tampered rules or data', '内部舞弊；规则或数据被篡改'),
    inherent: { likelihood: 2, impact: 5 },
    residual: { likelihood: 1, impact: 5 },
    kri_ids: ['operational.access_review_exceptions'],
    controls: {
      FOUREYES: {
        title: t('Four-eyes approval of rules, lists and grades', '规则、名单与评级的双人复核'),
        frequency: 'continuous',
        last_tested_on: '2026-01-12',
        last_result: 'effective',
      },
      ACCESS: {
        title: t('Quarterly privileged-access review', '季度特权账户复核'),
        frequency: 'quarterly',
        last_tested_on: '2025-10-30',
        last_result: 'ineffective',
      },
    },
  },
  {
    id: 'R-OP-003',
    title: t('Errors in loan disbursement and servicing', '放款与贷后操作差错'),
    category: 'operational',
    owner_role: 'analyst',
    cause: t('Manual steps and unclear procedures', '人工环节多、流程不清'),
    consequence: t('Wrong amounts paid out; customer complaints', '错付金额；客户投诉'),
    inherent: { likelihood: 3, impact: 3 },
    residual: { likelihood: 2, impact: 2 },
    controls: {
      RECON: {
        title: t('Daily disbursement reconciliation', '每日放款对账'),
        frequency: 'daily',
        last_tested_on: '2026-01-31',
        last_result: 'effective',
      },
    },
  },
  {
    id: 'R-TE-001',
    title: t('Outage of the decision service', '决策服务中断'),
    category: 'technology',
    owner_role: 'admin',
    cause: t('Infrastructure failure, bad deployment, overload', '基础设施故障、错误发布、过载'),
    consequence: t('Applications decided by fallback or not at all', '申请只能走降级结果或无法决策'),
    inherent: { likelihood: 3, impact: 5 },
    residual: { likelihood: 2, impact: 4 },
    kri_ids: ['technology.availability', 'technology.decision_latency_p99', 'technology.fallback_rate'],
    controls: {
      DR: {
        title: t('Disaster-recovery failover test', '灾备切换演练'),
        frequency: 'semiannual',
        last_tested_on: '2025-09-18',
        last_result: 'partially_effective',
      },
      MON: {
        title: t('Latency and error monitoring with on-call', '延迟与错误监控及值班'),
        frequency: 'continuous',
        last_tested_on: '2026-01-20',
        last_result: 'effective',
      },
    },
  },
  {
    id: 'R-TE-002',
    title: t('Leak of personal information', '个人信息泄露'),
    category: 'technology',
    owner_role: 'admin',
    cause: t('Attack on exposed systems; careless data handling', '暴露系统遭攻击；数据处理不慎'),
    consequence: t(
      'Harm to customers; fines under the Personal Information Protection Law',
      '损害客户权益；依《个人信息保护法》受罚',
    ),
    inherent: { likelihood: 3, impact: 5 },
    residual: { likelihood: 2, impact: 5 },
    controls: {
      HASH: {
        title: t('Identifiers hashed and masked at rest', '身份标识加密哈希与脱敏存储'),
        frequency: 'continuous',
        last_tested_on: '2026-01-08',
        last_result: 'effective',
      },
      PENTEST: { title: t('Annual penetration test', '年度渗透测试'), frequency: 'annual' },
    },
  },
  {
    id: 'R-LG-001',
    title: t('Regulatory non-compliance', '违反监管规定'),
    category: 'legal',
    owner_role: 'officer',
    cause: t(
      'Rules on licences, interest caps and collection change faster than procedures',
      '牌照、利率上限与催收规定的变化快于内部流程',
    ),
    consequence: t('Penalties, suspension of business, reputation loss', '罚款、暂停业务、声誉受损'),
    inherent: { likelihood: 3, impact: 4 },
    residual: { likelihood: 2, impact: 4 },
    kri_ids: ['legal.open_regulatory_findings'],
    controls: {
      SELF: {
        title: t('Quarterly compliance self-inspection', '季度合规自查'),
        frequency: 'quarterly',
        last_tested_on: '2025-12-20',
        last_result: 'partially_effective',
      },
    },
  },
  {
    id: 'R-LG-002',
    title: t('Unenforceable electronic contracts', '电子合同无法有效执行'),
    category: 'legal',
    owner_role: 'officer',
    cause: t('Defective signatures or terms in loan contracts', '借款合同签署或条款存在瑕疵'),
    consequence: t('Debts that cannot be collected in court', '债权无法通过诉讼追偿'),
    inherent: { likelihood: 2, impact: 3 },
    residual: { likelihood: 2, impact: 2 },
    controls: {
      TEMPLATE: {
        title: t('Annual legal review of contract templates', '合同模板年度法律审查'),
        frequency: 'annual',
        last_tested_on: '2025-06-30',
        last_result: 'effective',
      },
    },
  },
];
