import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startLab } from '../support/local-lab-fixture';

const STATE_MACHINES = {
  echo: { StartAt: 'Answer', States: { Answer: { Type: 'Task', Resource: '${EchoFunctionArn}', End: true } } },
  hold: { StartAt: 'Hold', States: { Hold: { Type: 'Wait', TimestampPath: '$.until', End: true } } },
};

test('executions outlive a restart; one that was running is failed, saying the cloud restarted', async () => {
  const options = { dataDir: mkdtempSync(join(tmpdir(), 'vpce-lab-restart-')), extraStateMachines: STATE_MACHINES };
  const before = await startLab(options);
  const done = await before.start('echo', { step: 1 });
  await before.finished(done);
  const interrupted = await before.start('hold', { until: new Date(Date.now() + 3_600_000).toISOString() });
  await eventually(async () => (await before.history(interrupted)).some((event) => event.type === 'WaitStateEntered'));
  await before.lab.close();

  const after = await startLab(options);
  try {
    expect(await after.describe(done)).toMatchObject({ status: 'SUCCEEDED', output: '{"echoed":{"step":1}}' });
    const failed = await after.describe(interrupted);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: expect.stringContaining('The local cloud restarted while this execution was running') });
    const history = await after.history(interrupted);
    expect(history.map((event) => event.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed']);
    expect(history[2]?.executionFailedEventDetails?.error).toBe('States.Runtime');
    const listed = await after.sfn.send(new ListExecutionsCommand({ stateMachineArn: after.lab.stateMachineArns.hold }));
    expect(listed.executions?.map((execution) => [execution.executionArn, execution.status])).toEqual([[interrupted, 'FAILED']]);
  } finally {
    await after.lab.close();
  }
});
