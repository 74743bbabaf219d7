import { EventEmitter } from 'node:events';
import type { CloudStore } from './cloud-store';
import type { Clock } from './clock';
import type { Faults } from './faults';
import type { InstanceServices } from './instance-services';
import type { RateLimits } from './rate-limits';
import type { Scheduler } from './scheduler';
import type { ZoneGaps } from './zone-gaps';

/** What happens in the cloud that something outside a request may want to hear of. */
export interface CloudEventMap {
  /** An endpoint-service connection notification, with the message body AWS publishes to SNS. */
  'connection-notification': [{ readonly topicArn: string; readonly message: string }];
  /** An EC2 instance finished booting (`pending` to `running`): the software on it starts. */
  'instance-running': [{ readonly instanceId: string; /** Epoch ms it was due to run. */ readonly at: number }];
}

/** The shared machinery every service model runs on. */
export interface CloudRuntime {
  readonly store: CloudStore;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly faults: Faults;
  /** AWS-style API rate limits, when the cloud enforces them (off by default). */
  readonly rateLimits?: RateLimits;
  readonly events: EventEmitter<CloudEventMap>;
  readonly accountId: string;
  /** What some zones lack (an instance type, an AWS service's endpoint); empty when every zone offers everything. */
  readonly zoneGaps: ZoneGaps;
  /** Whether a region the cloud first serves gets its default VPC, as every AWS account has; false for an account that deleted it. */
  readonly defaultVpc: boolean;
  /**
   * The region of the call being answered, for the time the dispatcher runs
   * it (operations are synchronous, so no other call interleaves); undefined
   * outside a call, for timed events. Regional resources are seen only from
   * their own region, as on AWS.
   */
  readonly call: { region: string | undefined };
  /** The instance metadata service's role credentials and the AWS API, for software on the cloud's instances. */
  readonly instanceServices: InstanceServices;
}

export const LOCAL_ACCOUNT_ID = '000000000000';
