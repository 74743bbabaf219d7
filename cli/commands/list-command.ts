import { paginateListExecutions } from '@aws-sdk/client-sfn';
import { Command, InvalidArgumentError } from 'commander';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { stateMachineArn } from '../connection/lab-connection';
import { EXIT } from '../usage-error';

interface ListOptions extends CommonOptions {
  readonly limit: number;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 1000) throw new InvalidArgumentError(`expected a number from 1 to 1000, got '${value}'.`);
  return limit;
}

/** `vpce-lab list`: the runs, newest first. */
export function listCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(new Command('list').description('list the runs, newest first').option('--limit <n>', 'at most this many runs', parseLimit, 20)).action(
    async (options: ListOptions) => {
      const connection = await connect(options);
      try {
        const runs: { runId: string; status: string; startDate?: string; stopDate?: string }[] = [];
        for await (const page of paginateListExecutions({ client: connection.sfn }, { stateMachineArn: await stateMachineArn(connection, 'labRun') })) {
          for (const execution of page.executions ?? []) {
            runs.push({ runId: execution.name ?? '', status: execution.status ?? '', startDate: execution.startDate?.toISOString(), stopDate: execution.stopDate?.toISOString() });
          }
          if (runs.length >= options.limit) break;
        }
        const shown = runs.sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? '')).slice(0, options.limit);
        if (options.json) writeJson(io, { runs: shown });
        else io.out.write(shown.length === 0 ? `No runs at ${connection.description}. Start one with vpce-lab start.\n` : table(shown));
        exit(EXIT.ok);
      } finally {
        await connection.close();
      }
    },
  );
}

function table(runs: { runId: string; status: string; startDate?: string; stopDate?: string }[]): string {
  const rows = runs.map((run) => `${run.runId.padEnd(24)} ${run.status.padEnd(10)} ${run.startDate ?? ''}  ${run.stopDate ?? ''}`);
  return `${'RUN'.padEnd(24)} ${'STATUS'.padEnd(10)} ${'STARTED'.padEnd(24)}  STOPPED\n${rows.join('\n')}\n`;
}
