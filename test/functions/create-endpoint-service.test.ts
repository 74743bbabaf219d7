import {
  CreateVpcEndpointConnectionNotificationCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeVpcEndpointServicePermissionsCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
} from '@aws-sdk/client-ec2';
import { DescribeTagsCommand, ElasticLoadBalancingV2Client, type Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/create-endpoint-service';
import { ACCOUNT, endpointService, invoke, loadBalancer, otherRunTags, plan, REGION, run, tagsOf, tokenOf, withLabEnvironment } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:vpce-lab-connections`;
const loadBalancerTags = (tags: Tag[]) => elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: loadBalancer.loadBalancerArn, Tags: tags }] });

beforeEach(() => {
  ec2.reset();
  elbv2.reset();
  withLabEnvironment();
  loadBalancerTags(tagsOf('nlb'));
  ec2.on(CreateVpcEndpointServiceConfigurationCommand).resolves({ ServiceConfiguration: { ServiceId: endpointService.serviceId, ServiceName: endpointService.serviceName, ServiceState: 'Pending' } });
  ec2.on(DescribeVpcEndpointServicePermissionsCommand).resolves({ AllowedPrincipals: [] });
  ec2.on(CreateVpcEndpointConnectionNotificationCommand).resolves({ ConnectionNotification: { ConnectionNotificationId: 'vpce-nfn-0000000000000000a' } });
});

const principalsAdded = () => ec2.commandCalls(ModifyVpcEndpointServicePermissionsCommand).map((call) => call.args[0].input);

test("publishes the NLB as a service that requires acceptance, open to the lab's own account", async () => {
  await expect(invoke(handler, { run, plan, loadBalancer })).resolves.toEqual(endpointService);
  expect(ec2.commandCalls(CreateVpcEndpointServiceConfigurationCommand)[0]!.args[0].input).toEqual({
    NetworkLoadBalancerArns: [loadBalancer.loadBalancerArn],
    AcceptanceRequired: true,
    ClientToken: tokenOf('endpoint-service'),
    TagSpecifications: [{ ResourceType: 'vpc-endpoint-service', Tags: tagsOf('endpoint-service') }],
  });
  expect(principalsAdded()).toEqual([{ ServiceId: endpointService.serviceId, AddAllowedPrincipals: [`arn:aws:iam::${ACCOUNT}:root`] }]);
  expect(ec2.commandCalls(CreateVpcEndpointConnectionNotificationCommand)).toHaveLength(0);
});

test('with a connection topic, every connection event is notified to it', async () => {
  withLabEnvironment({ CONNECTION_TOPIC_ARN: TOPIC });
  await expect(invoke(handler, { run, plan, loadBalancer })).resolves.toEqual({ ...endpointService, connectionNotificationId: 'vpce-nfn-0000000000000000a' });
  expect(ec2.commandCalls(CreateVpcEndpointConnectionNotificationCommand)[0]!.args[0].input).toEqual({
    ServiceId: endpointService.serviceId,
    ConnectionNotificationArn: TOPIC,
    ConnectionEvents: ['Connect'],
    ClientToken: tokenOf('connection-notification'),
  });
});

test('LAB_ALLOWED_PRINCIPALS replaces the default principal', async () => {
  withLabEnvironment({ LAB_ALLOWED_PRINCIPALS: 'arn:aws:iam::444455556666:root, arn:aws:iam::777788889999:role/lab' });
  await invoke(handler, { run, plan, loadBalancer });
  expect(principalsAdded()[0]!.AddAllowedPrincipals).toEqual(['arn:aws:iam::444455556666:root', 'arn:aws:iam::777788889999:role/lab']);
});

test('a retry repeats the same ClientTokens, which AWS answers with what the first attempt made, and adds no principal twice', async () => {
  withLabEnvironment({ CONNECTION_TOPIC_ARN: TOPIC });
  const first = await invoke(handler, { run, plan, loadBalancer });
  ec2.on(DescribeVpcEndpointServicePermissionsCommand).resolves({ AllowedPrincipals: [{ Principal: `arn:aws:iam::${ACCOUNT}:root` }] });
  await expect(invoke(handler, { run, plan, loadBalancer })).resolves.toEqual(first);
  const [a, b] = ec2.commandCalls(CreateVpcEndpointServiceConfigurationCommand).map((call) => call.args[0].input);
  expect(b).toEqual(a);
  const [c, d] = ec2.commandCalls(CreateVpcEndpointConnectionNotificationCommand).map((call) => call.args[0].input.ClientToken);
  expect(d).toBe(c);
  expect(principalsAdded()).toHaveLength(1);
});

test("a load balancer that is not the run's is not published", async () => {
  loadBalancerTags(otherRunTags);
  await expect(invoke(handler, { run, plan, loadBalancer })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ec2.calls()).toHaveLength(0);
});
