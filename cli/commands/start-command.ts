import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { Command, Option } from 'commander';
import { SCENARIOS } from '../../functions/lab/lab-run';
import { type CliIo, writeJson, writeJsonError } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { type LabConnection, stateMachineArn } from '../connection/lab-connection';
import { isKind } from '../../functions/commons/is-kind';
import { connectionClock } from '../follow/connection-clock';
import { executionHistory, followExecution, FollowInterrupted } from '../follow/execution-events';
import { untilInterrupted } from '../follow/interrupt';
import { renderCost } from '../render/cost-view';
import { outcomeLine } from '../render/outcome-line';
import { ProgressView } from '../render/progress-view';
import { renderReport } from '../render/report-view';
import { describeDetached, describeHeld } from '../render/run-handoff-view';
import { runResources } from '../resources/run-resources';
import { holdBegins } from '../follow/run-hold';
import { newRun, parseScenario, parseTtl, type RunRequest, type Ttl, ttlFloors, ttlMillisFor } from '../run-request';
import { runOutcome, type RunOutcome } from '../run-outcome';
import { EXIT } from '../usage-error';
import { runBatch } from '../batch/run-batch';
import { MOST_RUNS, parseRuns } from '../option-parsers';

interface StartOptions extends CommonOptions, Omit<RunRequest, 'ttlMs'> {
  readonly ttl: Ttl;
  readonly runs: number;
}

/** `vpce-lab start`: one execution of the lab-run workflow, followed live to its end; `--runs N` a batch of them. */
export function startCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('start')
      .description('build the lab, prove each lesson before and after, then tear it down (or hold it with --keep)')
      .addOption(new Option('--scenario <scenario>', `which lessons to build: ${SCENARIOS.join(', ')}`).argParser(parseScenario).default('full'))
      .addOption(
        new Option('--ttl <duration>', `how long the run may live before scheduled cleanup removes it: at most 7d, at least twice the scenario's build on AWS (${ttlFloors()})`)
          .argParser(parseTtl)
          .default(parseTtl('2h'), '2h'),
      )
      .option('--keep', 'hold the built lab until its TTL instead of tearing it down after verification', false)
      .option('--runs <n>', `start a batch of n runs at once (1 to ${MOST_RUNS}), refused with the plan when the account cannot hold them`, parseRuns, 1),
  ).action(async (options: StartOptions) => exit(await start(io, options)));
}

async function start(io: CliIo, options: StartOptions): Promise<number> {
  // Both options parsed, the TTL's floor (the scenario's) is checked before anything is connected to.
  const ttlMs = ttlMillisFor(options.scenario, options.ttl);
  const connection = await connect(options);
  try {
    // From here a Ctrl+C only ends the following: even one during StartExecution finds the run started and says so.
    return await untilInterrupted((signal) =>
      options.runs > 1
        ? runBatch(io, connection, { runs: options.runs, scenario: options.scenario, ttlMs, keep: options.keep, json: options.json }, signal)
        : startAndFollow(io, options, connection, ttlMs, signal),
    );
  } finally {
    await connection.close();
  }
}

async function startAndFollow(io: CliIo, options: StartOptions, connection: LabConnection, ttlMs: number, signal: AbortSignal): Promise<number> {
  const run = newRun({ scenario: options.scenario, ttlMs, keep: options.keep, region: options.region }, new Date());
  const labRunArn = await stateMachineArn(connection, 'labRun');
  const { executionArn } = await connection.sfn.send(new StartExecutionCommand({ stateMachineArn: labRunArn, name: run.runId, input: JSON.stringify({ run }) }));
  if (!executionArn) throw new Error('Step Functions started the run but returned no execution ARN');
  const clock = connectionClock(connection);
  if (!options.json) io.out.write(`Run ${run.runId} (${run.scenario}) on ${connection.description}\n${clock.pace}\n${run.keep ? `Held until ${run.expiresAt} once built.\n` : ''}\n`);
  const view = options.json ? undefined : new ProgressView(io.out, clock);
  // A held run lives on in the cloud: the command returns once its hold begins, unless the cloud ends with the command.
  const until = run.keep && connection.runsOutlive ? holdBegins : undefined;
  let execution;
  try {
    execution = await followExecution(connection.sfn, executionArn, (event) => view?.onEvent(event), connection.pollMs, { signal, until });
  } catch (error) {
    if (!isKind(error, FollowInterrupted)) throw error;
    view?.stop();
    if (options.json) writeJson(io, { runId: run.runId, executionArn, status: 'RUNNING', following: false, runGoesOn: connection.runsOutlive });
    else io.out.write(describeDetached(run.runId, connection));
    return EXIT.interrupted;
  }
  view?.stop();
  const now = new Date();
  const outcome = runOutcome({ ...execution, executionArn }, await executionHistory(connection.sfn, executionArn), now, clock);
  if (execution.status === 'RUNNING') {
    const resources = await runResources(connection, run.runId);
    if (options.json) writeJson(io, { ...outcome, holding: true, expiresAt: run.expiresAt, resources });
    else io.out.write(describeHeld(outcome, resources, connection, now));
    return outcome.report?.passed === false ? EXIT.failed : EXIT.ok;
  }
  if (options.json) writeOutcomeJson(io, outcome);
  else io.out.write(describeOutcome(outcome));
  return outcome.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed;
}

/** The end of a run for people: the report, the cost, and how it ended. */
export function describeOutcome(outcome: RunOutcome): string {
  const parts = [''];
  if (outcome.report) parts.push(renderReport(outcome.report));
  if (outcome.cost) parts.push(renderCost(outcome.cost));
  parts.push(outcomeLine(outcome));
  return `${parts.join('\n')}\n`;
}

/** `--json`: the outcome (with `extra` fields) on stdout and, for a run that did not succeed, its error on stderr. */
export function writeOutcomeJson(io: CliIo, outcome: RunOutcome, extra: object = {}): void {
  writeJson(io, { ...outcome, ...extra });
  if (outcome.status === 'SUCCEEDED' || outcome.status === 'RUNNING') return;
  const failure = outcome.failure ?? { code: outcome.status, message: outcomeLine(outcome) };
  writeJsonError(io, { ...failure, exitCode: EXIT.failed });
}
