import { DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, type TargetHealth } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/await-targets-healthy';
import { invoke, loadBalancer, run, webServers } from './build-fixtures';

const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const [first, second] = webServers.instanceIds as [string, string];
const health = (...states: TargetHealth[]) =>
  elbv2
    .on(DescribeTargetHealthCommand, { TargetGroupArn: loadBalancer.targetGroupArn, Targets: [{ Id: first, Port: 80 }, { Id: second, Port: 80 }] })
    .resolves({ TargetHealthDescriptions: states.map((TargetHealth, index) => ({ Target: { Id: webServers.instanceIds[index], Port: 80 }, TargetHealth })) });
beforeEach(() => elbv2.reset());

test('NotReady while a web server is still registering or in its initial checks, done once both are healthy', async () => {
  health({ State: 'initial', Reason: 'Elb.RegistrationInProgress' }, { State: 'healthy' });
  await expect(invoke(handler, { run, webServers, loadBalancer })).rejects.toMatchObject({
    name: 'NotReady',
    message: `web servers not healthy yet: ${first} initial (Elb.RegistrationInProgress)`,
  });
  health({ State: 'initial', Reason: 'Elb.InitialHealthChecking' }, { State: 'unhealthy', Reason: 'Target.FailedHealthChecks' });
  await expect(invoke(handler, { run, webServers, loadBalancer })).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining(`${second} unhealthy (Target.FailedHealthChecks)`) });
  health({ State: 'healthy' }, { State: 'healthy' });
  await expect(invoke(handler, { run, webServers, loadBalancer })).resolves.toEqual({ healthyInstanceIds: webServers.instanceIds });
});

test('a web server out of service (unused, draining) fails the step at once: no wait brings it back', async () => {
  health({ State: 'healthy' }, { State: 'unused', Reason: 'Target.InvalidState' });
  await expect(invoke(handler, { run, webServers, loadBalancer })).rejects.toMatchObject({
    name: 'LabStepFailed',
    message: `web servers not in service behind the load balancer: ${second} unused (Target.InvalidState)`,
  });
});

test('an answer about fewer web servers than asked is not taken for healthy', async () => {
  elbv2.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [{ Target: { Id: first, Port: 80 }, TargetHealth: { State: 'healthy' } }] });
  await expect(invoke(handler, { run, webServers, loadBalancer })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining('described 1 of the 2') });
});
