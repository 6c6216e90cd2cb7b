/**
 * Notifications as one service: the targets administrators configure, the queue and log of
 * deliveries to them, the worker that sends, and each person's inbox. The alert module calls
 * `notify` inside the transaction of each alert change, so the inbox rows and queued deliveries
 * commit with the change or not at all.
 */
import type { Executor } from '../../../store/transaction.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import type { NotifyDeps } from './config.js';
import { Deliveries, type DeliveryView } from './deliveries.js';
import { type DeliveryRun, DeliveryWorker } from './delivery-worker.js';
import { HostPolicy } from './host-policy.js';
import { Inbox } from './inbox.js';
import type { Notice } from './notice.js';
import { NotificationTargets } from './targets.js';

/** What one notice turned into. */
export interface NotifyResult {
  readonly inbox: number;
  readonly queued: number;
}

/** Notifications. */
export class Notifier {
  readonly policy: HostPolicy;
  readonly targets: NotificationTargets;
  readonly inbox: Inbox;
  readonly deliveries: Deliveries;
  private readonly worker: DeliveryWorker;

  constructor(private readonly deps: NotifyDeps) {
    this.policy = new HostPolicy(deps.config.allowedHosts, deps.resolver);
    this.targets = new NotificationTargets(deps, this.policy);
    this.inbox = new Inbox(deps);
    this.deliveries = new Deliveries(deps);
    this.worker = new DeliveryWorker(deps, this.policy, (target) => this.targets.secretOf(target));
  }

  /** Writes `notice` to its recipients' inboxes and queues it for every target that takes it. */
  async notify(trx: Executor, notice: Notice): Promise<NotifyResult> {
    const inbox = await this.inbox.deliver(trx, notice);
    const queued = await this.deliveries.enqueue(trx, notice);
    return { inbox, queued: queued.length };
  }

  /** Sends every delivery due now; what the delivery job runs. */
  deliverDue(): Promise<DeliveryRun> {
    return this.worker.deliverDue();
  }

  /** Queues a test notice to one target (whatever its events and severity), audited. */
  async sendTest(targetId: string, actor: Actor): Promise<DeliveryView> {
    const id = await transact(this.deps.db, async (trx) => {
      const target = await this.targets.require(trx, targetId);
      const notice: Notice = {
        event: 'notification.test',
        severity: 'low',
        title: { en: `Test notification to ${target.name}`, zh: `发送至 ${target.name} 的测试通知` },
        body: {
          en: 'This is a test from Fengkong. If you can read it, the target works.',
          zh: '这是风控系统发送的测试通知。收到即表示该通知目标可用。',
        },
        recipients: [],
        alert: null,
      };
      const [queued] = await this.deliveries.enqueue(trx, notice, target.id);
      await this.deps.audit.append(trx, {
        actor,
        action: 'notification.target.test',
        target: { type: 'notification_target', id: target.id },
        payload: { name: target.name },
      });
      return queued;
    });
    if (id === undefined) throw new Error('the test delivery was not queued');
    return this.deliveries.get(id);
  }
}
