import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { amazonLinuxAmi, internalNlb, labInstance, providerNetwork, securityGroup } from './lab-topology';
import type { Scenario } from './scenario';

/** `loadbalancer/net`: the resource type of an ELBv2 ARN, which names the load balancer's type. */
const arnResourceType = (arn: string | undefined): string => (arn ?? '').split(':')[5]!.split('/').slice(0, 2).join('/');

/** The provider side of the lab: two web servers behind an internal NLB, TCP 80. */
export const ELBV2_SCENARIOS: Record<string, Scenario> = {
  'load balancers': async (run) => {
    const { elbv2 } = run.clients;
    const provider = await providerNetwork(run);
    const loadBalancer = await internalNlb(run, 'differential-web', provider.subnetIds);
    const loadBalancerArn = loadBalancer.LoadBalancerArn!;
    run.observe('load balancer on create', { arnType: arnResourceType(loadBalancerArn), Type: loadBalancer.Type, Scheme: loadBalancer.Scheme, State: loadBalancer.State!.Code });
    run.settle();
    const { LoadBalancers } = await run.step('DescribeLoadBalancers', () => elbv2.send(new DescribeLoadBalancersCommand({ Names: ['differential-web'] })));
    run.observe('load balancer once settled', { State: LoadBalancers![0]!.State!.Code });

    const { TargetGroups } = await run.step('CreateTargetGroup', () =>
      elbv2.send(new CreateTargetGroupCommand({ Name: 'differential-web', Protocol: 'TCP', Port: 80, VpcId: provider.vpcId, TargetType: 'instance' })),
    );
    const targetGroupArn = TargetGroups![0]!.TargetGroupArn!;
    await run.step('DescribeTargetGroups', () => elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] })));

    const groupId = await securityGroup(run, 'web', provider.vpcId, [80], provider.cidr);
    const imageId = await amazonLinuxAmi(run);
    const targets = [{ Id: await labInstance(run, 'web 1', imageId, provider.subnetIds[0]!, groupId) }, { Id: await labInstance(run, 'web 2', imageId, provider.subnetIds[0]!, groupId) }];
    run.settle();
    await run.step('RegisterTargets', () => elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets })));
    const { Listeners } = await run.step('CreateListener', () =>
      elbv2.send(new CreateListenerCommand({ LoadBalancerArn: loadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] })),
    );
    run.settle();
    const { TargetHealthDescriptions } = await run.step('DescribeTargetHealth', () => elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
    run.observe('targets once settled', { State: TargetHealthDescriptions![0]!.TargetHealth!.State, count: String(TargetHealthDescriptions!.length) });
    await run.step('DescribeListeners', () => elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancerArn })));

    await run.step('AddTags', () => elbv2.send(new AddTagsCommand({ ResourceArns: [loadBalancerArn, targetGroupArn], Tags: [{ Key: 'Name', Value: 'vpce-lab web' }] })));
    const { TagDescriptions } = await run.step('DescribeTags', () => elbv2.send(new DescribeTagsCommand({ ResourceArns: [loadBalancerArn, targetGroupArn] })));
    run.observe('tagged resources', { count: String(TagDescriptions!.length), keys: TagDescriptions![0]!.Tags!.map((tag) => tag.Key).sort().join() });

    await run.step('DeleteListener', () => elbv2.send(new DeleteListenerCommand({ ListenerArn: Listeners![0]!.ListenerArn! })));
    await run.step('DeregisterTargets', () => elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: targets })));
    await run.step('DeleteTargetGroup', () => elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: targetGroupArn })));
    await run.step('DeleteLoadBalancer', () => elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: loadBalancerArn })));
  },
};
