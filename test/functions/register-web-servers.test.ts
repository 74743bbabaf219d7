import { DescribeInstancesCommand, EC2Client, type InstanceStateName } from '@aws-sdk/client-ec2';
import { DescribeTagsCommand, ElasticLoadBalancingV2Client, RegisterTargetsCommand, type Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/register-web-servers';
import { invoke, loadBalancer, otherRunTags, run, tagsOf, webServers } from './build-fixtures';

const ec2 = mockClient(EC2Client);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const [first, second] = webServers.instanceIds as [string, string];

const states = (a: InstanceStateName, b: InstanceStateName) =>
  ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: first, State: { Name: a }, Tags: tagsOf('web-server-1') }, { InstanceId: second, State: { Name: b }, Tags: tagsOf('web-server-2') }] }] });
const targetGroupTags = (tags: Tag[]) => elbv2.on(DescribeTagsCommand).resolves({ TagDescriptions: [{ ResourceArn: loadBalancer.targetGroupArn, Tags: tags }] });

beforeEach(() => {
  ec2.reset();
  elbv2.reset();
  targetGroupTags(tagsOf('web-targets'));
});

test('registers both web servers on port 80 once they are running', async () => {
  states('running', 'running');
  await expect(invoke(handler, { run, webServers, loadBalancer })).resolves.toEqual({ registeredInstanceIds: [first, second] });
  expect(elbv2.commandCalls(RegisterTargetsCommand)[0]!.args[0].input).toEqual({ TargetGroupArn: loadBalancer.targetGroupArn, Targets: [{ Id: first, Port: 80 }, { Id: second, Port: 80 }] });
});

test('NotReady while a web server is still starting, and nothing is registered (ELBv2 would refuse it)', async () => {
  states('running', 'pending');
  await expect(invoke(handler, { run, webServers, loadBalancer })).rejects.toMatchObject({ name: 'NotReady', message: `web servers still starting (pending): ${second}` });
  expect(elbv2.commandCalls(RegisterTargetsCommand)).toHaveLength(0);
});

test("a target group that is not the run's is left alone", async () => {
  states('running', 'running');
  targetGroupTags(otherRunTags);
  await expect(invoke(handler, { run, webServers, loadBalancer })).rejects.toMatchObject({ name: 'LabInputInvalid', message: expect.stringContaining(loadBalancer.targetGroupArn) });
  expect(elbv2.commandCalls(RegisterTargetsCommand)).toHaveLength(0);
});
