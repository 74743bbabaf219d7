import { DescribeLoadBalancersCommand, DescribeTagsCommand, ElasticLoadBalancingV2Client, LoadBalancerNotFoundException } from '@aws-sdk/client-elastic-load-balancing-v2';
import { handler } from '../../functions/handlers/await-load-balancer-gone';
import { mockEachTest } from './mock-each-test';
import { context, describeTagsFrom, OTHER_RUN_ID, RUN_ID, tagsOf } from './teardown-fixtures';

const elbv2 = mockEachTest(ElasticLoadBalancingV2Client);
const ours = 'arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:loadbalancer/net/ours/0123456789abcdef';
const theirs = 'arn:aws:elasticloadbalancing:ap-northeast-2:000000000000:loadbalancer/net/theirs/0123456789abcdef';
const tags = describeTagsFrom({ [ours]: tagsOf(RUN_ID), [theirs]: tagsOf(OTHER_RUN_ID) }, (message) => new LoadBalancerNotFoundException({ message, $metadata: {} }));

beforeEach(() => {
  elbv2.on(DescribeTagsCommand).callsFake(tags);
});

test("NotReady while a load balancer of the run is still listed", async () => {
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ours, State: { Code: 'active' } }, { LoadBalancerArn: theirs }] });
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining(ours) });
});

test("done once only other runs' load balancers remain", async () => {
  elbv2.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: theirs }] });
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({});
});
