import { CreateVpcEndpointCommand, DescribeSubnetsCommand, DescribeVpcEndpointServiceConfigurationsCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { StepDependencies } from '../../functions/commons/lab-step';
import type { RunIdentity } from '../../functions/commons/lab-tags';
import { endpointService } from '../support/endpoint-lab';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { createNlb, createTcpTargetGroup, launchInstance, nlbNetwork } from '../support/nlb-lab';
import { halfBuiltLab, tagElbv2, taggedLab, tagVpcContents } from '../support/tagged-lab';
import { leftovers, localDependencies, tearDownLikeTheStateMachine } from '../support/teardown-driver';

const run = (runId: string): RunIdentity => ({ runId, scenario: 'full', expiresAt: '2026-11-26T03:12:00.000Z' });
const RUN = run('lab-20261126-0112-ab12');
const OTHER = run('lab-20261126-0113-cd34');
const HALF = run('lab-20261126-0114-ef56');

const local = localCloudForTests();
let dependencies: StepDependencies;

beforeAll(async () => {
  dependencies = localDependencies(local);
});

/** The teardown as the state machine runs it, the cloud settling between retries (time scale 0); the output as each state adds to it. */
async function tearDown(runId: string): Promise<Record<string, unknown>> {
  const runs = await tearDownLikeTheStateMachine(runId, dependencies, () => local.cloud.settle());
  return Object.fromEntries(Object.entries(runs).map(([state, { result }]) => [state, result]));
}

describe('a whole lab, torn down among other runs and untagged resources', () => {
  let foreign: { vpcId: string; serviceId: string; loadBalancerArn: string; endpointId: string };
  let otherRun: string[];
  let output: Record<string, unknown>;

  beforeAll(async () => {
    const lab = await taggedLab(local, RUN, { consumer: 0, provider: 1 });
    // Untagged: a VPC with an NLB and an endpoint service, and an endpoint of its own asking to connect to the run's service.
    const untagged = await endpointService(local, 5, { acceptanceRequired: true });
    const { LoadBalancers } = await local.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [untagged.loadBalancerArn] }));
    const vpcId = LoadBalancers![0]!.VpcId!;
    const { Subnets } = await local.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'availability-zone', Values: [`${REGION}a`] }] }));
    const { VpcEndpoint } = await local.ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: lab.serviceName, SubnetIds: [Subnets![0]!.SubnetId!] }));
    foreign = { vpcId, serviceId: untagged.serviceId, loadBalancerArn: untagged.loadBalancerArn, endpointId: VpcEndpoint!.VpcEndpointId! };
    // Another run: a VPC with an instance, an NLB and a target group.
    const network = await nlbNetwork(local.ec2, 6, { internetGateway: true });
    await launchInstance(local.ec2, network.subnetA);
    const balancer = await createNlb(local.elbv2, { Name: 'other-6', Subnets: [network.subnetA] });
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'other-6', VpcId: network.vpcId });
    await tagVpcContents(local, network.vpcId, OTHER);
    await tagElbv2(local, [balancer.LoadBalancerArn!, group.TargetGroupArn!], OTHER);
    local.cloud.settle();
    otherRun = await leftovers(local, OTHER.runId);

    expect((await leftovers(local, RUN.runId)).length).toBeGreaterThan(20);
    local.cloud.journal.clear();
    output = await tearDown(RUN.runId);
  });

  test('nothing of the run remains', async () => {
    await expect(leftovers(local, RUN.runId)).resolves.toEqual([]);
  });

  test("another run's resources and untagged ones all survive; the untagged endpoint's request was only rejected", async () => {
    await expect(leftovers(local, OTHER.runId)).resolves.toEqual(otherRun);
    const { ec2, elbv2 } = local;
    await expect(ec2.send(new DescribeVpcsCommand({ VpcIds: [foreign.vpcId] }))).resolves.toMatchObject({ Vpcs: [{ VpcId: foreign.vpcId }] });
    await expect(elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [foreign.loadBalancerArn] }))).resolves.toMatchObject({ LoadBalancers: [{ LoadBalancerArn: foreign.loadBalancerArn }] });
    await expect(ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: [foreign.serviceId] }))).resolves.toMatchObject({
      ServiceConfigurations: [{ ServiceId: foreign.serviceId, ServiceState: 'Available' }],
    });
    await expect(ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [foreign.endpointId] }))).resolves.toMatchObject({ VpcEndpoints: [{ State: 'rejected' }] });
  });

  test('the cloud saw the endpoint service deleted before its NLB, and the NLB before the VPCs', () => {
    const done = local.cloud.journal.list().filter((entry) => entry.status === 200);
    const first = (action: string) => done.findIndex((entry) => entry.action === action);
    const last = (action: string) => done.map((entry) => entry.action).lastIndexOf(action);
    expect(first('DeleteVpcEndpoints')).toBeLessThan(first('RejectVpcEndpointConnections'));
    expect(last('RejectVpcEndpointConnections')).toBeLessThan(first('DeleteVpcEndpointServiceConfigurations'));
    expect(last('DeleteVpcEndpointServiceConfigurations')).toBeLessThan(first('DeleteLoadBalancer'));
    expect(last('DeleteLoadBalancer')).toBeLessThan(first('DeleteTargetGroup'));
    expect(last('DeleteLoadBalancer')).toBeLessThan(first('TerminateInstances'));
    expect(last('TerminateInstances')).toBeLessThan(first('DeleteSubnet'));
    expect(last('DeleteLoadBalancer')).toBeLessThan(first('DeleteVpc'));
    expect(done.filter((entry) => entry.action === 'DeleteVpc')).toHaveLength(2);
  });

  test("the output says what each step deleted", () => {
    expect(output).toMatchObject({
      DeleteVpcEndpoints: { vpcEndpointIds: expect.arrayContaining([expect.stringMatching(/^vpce-/)]) },
      DeleteEndpointService: { serviceIds: [expect.stringMatching(/^vpce-svc-/)], rejectedVpcEndpointIds: [foreign.endpointId], connectionNotificationIds: [expect.stringMatching(/^vpce-nfn-/)] },
      DeleteLoadBalancer: { loadBalancerArns: [expect.stringContaining(':loadbalancer/net/web-1/')] },
      DeleteTargetGroups: { targetGroupArns: [expect.stringContaining(':targetgroup/web-1/')] },
      TerminateInstances: { instanceIds: expect.any(Array) },
      DeleteNetworks: { vpcIds: expect.any(Array), subnetIds: expect.any(Array), internetGatewayIds: expect.any(Array), securityGroupIds: expect.any(Array) },
    });
    const counts = output as { DeleteVpcEndpoints: { vpcEndpointIds: string[] }; TerminateInstances: { instanceIds: string[] }; DeleteNetworks: Record<string, string[]> };
    // ssm, ssmmessages, ec2messages, s3, cloudformation, and the consumer endpoint to the service.
    expect(counts.DeleteVpcEndpoints.vpcEndpointIds).toHaveLength(6);
    expect(counts.TerminateInstances.instanceIds).toHaveLength(4);
    expect(counts.DeleteNetworks.vpcIds).toHaveLength(2);
    expect(counts.DeleteNetworks.subnetIds).toHaveLength(3);
    expect(counts.DeleteNetworks.securityGroupIds).toHaveLength(3);
  });

  test('every step run a second time finds nothing to do and changes nothing', async () => {
    local.cloud.journal.clear();
    const again = await tearDown(RUN.runId);
    expect(again).toEqual({
      DeleteVpcEndpoints: { vpcEndpointIds: [] },
      DeleteEndpointService: { serviceIds: [], rejectedVpcEndpointIds: [], connectionNotificationIds: [] },
      DeleteLoadBalancer: { loadBalancerArns: [] },
      DeleteTargetGroups: { targetGroupArns: [] },
      TerminateInstances: { instanceIds: [] },
      AwaitInstancesTerminated: {},
      AwaitNetworkInterfacesReleased: {},
      DeleteNetworks: { vpcIds: [], subnetIds: [], routeTableIds: [], internetGatewayIds: [], securityGroupIds: [] },
    });
    expect(local.cloud.journal.list().filter((entry) => !entry.action.startsWith('Describe'))).toEqual([]);
  });
});

test('a half-built run is torn down as well', async () => {
  const half = await halfBuiltLab(local, HALF, 7);
  expect(await leftovers(local, HALF.runId)).toEqual(expect.arrayContaining([half.vpcId, half.looseGatewayId]));
  const output = await tearDown(HALF.runId);
  await expect(leftovers(local, HALF.runId)).resolves.toEqual([]);
  expect(output).toMatchObject({
    DeleteLoadBalancer: { loadBalancerArns: [expect.stringContaining('/half-7/')] },
    DeleteTargetGroups: { targetGroupArns: [expect.stringContaining('/half-7/')] },
    DeleteNetworks: { vpcIds: [half.vpcId], internetGatewayIds: expect.arrayContaining([half.looseGatewayId]) },
  });
});
