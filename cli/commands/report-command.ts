import { DescribeExecutionCommand, DescribeStateMachineCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { Command, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { criticalPath, criticalStates } from '../../statemachine/critical-path';
import type { Scenario } from '../../functions/lab/lab-run';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import type { LabConnection } from '../connection/lab-connection';
import { findRun } from '../connection/find-run';
import { orchestrationCost } from '../cost/orchestration-cost';
import { executionHistory } from '../follow/execution-events';
import { type AwsClock, awsClock, secondsAt, unknownClock } from '../follow/aws-clock';
import { connectionClock } from '../follow/connection-clock';
import { msPerAwsSecond, type RetryDefinition } from '../follow/run-clock';
import { holdSpan, wallClockSpans } from '../follow/run-hold';
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
 * The run's clock against AWS's: the pace the place declares (AWS's own, or
 * the local cloud's time scale), as the terminal reads it; for an endpoint
 * that does not say, the run's own Retry waits tell it (see msPerAwsSecond).
 */
async function clockOf(connection: LabConnection, runs: readonly { executionArn: string; events: readonly HistoryEvent[] }[]): Promise<AwsClock> {
  if (connection.timeScale !== undefined) return connectionClock(connection);
  const histories = await Promise.all(
    runs.map(async ({ executionArn, events }) => {
      const { stateMachineArn: arn } = await connection.sfn.send(new DescribeExecutionCommand({ executionArn }));
      const { definition } = await connection.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      return { events, definition: JSON.parse(definition ?? '{"States":{}}') as RetryDefinition };
    }),
  );
  const measured = msPerAwsSecond(histories);
  if (measured === undefined) return unknownClock(`${connection.description} (no wait loop of the run retried, which would tell its pace)`);
  if (measured >= 900) return awsClock(1);
  if (measured < 1) return awsClock(0);
  return { ...awsClock(measured / 1000), pace: `Times are AWS seconds: the run's Retry waits show it ran at time scale ${(measured / 1000).toFixed(3)}, so its clock is scaled back (a hold until the TTL is wall-clock time).` };
}

/** Where a page goes unless --out says: the OS's temporary directory, never the directory the command runs in (a project's tree). */
const defaultReportFile = (runId: string): string => join(tmpdir(), 'vpce-lab', `report-${runId}.html`);

/** `vpce-lab report <run-id>`: one HTML page with the run's timeline, its verification report and its cost. */
export function reportCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('report')
      .description("write an HTML page of a finished run: its timeline (critical path marked), its verification report and its cost")
      .argument('<run-id>', 'the run (see vpce-lab list)', parseRunId)
      .addOption(new Option('--out <file>', 'where to write the page (default: <os temp dir>/vpce-lab/report-<run-id>.html)')),
  ).action(async (runId: string, options: ReportOptions) => {
    const connection = await connect(options);
    try {
      const { executionArn, execution } = await findRun(connection, runId);
      if (execution.status === 'RUNNING') throw new UsageError(`Run ${runId} is still running; its report can be written once it has ended (see vpce-lab status ${runId}).`);
      const events = await executionHistory(connection.sfn, executionArn);
      const teardownArn = childExecutionArn(events);
      const teardownEvents = teardownArn ? await executionHistory(connection.sfn, teardownArn) : [];
      const timeline = runTimeline(events, teardownEvents);
      const runs = [{ executionArn, events }, ...(teardownArn ? [{ executionArn: teardownArn, events: teardownEvents }] : [])];
      const clock = await clockOf(connection, runs);
      const outcome = runOutcome({ ...execution, executionArn }, events, new Date(), clock);
      const origin = timeline.startedAt.getTime();
      const hold = holdSpan(events, origin, origin + timeline.end);
      const seconds = secondsAt(clock, wallClockSpans(events, origin, origin + timeline.end));
      const scenario = outcome.scenario as Scenario | undefined;
      const bounds = scenario && { build: criticalPath(scenario, 'build'), teardown: criticalPath(scenario, 'teardown') };
      const use = orchestrationUse(events, teardownEvents);
      const page = reportPage({
        outcome,
        clock: clock.pace,
        phases: [
          { name: 'build and verification', seconds: seconds(hold?.start ?? timeline.buildEnd), boundSeconds: bounds?.build.boundSeconds },
          ...(hold ? [{ name: 'hold until the TTL (wall-clock time)', seconds: seconds(hold.end) - seconds(hold.start) }] : []),
          ...(timeline.teardown ? [{ name: 'teardown', seconds: seconds(timeline.teardown.end) - seconds(timeline.teardown.start), boundSeconds: bounds?.teardown.boundSeconds }] : []),
        ],
        timelineSvg: timelineSvg(timeline, {
          title: `Run ${runId} (${scenario ?? 'unknown scenario'})`,
          toSeconds: seconds,
          critical: bounds ? new Set([...criticalStates(bounds.build), ...criticalStates(bounds.teardown)]) : new Set(),
          bounds: bounds && { build: bounds.build.boundSeconds, teardown: bounds.teardown.boundSeconds },
        }),
        use,
        orchestrationCost: orchestrationCost(use),
      });
      const file = resolve(options.out ?? defaultReportFile(runId));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, page);
      if (options.json) writeJson(io, { runId, file, status: outcome.status });
      else io.out.write(`Report of ${runId} written to ${file}\n`);
      exit(EXIT.ok);
    } finally {
      await connection.close();
    }
  });
}
