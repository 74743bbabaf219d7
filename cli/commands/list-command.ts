import { DescribeExecutionCommand, type ExecutionListItem, paginateListExecutions } from '@aws-sdk/client-sfn';
import { collect } from '../../functions/commons/collect-pages';
import { Command, InvalidArgumentError } from 'commander';
import type { LabRun } from '../../functions/lab/lab-run';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { type LabConnection, stateMachineArn } from '../connection/lab-connection';
import { runningState } from '../follow/running-state';
import { countByRun, runResources } from '../resources/run-resources';
import { EXIT } from '../usage-error';
import { findBatch } from '../batch/find-batch';
import { stateCounts } from '../render/batch-view';
import { parseBatchId } from '../run-request';

interface ListOptions extends CommonOptions {
  readonly limit: number;
  readonly batch?: string;
}

/** One run as list shows it. */
interface ListedRun {
  readonly runId: string;
  readonly scenario?: string;
  /** The batch it was started in (`start --runs N`). */
  readonly batchId?: string;
  /** The execution's status, or HOLDING for a `--keep` run holding its built lab, or PAUSED for a guided run waiting for its student. */
  readonly state: string;
  readonly status: string;
  /** How many resources tagged with the run still exist. */
  readonly resourcesLeft: number;
  readonly startDate?: string;
  readonly stopDate?: string;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 1000) throw new InvalidArgumentError(`expected a number from 1 to 1000, got '${value}'.`);
  return limit;
}

/** The scenario is in the execution's input, which ListExecutions leaves out (a batch's listing has read it already). */
async function listed(connection: LabConnection, { execution, input: known }: Listing, left: ReadonlyMap<string, number>): Promise<ListedRun> {
  const executionArn = execution.executionArn ?? '';
  const [{ input }, state] = await Promise.all([
    known === undefined ? connection.sfn.send(new DescribeExecutionCommand({ executionArn })) : { input: known },
    execution.status === 'RUNNING' ? runningState(connection.sfn, executionArn) : Promise.resolve(execution.status ?? ''),
  ]);
  const runId = execution.name ?? '';
  const run = input ? (JSON.parse(input) as { run?: Partial<LabRun> }).run : undefined;
  return {
    runId,
    scenario: run?.scenario,
    ...(run?.batchId ? { batchId: run.batchId } : {}),
    state,
    status: execution.status ?? '',
    resourcesLeft: left.get(runId) ?? 0,
    startDate: execution.startDate?.toISOString(),
    stopDate: execution.stopDate?.toISOString(),
  };
}

/** An execution to list, with its input when it is known already. */
interface Listing {
  readonly execution: ExecutionListItem;
  readonly input?: string;
}

/** The newest runs, or every run of a batch. */
async function executionsToList(connection: LabConnection, options: ListOptions): Promise<Listing[]> {
  if (options.batch) return findBatch(connection, options.batch);
  const pages = paginateListExecutions({ client: connection.sfn }, { stateMachineArn: await stateMachineArn(connection, 'labRun') });
  const executions = await collect(pages, (page) => page.executions, options.limit);
  return executions
    .sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0))
    .slice(0, options.limit)
    .map((execution) => ({ execution }));
}

/** `vpce-lab list`: the runs, newest first, with their scenario, their state and how many of their resources are left; `--batch` a batch's runs. */
export function listCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('list')
      .description('list the runs, newest first; with --batch, every run of a batch')
      .option('--limit <n>', 'at most this many runs', parseLimit, 20)
      .option('--batch <batch-id>', 'every run of this batch (vpce-lab start --runs N prints its id), whatever --limit says', parseBatchId),
  ).action(
    async (options: ListOptions) => {
      const connection = await connect(options);
      try {
        const newest = await executionsToList(connection, options);
        // One listing of what is tagged, for every run at once.
        const left = newest.length === 0 ? new Map<string, number>() : countByRun(await runResources(connection));
        const shown = await Promise.all(newest.map((listing) => listed(connection, listing, left)));
        if (options.json) writeJson(io, options.batch ? { batchId: options.batch, runs: shown } : { runs: shown });
        else if (shown.length === 0) io.out.write(`No runs at ${connection.description}. Start one with vpce-lab start.\n`);
        else io.out.write(`${table(shown)}${options.batch ? `Batch ${options.batch}: ${shown.length} run(s), ${stateCounts(shown)}.\n` : ''}`);
        exit(EXIT.ok);
      } finally {
        await connection.close();
      }
    },
  );
}

function table(runs: readonly ListedRun[]): string {
  const rows = runs.map(
    (run) => `${run.runId.padEnd(24)} ${(run.scenario ?? '?').padEnd(9)} ${run.state.padEnd(10)} ${String(run.resourcesLeft).padStart(4)}  ${(run.startDate ?? '').padEnd(24)}  ${run.stopDate ?? ''}`,
  );
  return `${'RUN'.padEnd(24)} ${'SCENARIO'.padEnd(9)} ${'STATE'.padEnd(10)} ${'LEFT'.padStart(4)}  ${'STARTED'.padEnd(24)}  STOPPED\n${rows.join('\n')}\n`;
}
