import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { DescribeExecutionCommand, type DescribeExecutionOutput, GetExecutionHistoryCommand, type HistoryEvent, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServedFunction } from '../../functions/handlers/lab-functions';
import { type LocalLabOptions, startLocalLab } from '../../local/lab-runtime';
import { fixtureForTests } from './fixture-for-tests';
import { clientConfig, REGION, sdkClients } from './local-cloud-fixture';

const standIn = (id: string, file: string): ServedFunction => ({ id, entry: `test/support/stand-in-functions/${file}.ts`, timeoutSeconds: 5 });

/** Functions with known behaviour, registered like lab functions (`${EchoFunctionArn}` ...) for test state machines. */
export const STAND_IN_FUNCTIONS: readonly ServedFunction[] = [
  standIn('Echo', 'echo'),
  standIn('Flaky', 'flaky'),
  standIn('Fail', 'fail'),
  standIn('Slow', 'slow'),
  standIn('Environment', 'environment'),
];

export const functionArn = (id: string): string => `arn:aws:lambda:${REGION}:000000000000:function:vpce-lab-${id}`;

/** An empty `statemachine/` directory: tests register only the definitions they write. */
export const emptyStateMachineDir = (): string => mkdtempSync(join(tmpdir(), 'vpce-lab-statemachines-'));

/**
 * The composed local lab on a free port, time scale 0, with the stand-in
 * functions and the test's own state machines, and real SDK clients on it
 * (the same clients as `startLocalCloud`, so the support helpers take it).
 */
export async function startLab(options: LocalLabOptions = {}) {
  const logs: string[] = [];
  const lab = await startLocalLab({
    port: 0,
    timeScale: 0,
    region: REGION,
    functions: STAND_IN_FUNCTIONS,
    stateMachineDir: emptyStateMachineDir(),
    log: (message) => logs.push(message),
    ...options,
  });
  const config = clientConfig(lab.cloud.endpoint);
  const sfn = new SFNClient(config);

  const describe = (executionArn: string): Promise<DescribeExecutionOutput> => sfn.send(new DescribeExecutionCommand({ executionArn }));

  return {
    lab,
    cloud: lab.cloud,
    logs,
    sfn,
    ...sdkClients(lab.cloud.endpoint),
    quotas: new ServiceQuotasClient(config),
    describe,

    /** Starts an execution of the state machine registered under `key`. */
    async start(key: string, input: unknown = {}, name?: string): Promise<string> {
      const stateMachineArn = lab.stateMachineArns[key];
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }));
      return executionArn ?? '';
    },

    /** The execution once it is no longer RUNNING (executions run in-process, so this asks until they end). */
    async finished(executionArn: string, timeoutMs = 10_000): Promise<DescribeExecutionOutput> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const execution = await describe(executionArn);
        if (execution.status !== 'RUNNING') return execution;
        if (Date.now() > deadline) throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },

    /** Every event of an execution's history, through all its pages. */
    async history(executionArn: string): Promise<HistoryEvent[]> {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return events;
    },
  };
}

export type LabFixture = Awaited<ReturnType<typeof startLab>>;

/** One local lab for the tests of a file (or `describe` block), started before them and closed after them. */
export const labForTests = (options: LocalLabOptions = {}): LabFixture =>
  fixtureForTests(() => startLab(options), (fixture) => fixture.lab.close());

/** Waits until `condition` holds (work that runs in-process after a call returns), failing after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
