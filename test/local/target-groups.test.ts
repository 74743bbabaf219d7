import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  type TargetHealth,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { localCloudForTests, REGION, withOwnLocalCloud } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { createNlb, createTcpTargetGroup, elbv2Refusal, forwardTcp, launchInstance, nlbNetwork } from '../support/nlb-lab';

const local = localCloudForTests();
let network: Awaited<ReturnType<typeof nlbNetwork>>;
beforeAll(async () => {
  network = await nlbNetwork(local.ec2, 0);
});

describe('CreateTargetGroup', () => {
  test('makes a TCP target group with the NLB health-check defaults', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'web-servers', VpcId: network.vpcId });
    expect(group.TargetGroupArn).toMatch(new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:000000000000:targetgroup/web-servers/[0-9a-f]{16}$`));
    expect(group).toMatchObject({
      TargetGroupName: 'web-servers',
      Protocol: 'TCP',
      Port: 80,
      VpcId: network.vpcId,
      TargetType: 'instance',
      HealthCheckEnabled: true,
      HealthCheckProtocol: 'TCP',
      HealthCheckPort: 'traffic-port',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 10,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      IpAddressType: 'ipv4',
    });
    expect(group.HealthCheckPath).toBeUndefined();
  });

  test('takes an HTTP health check with its path and matcher', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'http-checked', VpcId: network.vpcId, HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health' });
    expect(group).toMatchObject({ HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health', Matcher: { HttpCode: '200-399' }, HealthCheckTimeoutSeconds: 6 });
  });

  test('returns the existing group for the same name and settings, and refuses other settings', async () => {
    const first = await createTcpTargetGroup(local.elbv2, { Name: 'same-name', VpcId: network.vpcId });
    expect((await createTcpTargetGroup(local.elbv2, { Name: 'same-name', VpcId: network.vpcId })).TargetGroupArn).toBe(first.TargetGroupArn);
    const error = await elbv2Refusal(createTcpTargetGroup(local.elbv2, { Name: 'same-name', VpcId: network.vpcId, Port: 8080 }));
    expect(error).toEqual({ code: 'DuplicateTargetGroupName', message: "A target group with the same name 'same-name' exists, but with different settings" });
  });

  test('refuses an unknown VPC, a missing port, ALB protocols and bad names', async () => {
    expect(await elbv2Refusal(createTcpTargetGroup(local.elbv2, { Name: 'nowhere', VpcId: 'vpc-0123456789abcdef0' }))).toEqual({
      code: 'ValidationError',
      message: "The VPC ID 'vpc-0123456789abcdef0' is not found",
    });
    const noPort = local.elbv2.send(new CreateTargetGroupCommand({ Name: 'no-port', Protocol: 'TCP', VpcId: network.vpcId }));
    expect(await elbv2Refusal(noPort)).toEqual({ code: 'ValidationError', message: 'A port must be specified' });
    expect((await elbv2Refusal(createTcpTargetGroup(local.elbv2, { Name: 'alb-group', VpcId: network.vpcId, Protocol: 'HTTP' }))).code).toBe('UnsupportedProtocol');
    expect((await elbv2Refusal(createTcpTargetGroup(local.elbv2, { Name: 'bad_name', VpcId: network.vpcId }))).code).toBe('ValidationError');
  });
});

describe('DescribeTargetGroups', () => {
  test('finds groups by ARN, by name and by load balancer, and refuses unknown ones', async () => {
    const balancer = await createNlb(local.elbv2, { Name: 'describe-lb', Subnets: [network.subnetA] });
    const behind = await createTcpTargetGroup(local.elbv2, { Name: 'behind-lb', VpcId: network.vpcId });
    await forwardTcp(local.elbv2, balancer.LoadBalancerArn!, behind.TargetGroupArn!);

    const byLoadBalancer = await local.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: balancer.LoadBalancerArn }));
    expect(byLoadBalancer.TargetGroups).toEqual([expect.objectContaining({ TargetGroupArn: behind.TargetGroupArn, LoadBalancerArns: [balancer.LoadBalancerArn] })]);
    const byName = await local.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['behind-lb'] }));
    expect(byName.TargetGroups!.map((group) => group.TargetGroupArn)).toEqual([behind.TargetGroupArn]);

    expect(await elbv2Refusal(local.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['nobody'] })))).toEqual({
      code: 'TargetGroupNotFound',
      message: "Target groups '[nobody]' not found",
    });
    const unknownArn = behind.TargetGroupArn!.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await elbv2Refusal(local.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [unknownArn] })))).code).toBe('TargetGroupNotFound');
    const both = local.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['behind-lb'], TargetGroupArns: [behind.TargetGroupArn!] }));
    expect((await elbv2Refusal(both)).code).toBe('ValidationError');
  });

  test('pages with PageSize and NextMarker', async () => {
    await withOwnLocalCloud(async (paging) => {
      const own = await nlbNetwork(paging.ec2, 0);
      for (const index of [1, 2, 3]) await createTcpTargetGroup(paging.elbv2, { Name: `paged-${index}`, VpcId: own.vpcId });
      const first = await paging.elbv2.send(new DescribeTargetGroupsCommand({ PageSize: 2 }));
      const second = await paging.elbv2.send(new DescribeTargetGroupsCommand({ PageSize: 2, Marker: first.NextMarker }));
      expect(first.TargetGroups!.map((group) => group.TargetGroupName)).toEqual(['paged-1', 'paged-2']);
      expect(second.TargetGroups!.map((group) => group.TargetGroupName)).toEqual(['paged-3']);
      expect(second.NextMarker).toBeUndefined();
    });
  });
});

describe('DeleteTargetGroup', () => {
  test('is refused with ResourceInUse while a listener forwards to the group', async () => {
    const balancer = await createNlb(local.elbv2, { Name: 'delete-tg-lb', Subnets: [network.subnetA] });
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'in-use', VpcId: network.vpcId });
    const listener = await forwardTcp(local.elbv2, balancer.LoadBalancerArn!, group.TargetGroupArn!);
    expect(await elbv2Refusal(local.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn })))).toEqual({
      code: 'ResourceInUse',
      message: `Target group '${group.TargetGroupArn}' is currently in use by a listener or a rule`,
    });

    await local.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }));
    await local.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn }));
    expect((await elbv2Refusal(local.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [group.TargetGroupArn!] })))).code).toBe('TargetGroupNotFound');
  });
});

describe('RegisterTargets', () => {
  test('refuses instances that do not exist, are in another VPC, or are not running', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'picky', VpcId: network.vpcId });
    const register = (id: string) => local.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: id }] }));

    expect(await elbv2Refusal(register('i-0123456789abcdef0'))).toEqual({ code: 'InvalidTarget', message: "The following instances do not exist: 'i-0123456789abcdef0'" });
    expect((await elbv2Refusal(register('not-an-instance'))).code).toBe('ValidationError');

    const elsewhere = await nlbNetwork(local.ec2, 1);
    const foreign = await launchInstance(local.ec2, elsewhere.subnetA);
    expect(await elbv2Refusal(register(foreign))).toEqual({ code: 'InvalidTarget', message: `The following targets are not in the target group VPC '${network.vpcId}': '${foreign}'` });

    const terminated = await launchInstance(local.ec2, network.subnetA);
    await local.ec2.send(new TerminateInstancesCommand({ InstanceIds: [terminated] }));
    expect(await elbv2Refusal(register(terminated))).toEqual({
      code: 'InvalidTarget',
      message: `The following targets are not in a running state and cannot be registered: '${terminated}'`,
    });
  });

  test('an unknown target group is TargetGroupNotFound', async () => {
    const arn = `arn:aws:elasticloadbalancing:${REGION}:000000000000:targetgroup/ghost/0123456789abcdef`;
    const error = await elbv2Refusal(local.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })));
    expect(error).toEqual({ code: 'TargetGroupNotFound', message: `Target groups '${arn}' not found` });
  });
});

describe('DescribeTargetHealth', () => {
  test('a target never registered, or registered at another port, is unused and Target.NotRegistered', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'unregistered', VpcId: network.vpcId });
    const [registered, stranger] = [await launchInstance(local.ec2, network.subnetA), await launchInstance(local.ec2, network.subnetA)];
    local.cloud.settle();
    await local.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: registered }] }));
    const { TargetHealthDescriptions } = await local.elbv2.send(
      new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: stranger }, { Id: registered, Port: 8080 }] }),
    );
    const notRegistered = { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' };
    expect(TargetHealthDescriptions).toEqual([
      { Target: { Id: stranger, Port: 80 }, HealthCheckPort: '80', TargetHealth: notRegistered },
      { Target: { Id: registered, Port: 8080 }, HealthCheckPort: '8080', TargetHealth: notRegistered },
    ]);
  });
});

describe('tags of target groups', () => {
  test('are set at creation and added', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'tagged-group', VpcId: network.vpcId, Tags: [{ Key: 'vpce-lab:run-id', Value: 'r2' }] });
    await local.elbv2.send(new AddTagsCommand({ ResourceArns: [group.TargetGroupArn!], Tags: [{ Key: 'vpce-lab:run-id', Value: 'r3' }] }));
    const { TagDescriptions } = await local.elbv2.send(new DescribeTagsCommand({ ResourceArns: [group.TargetGroupArn!] }));
    expect(TagDescriptions![0]!.Tags).toEqual([{ Key: 'vpce-lab:run-id', Value: 'r3' }]);
    const unknown = group.TargetGroupArn!.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await elbv2Refusal(local.elbv2.send(new DescribeTagsCommand({ ResourceArns: [unknown] })))).code).toBe('TargetGroupNotFound');
  });
});

describe('target health on AWS time', () => {
  const paced = pacedLocalCloudForTests();
  const healthOf = async (groupArn: string): Promise<(TargetHealth & { id?: string })[]> =>
    (await paced.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: groupArn }))).TargetHealthDescriptions!.map((description) => ({
      id: description.Target!.Id,
      ...description.TargetHealth,
    }));

  test('targets go unused -> registering -> initial checks -> healthy, turn unused when their instance is gone, and drain when deregistered', async () => {
    const own = await nlbNetwork(paced.ec2, 0);
    const [web, spare] = [await launchInstance(paced.ec2, own.subnetA), await launchInstance(paced.ec2, own.subnetA)];
    paced.awsTimePasses(30);
    // Three passes ten seconds apart: the initial checks take 30 s once registration is over.
    const group = await createTcpTargetGroup(paced.elbv2, { Name: 'paced-web', VpcId: own.vpcId, HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 3 });
    const groupArn = group.TargetGroupArn!;
    await paced.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: groupArn, Targets: [{ Id: web }, { Id: spare }] }));
    expect((await healthOf(groupArn))[0]).toEqual({
      id: web,
      State: 'unused',
      Reason: 'Target.NotInUse',
      Description: 'Target group is not configured to receive traffic from the load balancer',
    });

    const balancer = await createNlb(paced.elbv2, { Name: 'paced-lb', Subnets: [own.subnetA] });
    await forwardTcp(paced.elbv2, balancer.LoadBalancerArn!, groupArn);
    expect((await healthOf(groupArn))[0]).toMatchObject({ State: 'initial', Reason: 'Elb.RegistrationInProgress' });
    paced.awsTimePasses(180);
    // Active now: registration with the NLB's nodes takes its minutes before any health check.
    expect((await healthOf(groupArn))[0]).toMatchObject({ State: 'initial', Reason: 'Elb.RegistrationInProgress' });
    paced.awsTimePasses(179);
    expect((await healthOf(groupArn))[0]).toMatchObject({ State: 'initial', Reason: 'Elb.RegistrationInProgress' });
    paced.awsTimePasses(1);
    expect((await healthOf(groupArn))[0]).toEqual({ id: web, State: 'initial', Reason: 'Elb.InitialHealthChecking', Description: 'Initial health checks in progress' });
    paced.awsTimePasses(29);
    expect((await healthOf(groupArn))[0]).toMatchObject({ State: 'initial', Reason: 'Elb.InitialHealthChecking' });
    paced.awsTimePasses(1);
    expect(await healthOf(groupArn)).toEqual([
      { id: web, State: 'healthy' },
      { id: spare, State: 'healthy' },
    ]);

    await paced.ec2.send(new TerminateInstancesCommand({ InstanceIds: [spare] }));
    expect((await healthOf(groupArn))[1]).toEqual({ id: spare, State: 'unused', Reason: 'Target.InvalidState', Description: 'Target is in the stopped or terminated state' });

    await paced.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: groupArn, Targets: [{ Id: web }] }));
    expect((await healthOf(groupArn))[0]).toEqual({ id: web, State: 'draining', Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' });
    paced.awsTimePasses(300);
    expect((await healthOf(groupArn)).map((target) => target.id)).toEqual([spare]);
    const asked = await paced.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: groupArn, Targets: [{ Id: web }] }));
    expect(asked.TargetHealthDescriptions).toEqual([
      {
        Target: { Id: web, Port: 80 },
        HealthCheckPort: '80',
        TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
      },
    ]);
  });

  test('a target in a zone the NLB is not in is unused', async () => {
    const own = await nlbNetwork(paced.ec2, 1);
    const outside = await launchInstance(paced.ec2, own.subnetB);
    paced.awsTimePasses(30);
    const group = await createTcpTargetGroup(paced.elbv2, { Name: 'zone-b-web', VpcId: own.vpcId });
    await paced.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: outside }] }));
    const balancer = await createNlb(paced.elbv2, { Name: 'zone-a-lb', Subnets: [own.subnetA] });
    await forwardTcp(paced.elbv2, balancer.LoadBalancerArn!, group.TargetGroupArn!);
    paced.awsTimePasses(300);
    expect((await healthOf(group.TargetGroupArn!))[0]).toMatchObject({
      State: 'unused',
      Reason: 'Target.NotInUse',
      Description: 'Target is in an Availability Zone that is not enabled for the load balancer',
    });
  });
});
