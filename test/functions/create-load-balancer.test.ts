import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancerNotFoundException,
  TargetGroupNotFoundException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/create-load-balancer';
import { invoke, loadBalancer, otherRunTags, provider, run, tagsOf } from './build-fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const notFound = { $metadata: {}, message: 'not found' };
const balancer = { LoadBalancerArn: loadBalancer.loadBalancerArn, DNSName: loadBalancer.dnsName };
const group = { TargetGroupArn: loadBalancer.targetGroupArn };

beforeEach(() => {
  elbv2.reset();
  elbv2.on(DescribeLoadBalancersCommand).rejects(new LoadBalancerNotFoundException(notFound));
  elbv2.on(DescribeTargetGroupsCommand).rejects(new TargetGroupNotFoundException(notFound));
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [] });
  elbv2.on(CreateLoadBalancerCommand).resolves({ LoadBalancers: [balancer] });
  elbv2.on(CreateTargetGroupCommand).resolves({ TargetGroups: [group] });
  elbv2.on(CreateListenerCommand).resolves({ Listeners: [{ ListenerArn: loadBalancer.listenerArn }] });
});

test('an internal NLB in both provider subnets, a TCP 80 instance target group and a listener, named from the run id and tagged at creation', async () => {
  await expect(invoke(handler, { run, provider })).resolves.toEqual(loadBalancer);
  expect(elbv2.commandCalls(CreateLoadBalancerCommand)[0]!.args[0].input).toEqual({
    Name: 'lab-20261126-0112-ab12-nlb',
    Type: 'network',
    Scheme: 'internal',
    Subnets: provider.subnetIds,
    Tags: tagsOf('nlb'),
  });
  expect(elbv2.commandCalls(CreateTargetGroupCommand)[0]!.args[0].input).toEqual({
    Name: 'lab-20261126-0112-ab12-web',
    Protocol: 'TCP',
    Port: 80,
    VpcId: provider.vpcId,
    TargetType: 'instance',
    HealthCheckProtocol: 'TCP',
    HealthCheckIntervalSeconds: 10,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 2,
    Tags: tagsOf('web-targets'),
  });
  expect(elbv2.commandCalls(CreateListenerCommand)[0]!.args[0].input).toEqual({
    LoadBalancerArn: loadBalancer.loadBalancerArn,
    Protocol: 'TCP',
    Port: 80,
    DefaultActions: [{ Type: 'forward', TargetGroupArn: loadBalancer.targetGroupArn }],
    Tags: tagsOf('web-listener'),
  });
});

test("a retry finds the run's load balancer, target group and listener by name and creates nothing", async () => {
  elbv2.on(DescribeLoadBalancersCommand, { Names: ['lab-20261126-0112-ab12-nlb'] }).resolves({ LoadBalancers: [balancer] });
  elbv2.on(DescribeTargetGroupsCommand, { Names: ['lab-20261126-0112-ab12-web'] }).resolves({ TargetGroups: [group] });
  elbv2.on(DescribeTagsCommand).callsFake(({ ResourceArns }) => ({ TagDescriptions: [{ ResourceArn: ResourceArns[0], Tags: tagsOf('nlb') }] }));
  elbv2.on(DescribeListenersCommand).resolves({ Listeners: [{ ListenerArn: loadBalancer.listenerArn, Port: 80 }] });
  await expect(invoke(handler, { run, provider })).resolves.toEqual(loadBalancer);
  expect(elbv2.commandCalls(CreateLoadBalancerCommand)).toHaveLength(0);
  expect(elbv2.commandCalls(CreateTargetGroupCommand)).toHaveLength(0);
  expect(elbv2.commandCalls(CreateListenerCommand)).toHaveLength(0);
});

test("a load balancer of that name that is not the run's is not borrowed", async () => {
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [balancer] });
  elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: loadBalancer.loadBalancerArn, Tags: otherRunTags }] });
  await expect(invoke(handler, { run, provider })).rejects.toMatchObject({
    name: 'LabStepFailed',
    message: expect.stringContaining('an ELBv2 load balancer named lab-20261126-0112-ab12-nlb already exists and is not run lab-20261126-0112-ab12'),
  });
  expect(elbv2.commandCalls(CreateLoadBalancerCommand)).toHaveLength(0);
});
