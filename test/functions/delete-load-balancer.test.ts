import {
  DeleteLoadBalancerCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancerNotFoundException,
  ResourceInUseException,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { handler } from '../../functions/handlers/delete-load-balancer';
import { mockEachTest } from './mock-each-test';
import { context, describeTagsFrom, OTHER_RUN_ID, RUN_ID, tagsOf } from './teardown-fixtures';

const elbv2 = mockEachTest(ElasticLoadBalancingV2Client);
const arn = (name: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:loadbalancer/net/${name}/0123456789abcdef`;
const notFound = (message: string) => new LoadBalancerNotFoundException({ message, $metadata: {} });

beforeEach(() => {
  elbv2.on(DescribeLoadBalancersCommand).resolves({
    LoadBalancers: [arn('ours'), arn('untagged'), arn('theirs')].map((LoadBalancerArn) => ({ LoadBalancerArn, LoadBalancerName: LoadBalancerArn.split('/')[2] })),
  });
  elbv2.on(DescribeTagsCommand).callsFake(describeTagsFrom({ [arn('ours')]: tagsOf(RUN_ID, 'nlb'), [arn('untagged')]: [], [arn('theirs')]: tagsOf(OTHER_RUN_ID, 'nlb') }, notFound));
  elbv2.on(DeleteLoadBalancerCommand).resolves({});
});

test("deletes only the load balancers carrying the run's tags", async () => {
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ loadBalancerArns: [arn('ours')] });
  expect(elbv2.commandCalls(DeleteLoadBalancerCommand).map((call) => call.args[0].input.LoadBalancerArn)).toEqual([arn('ours')]);
});

test('ResourceInUse (an endpoint service still fronts it) is DependencyStillPresent naming the load balancer', async () => {
  elbv2.on(DeleteLoadBalancerCommand).rejects(new ResourceInUseException({ message: 'currently associated with another service', $metadata: {} }));
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({
    name: 'DependencyStillPresent',
    message: expect.stringContaining('load balancer ours: ResourceInUse (currently associated with another service)'),
  });
});

test('a load balancer that vanishes between the listing and its tags is left out, the others still found', async () => {
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: arn('vanished') }, { LoadBalancerArn: arn('ours') }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ loadBalancerArns: [arn('ours')] });
});

test('with none of the run left it deletes nothing', async () => {
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: arn('untagged') }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ loadBalancerArns: [] });
  expect(elbv2.commandCalls(DeleteLoadBalancerCommand)).toHaveLength(0);
});
