import { GetCommandInvocationCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { handler } from '../../functions/handlers/collect-checks';
import { mockEachTest } from './mock-each-test';
import { run } from './verification-fixtures';

const ssm = mockEachTest(SSMClient);

const sent = [
  { checkId: 'gateway.s3', lesson: 'gateway', title: 'S3', command: 'curl …', typed: "ssh ec2-user@10.0.1.25 'curl …'", expectation: { kind: 'unreachable' }, commandId: 'cmd-1' },
  { checkId: 'interface.dns', lesson: 'interface', title: 'CFN', command: 'dig …', typed: "ssh ec2-user@10.0.1.25 'dig …'", expectation: { kind: 'public-ips' }, commandId: 'cmd-2' },
];
const invoke = () => handler({ run, phase: 'before', instanceId: 'i-0123456789abcdef0', sent }, {} as Context);

test('while a check still runs the workflow is told NotReady, naming it', async () => {
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-1' }).resolves({ Status: 'Failed', ResponseCode: 28, StandardOutputContent: '000\n' });
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-2' }).resolves({ Status: 'InProgress' });
  await expect(invoke()).rejects.toMatchObject({ name: 'NotReady', message: expect.stringContaining('interface.dns') });
});

test('finished checks are judged with their raw output kept', async () => {
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-1' }).resolves({
    Status: 'Failed',
    ResponseCode: 28,
    StandardOutputContent: '000\n',
    StandardErrorContent: 'curl: (28) Connection timed out after 5001 milliseconds\n',
  });
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-2' }).resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: '52.95.194.65\n52.95.195.33\n' });
  const result = await invoke();
  expect(result.results).toEqual([
    expect.objectContaining({ checkId: 'gateway.s3', passed: true, exitCode: 28, stderr: expect.stringContaining('timed out'), reason: 'no connection (exit 28)' }),
    expect.objectContaining({ checkId: 'interface.dns', passed: true, stdout: '52.95.194.65\n52.95.195.33\n', reason: 'public addresses 52.95.194.65, 52.95.195.33' }),
  ]);
});

test('a check answered with the wrong world fails with what was seen', async () => {
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-1' }).resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: '403\n' });
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-2' }).resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: '10.0.1.23\n' });
  const { results } = await invoke();
  expect(results.map((check) => [check.passed, check.reason])).toEqual([
    [false, 'the connection succeeded although it should not yet'],
    [false, 'expected public addresses, got 10.0.1.23'],
  ]);
});

test('a command that never ran fails its check with the reason', async () => {
  ssm.on(GetCommandInvocationCommand).resolves({ Status: 'Cancelled', StatusDetails: 'DeliveryTimedOut' });
  const { results } = await invoke();
  expect(results[0]).toMatchObject({ passed: false, reason: 'the command did not run: Cancelled (DeliveryTimedOut)' });
});

test('a hop that failed on the way to the private instance fails the check, even one that expects no connection', async () => {
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-1' }).resolves({
    Status: 'Failed',
    ResponseCode: 255,
    StandardErrorContent: 'ssh: connect to host 10.0.1.25 port 22: Connection timed out\nfailed to run commands: exit status 255',
  });
  ssm.on(GetCommandInvocationCommand, { CommandId: 'cmd-2' }).resolves({
    Status: 'Failed',
    ResponseCode: 254,
    StandardErrorContent: '\nAn error occurred (AccessDeniedException) when calling the SendSSHPublicKey operation: not authorized\nfailed to run commands: exit status 254',
  });
  const { results } = await invoke();
  expect(results.map((check) => [check.passed, check.reason])).toEqual([
    [false, 'the hop to the private instance failed (exit 255): ssh: connect to host 10.0.1.25 port 22: Connection timed out'],
    [false, 'the hop to the private instance failed (exit 254): An error occurred (AccessDeniedException) when calling the SendSSHPublicKey operation: not authorized'],
  ]);
});
