import type { SNSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { CloudEventMap, CloudRuntime } from '../cloud/cloud-runtime';
import { awsSeconds } from '../../contract/latency-profile';
import { LambdaInvocationFailed } from './lambda-errors';
import type { LambdaInvoker } from './lambda-function';
import { isKind } from '../../functions/commons/is-kind';

/** A Lambda function subscribed to an SNS topic. */
export interface SnsSubscription {
  readonly topicArn: string;
  readonly functionArn: string;
}

/**
 * SNS invokes a subscribed function asynchronously; Lambda tries a failed
 * event twice more (AWS time, scaled by the clock), and then drops it.
 */
const RETRY_DELAYS_SECONDS = [awsSeconds('asyncInvokeFirstRetry'), awsSeconds('asyncInvokeSecondRetry')];

/** The event SNS hands a subscribed function: one record per message. */
export function snsEvent(subscription: SnsSubscription, subscriptionArn: string, message: string): SNSEvent {
  const region = subscription.topicArn.split(':')[3] ?? '';
  const host = `https://sns.${region}.amazonaws.com`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: subscription.topicArn,
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          // The local cloud holds no SNS signing key: nothing here can be verified, so nothing pretends to be.
          Signature: '',
          SigningCertUrl: `${host}/SimpleNotificationService-local.pem`,
          UnsubscribeUrl: `${host}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: {},
        },
      },
    ],
  };
}

/**
 * Delivers what the cloud publishes to `subscription.topicArn` (endpoint
 * service connection notifications) to the subscribed function. A failed
 * delivery is logged and retried as Lambda's asynchronous invocation does;
 * it never fails the call that published, nor the process.
 */
export class SnsDelivery {
  private readonly subscriptionArn: string;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  private readonly listener = ({ topicArn, message }: CloudEventMap['connection-notification'][0]): void => {
    if (topicArn === this.subscription.topicArn) this.attempt(snsEvent(this.subscription, this.subscriptionArn, message), 0);
  };

  constructor(
    private readonly runtime: CloudRuntime,
    private readonly invoke: LambdaInvoker,
    private readonly subscription: SnsSubscription,
    private readonly log: (message: string) => void,
  ) {
    this.subscriptionArn = `${subscription.topicArn}:${randomUUID()}`;
    runtime.events.on('connection-notification', this.listener);
  }

  close(): void {
    this.closed = true;
    this.runtime.events.off('connection-notification', this.listener);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Publishing happens inside the call that changed the endpoint; delivery always comes after it, as on AWS. */
  private attempt(event: SNSEvent, retriesDone: number): void {
    const delay = this.runtime.clock.scaled(retriesDone === 0 ? awsSeconds('notificationDelivered') : (RETRY_DELAYS_SECONDS[retriesDone - 1] ?? 0));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.invoke(this.subscription.functionArn, event).catch((error: unknown) => this.failed(event, retriesDone, error));
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  private failed(event: SNSEvent, retriesDone: number, error: unknown): void {
    if (this.closed) return;
    const messageId = event.Records[0]?.Sns.MessageId ?? '';
    const reason = isKind(error, LambdaInvocationFailed) ? error.summary : String(error);
    const attempts = RETRY_DELAYS_SECONDS.length + 1;
    const next = retriesDone < RETRY_DELAYS_SECONDS.length ? 'will retry' : 'dropped';
    this.log(`SNS delivery of message ${messageId} from ${this.subscription.topicArn} to ${this.subscription.functionArn} failed (attempt ${retriesDone + 1} of ${attempts}, ${next}): ${reason}`);
    if (retriesDone < RETRY_DELAYS_SECONDS.length) this.attempt(event, retriesDone + 1);
  }
}
