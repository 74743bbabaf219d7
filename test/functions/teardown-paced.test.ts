import { CreateTagsCommand } from '@aws-sdk/client-ec2';
import { runTags } from '../../functions/commons/lab-tags';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LATENCY_PROFILE } from '../../contract/latency-profile';
import { endpointService } from '../support/endpoint-lab';
import { createTcpTargetGroup, forwardTcp } from '../support/nlb-lab';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { consumerNetwork, launch, privateSubnetEndpoint, ssmEndpoints } from '../support/ssm-lab';
import { tagElbv2, tagVpcContents } from '../support/tagged-lab';
import { leftovers, localDependencies, type StateRun, tearDownLikeTheStateMachine } from '../support/teardown-driver';

const RUN = { runId: 'lab-20261126-0112-ab12', scenario: 'full', expiresAt: '2026-11-26T03:12:00.000Z' };

const paced = pacedLocalCloudForTests();
let runs: Record<string, StateRun>;

/**
 * A consumer VPC (SSM endpoints, an instance, an endpoint to the provider's
 * service) and a provider VPC (NLB, listener, target group, endpoint
 * service), built with time passing where AWS makes the build wait.
 */
async function pacedLab(): Promise<void> {
  const { ec2, elbv2 } = paced;
  const consumer = await consumerNetwork(ec2, 0);
  await ssmEndpoints(ec2, consumer);
  await launch(ec2, consumer.privateSubnetId, consumer.instanceGroupId);
  const provider = await endpointService(paced, 1, { acceptanceRequired: false });
  const { LoadBalancers } = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [provider.loadBalancerArn] }));
  const providerVpcId = LoadBalancers![0]!.VpcId!;
  const group = await createTcpTargetGroup(elbv2, { Name: 'web-1', VpcId: providerVpcId });
  await forwardTcp(elbv2, provider.loadBalancerArn, group.TargetGroupArn!);
  paced.awsTimePasses(600);
  await privateSubnetEndpoint(ec2, consumer, provider.serviceName);
  paced.awsTimePasses(600);
  await tagVpcContents(paced, consumer.vpcId, RUN);
  await tagVpcContents(paced, providerVpcId, RUN);
  await tagElbv2(paced, [provider.loadBalancerArn, group.TargetGroupArn!], RUN);
  await ec2.send(new CreateTagsCommand({ Resources: [provider.serviceId], Tags: runTags(RUN, 'endpoint-service') }));
}

/**
 * The teardown at AWS's own pace: the local cloud takes the latency
 * profile's times, and between two attempts of a state exactly the delay its
 * Retry gives passes. Proves the Retry settings see the teardown through.
 */
beforeAll(async () => {
  await pacedLab();
  expect((await leftovers(paced, RUN.runId)).length).toBeGreaterThan(10);
  runs = await tearDownLikeTheStateMachine(RUN.runId, localDependencies(paced), (seconds) => paced.awsTimePasses(seconds));
});

test('the teardown completes within every state’s MaxAttempts and leaves nothing of the run', async () => {
  await expect(leftovers(paced, RUN.runId)).resolves.toEqual([]);
});

test.each([
  ['AwaitInstancesTerminated', LATENCY_PROFILE.instanceTerminated.seconds],
  ['AwaitNetworkInterfacesReleased', LATENCY_PROFILE.eniReleased.seconds],
])('%s waits as long as AWS takes (%i s), and less than twice that', (state, seconds) => {
  const run = runs[state]!;
  expect(run.retries).toBeGreaterThan(0);
  expect(run.waitedSeconds).toBeGreaterThanOrEqual(seconds);
  expect(run.waitedSeconds).toBeLessThan(seconds * 2);
});

test('the network interfaces are waited for before the networks go, so DeleteNetworks goes through in one pass', () => {
  expect(runs.AwaitNetworkInterfacesReleased!.retries).toBeGreaterThan(0);
  expect(runs.DeleteNetworks!.retries).toBe(0);
});
