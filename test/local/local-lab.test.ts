import { DescribeStateMachineCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalLab } from '../../local/lab-runtime';
import { emptyStateMachineDir, eventually, startLab, STAND_IN_FUNCTIONS } from '../support/local-lab-fixture';

const echo = (next?: string) => ({ Type: 'Task', Resource: '${EchoFunctionArn}', ...(next ? { Next: next } : { End: true }) });

test('the lab’s own state machine files register with its functions, under their names', async () => {
  const lab = await startLocalLab({ port: 0, timeScale: 0, log: () => undefined });
  try {
    expect(lab.stateMachineArns).toEqual({
      cleanup: 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-cleanup',
      'lab-run': 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-lab-run',
      teardown: 'arn:aws:states:ap-northeast-2:000000000000:stateMachine:vpce-lab-teardown',
    });
  } finally {
    await lab.close();
  }
});

test('a placeholder nothing provides stops the start, naming the file and the placeholder', async () => {
  const directory = emptyStateMachineDir();
  writeFileSync(join(directory, 'lab-run.asl.json'), JSON.stringify({ StartAt: 'Build', States: { Build: { Type: 'Task', Resource: '${BuildEverythingFunctionArn}', End: true } } }));
  await expect(startLab({ stateMachineDir: directory })).rejects.toThrow(/lab-run\.asl\.json uses the placeholder \$\{BuildEverythingFunctionArn\}, which nothing provides/);
});

test('a definition that is not valid ASL, or names a resource the local cloud cannot run, stops the start', async () => {
  await expect(startLab({ extraStateMachines: { broken: { StartAt: 'Nowhere', States: {} } } })).rejects.toThrow(/the extra state machine 'broken' is not a valid state machine/);
  const publish = { StartAt: 'Publish', States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } } };
  await expect(startLab({ extraStateMachines: { publish } })).rejects.toThrow(/state 'Publish' has Resource 'arn:aws:states:::sns:publish', which the local cloud cannot run/);
});

test('state machine ARNs and the cleanup concurrency are substituted, the number as a number', async () => {
  const cleanup = `{"StartAt": "EachRun", "States": {"EachRun": {"Type": "Map", "MaxConcurrency": \${CleanupConcurrency},
    "ItemProcessor": {"StartAt": "TearDown", "States": {"TearDown": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
    "Parameters": {"StateMachineArn": "\${TeardownStateMachineArn}", "Input.$": "$"}, "End": true}}}, "End": true}}}`;
  const local = await startLab({ cleanupConcurrency: 3, extraStateMachines: { cleanup, teardown: { StartAt: 'Step', States: { Step: echo() } } } });
  try {
    const { definition } = await local.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: local.lab.stateMachineArns.cleanup }));
    const map = JSON.parse(definition ?? '').States.EachRun;
    expect(map.MaxConcurrency).toBe(3);
    expect(map.ItemProcessor.States.TearDown.Parameters.StateMachineArn).toBe(local.lab.stateMachineArns.teardown);
  } finally {
    await local.lab.close();
  }
});

test('the cleanup schedule starts vpce-lab-cleanup every period', async () => {
  const local = await startLab({ cleanupEveryMinutes: 0.001, extraStateMachines: { cleanup: { StartAt: 'Discover', States: { Discover: echo() } } } });
  try {
    await eventually(async () => {
      const { executions } = await local.sfn.send(new ListExecutionsCommand({ stateMachineArn: local.lab.stateMachineArns.cleanup, statusFilter: 'SUCCEEDED' }));
      return (executions ?? []).length >= 2;
    });
  } finally {
    await local.lab.close();
  }
});

test('a cleanup schedule without a cleanup state machine is refused at start', async () => {
  await expect(startLab({ cleanupEveryMinutes: 60, functions: STAND_IN_FUNCTIONS })).rejects.toThrow(/no cleanup state machine/);
});
