import { SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { handler } from '../../functions/handlers/send-checks';
import { mockEachTest } from './mock-each-test';
import { bastionScript } from '../../functions/lab/verification/bastion-hop';
import { consumerInstances } from './build-fixtures';
import { allLessons, run, targets } from './verification-fixtures';

const ssm = mockEachTest(SSMClient);
beforeEach(() => {
  let n = 0;
  ssm.on(SendCommandCommand).callsFake(() => ({ Command: { CommandId: `cmd-${++n}` } }));
});

const invoke = (event: object) => handler(event, {} as Context);
const hop = { region: targets.region, instanceId: consumerInstances.privateInstanceId, privateIp: consumerInstances.privateInstanceIp };
/** The check each command carries to the private instance: the script must be exactly the hop with it. */
const sentCommands = () =>
  ssm.commandCalls(SendCommandCommand).map((call) => {
    const { Comment, Parameters } = call.args[0].input;
    const checkId = /^vpce-lab \w+ (\S+)$/.exec(Comment ?? '')?.[1] ?? '';
    const command = /'((?:[^']|'\\'')*)'$/.exec(Parameters?.commands?.at(-1) ?? '')?.[1]?.replaceAll("'\\''", "'") ?? '';
    expect(Parameters?.commands).toEqual(bastionScript(checkId, command, hop));
    return command;
  });

test('the baseline types the gateway and interface checks on the private instance over ssh from the public one, one command each', async () => {
  const result = await invoke({ run, phase: 'before', lessons: allLessons, only: ['gateway', 'interface'], consumerInstances, targets });
  expect(sentCommands()).toEqual([
    "curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 5 https://s3.ap-northeast-2.amazonaws.com/",
    "curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 5 https://dynamodb.ap-northeast-2.amazonaws.com/",
    'dig +short cloudformation.ap-northeast-2.amazonaws.com',
  ]);
  expect(ssm.commandCalls(SendCommandCommand)[0]?.args[0].input).toMatchObject({ DocumentName: 'AWS-RunShellScript', InstanceIds: [consumerInstances.publicInstanceId] });
  expect(result.instanceId).toBe(consumerInstances.publicInstanceId);
  expect(result.sent.map((check) => [check.checkId, check.commandId])).toEqual([
    ['gateway.s3', 'cmd-1'],
    ['gateway.dynamodb', 'cmd-2'],
    ['interface.dns', 'cmd-3'],
  ]);
  // What the report shows the student typing on the public instance.
  expect(result.sent[2]?.typed).toBe("ssh ec2-user@10.0.1.25 'dig +short cloudformation.ap-northeast-2.amazonaws.com'");
  expect(result.sent[0]?.typed).toBe("ssh ec2-user@10.0.1.25 'curl -sS -o /dev/null -w '\\''%{http_code}\\n'\\'' --max-time 5 https://s3.ap-northeast-2.amazonaws.com/'");
});

test("the service lesson's before resolves and tries the provider's load balancer, its after the endpoint", async () => {
  const before = await invoke({ run, phase: 'before', lessons: allLessons, only: ['service'], consumerInstances, targets });
  expect(sentCommands()).toEqual([`dig +short ${targets.loadBalancerDnsName}`, `curl -sS --max-time 5 http://${targets.loadBalancerDnsName}/`]);
  expect(before.sent.map((check) => [check.checkId, check.expectation])).toEqual([
    ['service.dns', { kind: 'private-ips-outside', cidr: '10.0.0.0/16' }],
    ['service.http', { kind: 'connect-timeout' }],
  ]);
  ssm.resetHistory();
  await invoke({ run, phase: 'after', lessons: allLessons, only: ['service'], consumerInstances, targets });
  expect(sentCommands()).toEqual([`dig +short ${targets.serviceEndpointDnsName}`, `curl -sS --max-time 5 http://${targets.serviceEndpointDnsName}/`]);
});

test('a scenario without a lesson sends none of its checks', async () => {
  await invoke({ run, phase: 'after', lessons: { gateway: false, interface: true, service: false }, consumerInstances, targets });
  expect(sentCommands()).toEqual(['dig +short cloudformation.ap-northeast-2.amazonaws.com']);
});

test('a malformed input is refused as LabInputInvalid and sends nothing', async () => {
  await expect(invoke({ run, phase: 'sometime', lessons: allLessons, consumerInstances, targets })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ssm.commandCalls(SendCommandCommand)).toHaveLength(0);
});
