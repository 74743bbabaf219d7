import { DescribeExecutionCommand, DescribeStateMachineCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { Command, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { criticalPath, criticalStates } from '../../bench/critical-path';
import type { Scenario } from '../../functions/lab/lab-run';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import type { LabConnection } from '../connection/lab-connection';
import { findRun } from '../connection/find-run';
import { orchestrationCost } from '../cost/orchestration-cost';
import { executionHistory } from '../follow/execution-events';
import { msPerAwsSecond, type RetryDefinition } from '../follow/run-clock';
import { childExecutionArn, orchestrationUse, runTimeline } from '../follow/run-timeline';
import { reportPage } from '../render/report-page';
import { timelineSvg } from '../render/timeline-svg';
import { parseRunId } from '../run-request';
import { runOutcome } from '../run-outcome';
import { EXIT, UsageError } from '../usage-error';

interface ReportOptions extends CommonOptions {
  readonly out?: string;
}

/**
 * The run's clock against AWS's: on AWS one second is a second; on the local
 * cloud the run's own Retry waits tell its time scale (see msPerAwsSecond).
 * At time scale 0 AWS's waits took no time, so the page keeps the clock's seconds.
 */
async function clockOf(connection: LabConnection, runs: readonly { executionArn: string; events: readonly HistoryEvent[] }[]): Promise<{ msPerSecond: number; clock: string }> {
  const histories = await Promise.all(
    runs.map(async ({ executionArn, events }) => {
      const { stateMachineArn: arn } = await connection.sfn.send(new DescribeExecutionCommand({ executionArn }));
      const { definition } = await connection.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      return { events, definition: JSON.parse(definition ?? '{"States":{}}') as RetryDefinition };
    }),
  );
  const measured = msPerAwsSecond(histories);
  if (measured === undefined) return { msPerSecond: 1000, clock: `Seconds are the clock of ${connection.description} (no wait loop of the run retried, which would tell its pace).` };
  if (measured >= 900) return { msPerSecond: 1000, clock: 'Seconds are AWS seconds.' };
  if (measured < 1) return { msPerSecond: 1000, clock: "The run's waits took no time (a local cloud at time scale 0): seconds are its clock's own." };
  return {
    msPerSecond: measured,
    clock: `Seconds are AWS seconds: the run's Retry waits show it ran at time scale ${(measured / 1000).toFixed(3)}, so its clock is scaled back.`,
  };
}

/** `vpce-lab report <run-id>`: one HTML page with the run's timeline, its verification report and its cost. */
export function reportCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('report')
      .description("write an HTML page of a finished run: its timeline (critical path marked), its verification report and its cost")
      .argument('<run-id>', 'the run (see vpce-lab list)', parseRunId)
      .addOption(new Option('--out <file>', 'where to write the page (default: vpce-lab-report-<run-id>.html here)')),
  ).action(async (runId: string, options: ReportOptions) => {
    const connection = await connect(options);
    try {
      const { executionArn, execution } = await findRun(connection, runId);
      if (execution.status === 'RUNNING') throw new UsageError(`Run ${runId} is still running; its report can be written once it has ended (see vpce-lab status ${runId}).`);
      const events = await executionHistory(connection.sfn, executionArn);
      const teardownArn = childExecutionArn(events);
      const teardownEvents = teardownArn ? await executionHistory(connection.sfn, teardownArn) : [];
      const outcome = runOutcome({ ...execution, executionArn }, events, new Date());
      const timeline = runTimeline(events, teardownEvents);
      const runs = [{ executionArn, events }, ...(teardownArn ? [{ executionArn: teardownArn, events: teardownEvents }] : [])];
      const { msPerSecond, clock } = await clockOf(connection, runs);
      const scenario = outcome.scenario as Scenario | undefined;
      const bounds = scenario && { build: criticalPath(scenario, 'build'), teardown: criticalPath(scenario, 'teardown') };
      const seconds = (ms: number) => ms / msPerSecond;
      const use = orchestrationUse(events, teardownEvents);
      const page = reportPage({
        outcome,
        clock,
        phases: [
          { name: 'build and verification', seconds: seconds(timeline.buildEnd), boundSeconds: bounds?.build.boundSeconds },
          ...(timeline.teardown ? [{ name: 'teardown', seconds: seconds(timeline.teardown.end - timeline.teardown.start), boundSeconds: bounds?.teardown.boundSeconds }] : []),
        ],
        timelineSvg: timelineSvg(timeline, {
          title: `Run ${runId} (${scenario ?? 'unknown scenario'})`,
          msPerSecond,
          critical: bounds ? new Set([...criticalStates(bounds.build), ...criticalStates(bounds.teardown)]) : new Set(),
          bounds: bounds && { build: bounds.build.boundSeconds, teardown: bounds.teardown.boundSeconds },
        }),
        use,
        orchestrationCost: orchestrationCost(use),
      });
      const file = resolve(options.out ?? `vpce-lab-report-${runId}.html`);
      writeFileSync(file, page);
      if (options.json) writeJson(io, { runId, file, status: outcome.status });
      else io.out.write(`Report of ${runId} written to ${file}\n`);
      exit(EXIT.ok);
    } finally {
      await connection.close();
    }
  });
}
