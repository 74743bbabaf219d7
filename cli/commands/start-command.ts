import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { Command, Option } from 'commander';
import { SCENARIOS } from '../../functions/lab/lab-run';
import { type CliIo } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { type LabConnection, stateMachineArn } from '../connection/lab-connection';
import { connectionClock } from '../follow/connection-clock';
import { untilInterrupted } from '../follow/interrupt';
import { newRun, parseScenario, parseTtl, type RunRequest, type Ttl, ttlFloors, ttlMillisFor } from '../run-request';
import { UsageError } from '../usage-error';
import { runBatch } from '../batch/run-batch';
import { followRun } from '../follow/follow-run';
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
      .option('--guided', 'pause before each lesson so you can try its commands; vpce-lab lesson says what to try, vpce-lab next goes on', false)
      .option('--runs <n>', `start a batch of n runs at once (1 to ${MOST_RUNS}), refused with the plan when the account cannot hold them`, parseRuns, 1),
  ).action(async (options: StartOptions) => exit(await start(io, options)));
}

async function start(io: CliIo, options: StartOptions): Promise<number> {
  // Both options parsed, the TTL's floor (the scenario's) is checked before anything is connected to.
  const ttlMs = ttlMillisFor(options.scenario, options.ttl);
  if (options.guided && options.runs > 1) {
    throw new UsageError('--guided starts one run, which waits for its own student: start each student\'s run with its own vpce-lab start --guided.');
  }
  const connection = await connect(options);
  try {
    if (options.guided && !connection.runsOutlive) {
      throw new UsageError('a guided run waits for you between commands, and the local cloud in memory ends with this one: run it on the local service (the default) or on AWS.');
    }
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
  const run = newRun({ scenario: options.scenario, ttlMs, keep: options.keep, guided: options.guided, region: options.region }, new Date());

  const labRunArn = await stateMachineArn(connection, 'labRun');
  const { executionArn } = await connection.sfn.send(new StartExecutionCommand({ stateMachineArn: labRunArn, name: run.runId, input: JSON.stringify({ run }) }));
  if (!executionArn) throw new Error('Step Functions started the run but returned no execution ARN');
  if (!options.json) {
    const waits = run.guided ? 'It pauses before each lesson for you (vpce-lab next goes on).\n' : run.keep ? `Held until ${run.expiresAt} once built.\n` : '';
    io.out.write(`Run ${run.runId} (${run.scenario}${run.guided ? ', guided' : ''}) on ${connection.description}\n${connectionClock(connection).pace}\n${waits}\n`);
  }
  return followRun(io, connection, run, executionArn, { json: options.json }, signal);
}
