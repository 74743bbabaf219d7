import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client, type LoadBalancerState } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/await-load-balancer-active';
import { invoke, loadBalancer, run } from './build-fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const state = (State: LoadBalancerState) => elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [loadBalancer.loadBalancerArn] }).resolves({ LoadBalancers: [{ State }] });
beforeEach(() => elbv2.reset());

test('NotReady while provisioning, done once active', async () => {
  state({ Code: 'provisioning' });
  await expect(invoke(handler, { run, loadBalancer })).rejects.toMatchObject({ name: 'NotReady', message: `load balancer ${loadBalancer.loadBalancerArn} is provisioning` });
  state({ Code: 'active' });
  await expect(invoke(handler, { run, loadBalancer })).resolves.toEqual({ state: 'active' });
});

test("a load balancer that failed to provision fails the step with ELBv2's reason", async () => {
  state({ Code: 'failed', Reason: 'Subnet has insufficient free addresses' });
  await expect(invoke(handler, { run, loadBalancer })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining('Subnet has insufficient free addresses') });
});
