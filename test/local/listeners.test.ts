import {
  AddTagsCommand,
  CreateListenerCommand,
  type CreateListenerCommandInput,
  DeleteListenerCommand,
  DescribeListenersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { createNlb, createTcpTargetGroup, elbv2Refusal, forwardTcp, nlbNetwork } from '../support/nlb-lab';

const local = localCloudForTests();
let network: Awaited<ReturnType<typeof nlbNetwork>>;
let balancerArn: string;
let groupArn: string;
beforeAll(async () => {
  network = await nlbNetwork(local.ec2, 0);
  balancerArn = (await createNlb(local.elbv2, { Name: 'listening', Subnets: [network.subnetA] })).LoadBalancerArn!;
  groupArn = (await createTcpTargetGroup(local.elbv2, { Name: 'listened-to', VpcId: network.vpcId })).TargetGroupArn!;
});

const createListener = (input: Partial<CreateListenerCommandInput>) =>
  local.elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: balancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: groupArn }], ...input }),
  );

describe('CreateListener', () => {
  test('forwards a TCP port to a target group, in AWS formats, and the group names its load balancer', async () => {
    const listener = await forwardTcp(local.elbv2, balancerArn, groupArn);
    const lbSuffix = balancerArn.split('/').pop();
    expect(listener.ListenerArn).toMatch(new RegExp(`^arn:aws:elasticloadbalancing:${REGION}:000000000000:listener/net/listening/${lbSuffix}/[0-9a-f]{16}$`));
    expect(listener).toMatchObject({
      LoadBalancerArn: balancerArn,
      Protocol: 'TCP',
      Port: 80,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: groupArn, ForwardConfig: { TargetGroups: [{ TargetGroupArn: groupArn, Weight: 1 }] } }],
    });
    const { TargetGroups } = await local.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [groupArn] }));
    expect(TargetGroups![0]!.LoadBalancerArns).toEqual([balancerArn]);

    expect((await forwardTcp(local.elbv2, balancerArn, groupArn)).ListenerArn).toBe(listener.ListenerArn);
  });

  test('refuses another listener on a port already taken', async () => {
    const other = await createTcpTargetGroup(local.elbv2, { Name: 'other-group', VpcId: network.vpcId });
    expect(await elbv2Refusal(createListener({ DefaultActions: [{ Type: 'forward', TargetGroupArn: other.TargetGroupArn }] }))).toEqual({
      code: 'DuplicateListener',
      message: `A listener already exists on this port for this load balancer '${balancerArn}'`,
    });
  });

  test('refuses a target group already used by another NLB', async () => {
    const second = await createNlb(local.elbv2, { Name: 'second-nlb', Subnets: [network.subnetB] });
    expect(await elbv2Refusal(createListener({ LoadBalancerArn: second.LoadBalancerArn }))).toEqual({
      code: 'TargetGroupAssociationLimit',
      message: `The following target groups cannot be associated with more than one load balancer: ${groupArn}`,
    });
  });

  test('refuses a protocol the group does not speak, actions other than forward, and TLS without certificates', async () => {
    expect((await elbv2Refusal(createListener({ Port: 53, Protocol: 'UDP' }))).code).toBe('IncompatibleProtocols');
    const fixedResponse = createListener({ Port: 81, DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] });
    expect((await elbv2Refusal(fixedResponse)).code).toBe('InvalidLoadBalancerAction');
    expect((await elbv2Refusal(createListener({ Port: 443, Protocol: 'TLS' }))).code).toBe('UnsupportedProtocol');
  });

  test('refuses unknown load balancers and target groups', async () => {
    const unknownBalancer = balancerArn.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect(await elbv2Refusal(createListener({ LoadBalancerArn: unknownBalancer }))).toEqual({ code: 'LoadBalancerNotFound', message: `Load balancer '${unknownBalancer}' not found` });
    const unknownGroup = groupArn.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await elbv2Refusal(createListener({ Port: 82, DefaultActions: [{ Type: 'forward', TargetGroupArn: unknownGroup }] }))).code).toBe('TargetGroupNotFound');
  });
});

describe('DescribeListeners and DeleteListener', () => {
  test('list a load balancer listeners or the ones named, and delete them', async () => {
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'udp-group', VpcId: network.vpcId, Protocol: 'UDP', Port: 53 });
    const udp = (await createListener({ Port: 53, Protocol: 'UDP', DefaultActions: [{ Type: 'forward', TargetGroupArn: group.TargetGroupArn }] })).Listeners![0]!;
    const { Listeners } = await local.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: balancerArn }));
    expect(Listeners!.map((listener) => `${listener.Protocol}:${listener.Port}`)).toEqual(['UDP:53', 'TCP:80']);

    const named = await local.elbv2.send(new DescribeListenersCommand({ ListenerArns: [udp.ListenerArn!] }));
    expect(named.Listeners!.map((listener) => listener.ListenerArn)).toEqual([udp.ListenerArn]);
    const paged = await local.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: balancerArn, PageSize: 1 }));
    expect(paged.Listeners).toHaveLength(1);
    expect(paged.NextMarker).toBeDefined();

    await local.elbv2.send(new DeleteListenerCommand({ ListenerArn: udp.ListenerArn }));
    expect(await elbv2Refusal(local.elbv2.send(new DescribeListenersCommand({ ListenerArns: [udp.ListenerArn!] })))).toEqual({
      code: 'ListenerNotFound',
      message: 'One or more listeners not found',
    });
    expect((await elbv2Refusal(local.elbv2.send(new DeleteListenerCommand({ ListenerArn: udp.ListenerArn })))).code).toBe('ListenerNotFound');
    expect((await elbv2Refusal(local.elbv2.send(new DescribeListenersCommand({})))).code).toBe('ValidationError');
  });

  test('tags listeners', async () => {
    const [listener] = (await local.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: balancerArn }))).Listeners!;
    await local.elbv2.send(new AddTagsCommand({ ResourceArns: [listener!.ListenerArn!], Tags: [{ Key: 'Name', Value: 'http' }] }));
    const { TagDescriptions } = await local.elbv2.send(new DescribeTagsCommand({ ResourceArns: [listener!.ListenerArn!] }));
    expect(TagDescriptions).toEqual([{ ResourceArn: listener!.ListenerArn, Tags: [{ Key: 'Name', Value: 'http' }] }]);
  });
});
