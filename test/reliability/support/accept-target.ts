import { CreateTagsCommand, DescribeVpcEndpointConnectionsCommand, type VpcEndpointConnection } from '@aws-sdk/client-ec2';
import type { Context, SNSEvent } from 'aws-lambda';
import { runTags } from '../../../functions/commons/lab-tags';
import { logger } from '../../../functions/commons/logger';
import { handler } from '../../../functions/handlers/accept-connection';
import type { ConnectionOutcome } from '../../../functions/lab/acceptance/accept-connection';
import { type E2eLab, startE2eLab } from '../../support/e2e-lab';
import { useLocalCloudEnvironment } from '../../support/lab-handlers';
import { consumerNetwork, type ConsumerNetwork, privateSubnetEndpoint, providerService } from '../../support/ssm-lab';
import { badEvent, badMessage, type PendingConnection, reshapedMessage, snsRecord } from './bad-notifications';
import { seededRandom, seedOf } from './seeded-random';

export const LAB_ACCOUNT = '000000000000';
const RUN = { runId: 'lab-20261126-0000-acce', scenario: 'service', expiresAt: '2099-01-01T00:00:00.000Z' };

/** What a stream of bad notifications came to. */
export interface BadNotificationsOutcome {
  readonly sent: number;
  /** SNS records among them (an event that is not one counts once). */
  readonly records: number;
  /** Failures the handler threw, by the kind of notification. */
  readonly thrown: string[];
  /** Decisions it took (any is wrong: none of the notifications named one of the lab's services with a connection pending). */
  readonly decided: ConnectionOutcome[];
}

/**
 * A lab whose AcceptConnection is the target: a consumer VPC with an
 * endpoint awaiting acceptance on the lab's own (tagged) endpoint service,
 * and one on a service that is not the lab's. Neither service sends
 * connection notifications: only the caller hands them to AcceptConnection,
 * directly or through SNS delivery.
 */
export class AcceptTarget {
  private constructor(
    readonly lab: E2eLab,
    private readonly consumer: ConsumerNetwork,
    readonly managed: { readonly serviceId: string; readonly serviceName: string },
    readonly labPending: PendingConnection,
    readonly foreignPending: PendingConnection,
  ) {}

  static async start(): Promise<AcceptTarget> {
    const lab = await startE2eLab();
    const consumer = await consumerNetwork(lab.ec2, 30);
    const managed = await providerService(lab, 31);
    await lab.ec2.send(new CreateTagsCommand({ Resources: [managed.serviceId], Tags: runTags(RUN, 'endpoint-service') }));
    const foreign = await providerService(lab, 32);
    const pending = async (service: { serviceId: string; serviceName: string }): Promise<PendingConnection> => {
      const endpoint = await privateSubnetEndpoint(lab.ec2, consumer, service.serviceName);
      return { serviceId: service.serviceId, vpcEndpointId: endpoint.VpcEndpointId ?? '', owner: LAB_ACCOUNT, region: lab.lab.region };
    };
    const target = new AcceptTarget(lab, consumer, managed, await pending(managed), await pending(foreign));
    lab.cloud.settle();
    // The handler called directly builds its clients from the environment, as on Lambda.
    useLocalCloudEnvironment(lab);
    return target;
  }

  /** One more endpoint awaiting acceptance on the lab's service. */
  async pendingConnection(): Promise<PendingConnection> {
    const endpoint = await privateSubnetEndpoint(this.lab.ec2, this.consumer, this.managed.serviceName);
    return { serviceId: this.managed.serviceId, vpcEndpointId: endpoint.VpcEndpointId ?? '', owner: LAB_ACCOUNT, region: this.lab.lab.region };
  }

  /** Every connection of the two services, as EC2 describes them. */
  async connections(): Promise<VpcEndpointConnection[] | undefined> {
    const filters = [{ Name: 'service-id', Values: [this.managed.serviceId, this.foreignPending.serviceId] }];
    return (await this.lab.ec2.send(new DescribeVpcEndpointConnectionsCommand({ Filters: filters }))).VpcEndpointConnections;
  }

  /** The decisions the cloud has been asked to make since its journal was last cleared. */
  decisions(): readonly { action: string }[] {
    return this.lab.cloud.journal.list().filter((call) => call.action === 'AcceptVpcEndpointConnections' || call.action === 'RejectVpcEndpointConnections');
  }

  /** AcceptConnection invoked directly with `event`, as Lambda would. */
  deliver(event: unknown): Promise<ConnectionOutcome[]> {
    return handler(event as SNSEvent, {} as Context);
  }

  /** `count` bad events drawn from the seed `name`, handed to AcceptConnection one after another. */
  badEvents(name: string, count: number): Promise<BadNotificationsOutcome> {
    return this.deliverEach(name, count, (random) => badEvent(random, this.labPending, this.foreignPending));
  }

  /** `count` reshaped or forged messages about the lab's service drawn from the seed `name`, handed to AcceptConnection one event each. */
  reshapedEvents(name: string, count: number): Promise<BadNotificationsOutcome> {
    return this.deliverEach(name, count, (random) => {
      const { kind, message } = reshapedMessage(random, this.labPending, this.foreignPending);
      return { kind, event: { Records: [snsRecord(message)] }, records: 1 };
    });
  }

  private async deliverEach(name: string, count: number, draw: (random: () => number) => { kind: string; event: unknown; records: number }): Promise<BadNotificationsOutcome> {
    const random = seededRandom(seedOf(name));
    const thrown: string[] = [];
    const decided: ConnectionOutcome[] = [];
    let records = 0;
    for (let i = 0; i < count; i++) {
      const { kind, event, records: inEvent } = draw(random);
      records += inEvent;
      const outcomes = await this.deliver(event).catch((failure: unknown) => thrown.push(`${kind}: ${String(failure)}`));
      if (Array.isArray(outcomes)) decided.push(...outcomes.filter((outcome) => !('ignored' in outcome)));
    }
    return { sent: count, records, thrown, decided };
  }

  /**
   * Counts the notifications AcceptConnection logs as ignored (at info or
   * warn, as it does) from now on: what was really delivered to it and
   * turned away, not what was sent. The returned function stops counting.
   */
  /** Counts the notifications the handler logs as ignored until `stop`; `sofar` reads the count meanwhile. */
  countIgnored(): { sofar: () => number; stop: () => number } {
    let ignored = 0;
    const { info, warn } = logger;
    const counting = (log: typeof info) => (...args: Parameters<typeof info>) => {
      if (args[0] === 'connection notification ignored') ignored++;
      log.apply(logger, args);
    };
    logger.info = counting(info);
    logger.warn = counting(warn);
    return {
      sofar: () => ignored,
      stop: () => {
        logger.info = info;
        logger.warn = warn;
        return ignored;
      },
    };
  }

  /** `count` bad messages drawn from the seed `name`, published on the connection topic for SNS to deliver. */
  publishBadMessages(name: string, count: number): void {
    const random = seededRandom(seedOf(name));
    for (let i = 0; i < count; i++) {
      const { message } = badMessage(random, this.labPending, this.foreignPending);
      this.lab.cloud.runtime.events.emit('connection-notification', { topicArn: this.lab.lab.connectionTopicArn, message });
    }
  }
}
