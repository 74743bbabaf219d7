import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointConnectionNotificationCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeVpcEndpointsCommand,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import { vpcWithTwoZones } from '../support/endpoint-lab';
import { raiseVpcQuota } from '../support/local-cloud-fixture';
import { eventually, type LabFixture, labForTests, STAND_IN_FUNCTIONS } from '../support/local-lab-fixture';
import { failNext, receivedEvents } from '../support/stand-in-functions/sns-recorder';

const SNS_RECORDER = { id: 'AcceptConnection', entry: 'test/support/stand-in-functions/sns-recorder.ts', timeoutSeconds: 5 };

/**
 * The lab's provider side, as the build steps make it: an NLB, an endpoint
 * service on it managed by vpce-lab and requiring acceptance, notifying the
 * lab's topic; and a consumer VPC to connect from.
 */
async function notifyingService(local: LabFixture, n: number) {
  const provider = await vpcWithTwoZones(local.ec2, n);
  const { LoadBalancers } = await local.elbv2.send(new CreateLoadBalancerCommand({ Name: `sns-${n}`, Type: 'network', Scheme: 'internal', Subnets: [provider.subnetA] }));
  const { ServiceConfiguration } = await local.ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({
      NetworkLoadBalancerArns: [LoadBalancers![0]!.LoadBalancerArn!],
      AcceptanceRequired: true,
      TagSpecifications: [{ ResourceType: 'vpc-endpoint-service', Tags: [{ Key: 'vpce-lab:managed', Value: 'true' }] }],
    }),
  );
  const serviceId = ServiceConfiguration!.ServiceId!;
  await local.ec2.send(
    new CreateVpcEndpointConnectionNotificationCommand({ ServiceId: serviceId, ConnectionNotificationArn: local.lab.connectionTopicArn, ConnectionEvents: ['Connect', 'Accept', 'Reject', 'Delete'] }),
  );
  const consumer = await vpcWithTwoZones(local.ec2, n + 100);
  const connect = async (): Promise<string> =>
    (
      await local.ec2.send(
        new CreateVpcEndpointCommand({ VpcId: consumer.vpcId, ServiceName: ServiceConfiguration!.ServiceName!, VpcEndpointType: 'Interface', SubnetIds: [consumer.subnetA] }),
      )
    ).VpcEndpoint!.VpcEndpointId!;
  return { serviceId, connect };
}

describe('with a stand-in AcceptConnection', () => {
  const local = labForTests({ functions: [...STAND_IN_FUNCTIONS, SNS_RECORDER] });
  // Each test builds a provider and a consumer VPC of its own in the one cloud.
  beforeAll(() => raiseVpcQuota(local.cloud.endpoint));

  test('a connection request reaches the function as an SNS event', async () => {
    const { serviceId, connect } = await notifyingService(local, 1);
    const vpcEndpointId = await connect();
    await eventually(() => receivedEvents().length === 1);
    const [record] = receivedEvents()[0]!.Records;
    expect(record).toMatchObject({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: expect.stringMatching(/^arn:aws:sns:ap-northeast-2:000000000000:vpce-lab-connection-notifications:[0-9a-f-]{36}$/),
      Sns: {
        Type: 'Notification',
        TopicArn: 'arn:aws:sns:ap-northeast-2:000000000000:vpce-lab-connection-notifications',
        MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        MessageAttributes: {},
      },
    });
    expect(JSON.parse(record!.Sns.Message)).toEqual({
      subscriberArn: `arn:aws:ec2:ap-northeast-2:000000000000:vpc-endpoint-service/${serviceId}`,
      vpcEndpointId,
      vpcEndpointOwner: '000000000000',
      vpcEndpointState: 'pendingAcceptance',
      eventType: 'Connect',
    });
  });

  test('a failed delivery is logged and tried again with the same message', async () => {
    const { connect } = await notifyingService(local, 2);
    const before = receivedEvents().length;
    failNext(1);
    await connect();
    await eventually(() => receivedEvents().length === before + 2);
    const [first, second] = receivedEvents().slice(before);
    expect(second!.Records[0]!.Sns.MessageId).toBe(first!.Records[0]!.Sns.MessageId);
    expect(local.logs).toEqual([expect.stringMatching(/^SNS delivery of message \S+ from .+ to .+vpce-lab-AcceptConnection failed \(attempt 1 of 3, will retry\): Error: EC2 is unreachable$/)]);
  });

  test('after three failed attempts the message is dropped, and the cloud goes on', async () => {
    const { connect } = await notifyingService(local, 3);
    local.logs.length = 0;
    failNext(3);
    await connect();
    await eventually(() => local.logs.length === 3);
    expect(local.logs[2]).toMatch(/attempt 3 of 3, dropped/);
    expect(await connect()).toMatch(/^vpce-/);
  });
});

describe('with the lab’s AcceptConnection', () => {
  const local = labForTests({ functions: LAB_FUNCTIONS.filter((fn) => fn.id === 'AcceptConnection'), environment: { LOG_LEVEL: 'SILENT' } });

  test('an allow-listed endpoint is accepted as soon as it asks', async () => {
    const { connect } = await notifyingService(local, 4);
    const vpcEndpointId = await connect();
    await eventually(async () => {
      local.cloud.settle();
      const { VpcEndpoints } = await local.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [vpcEndpointId] }));
      return String(VpcEndpoints?.[0]?.State) === 'available';
    });
    expect(local.logs).toEqual([]);
  });
});
