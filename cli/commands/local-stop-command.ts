import { paginateListExecutions } from '@aws-sdk/client-sfn';
import { collect } from '../../functions/commons/collect-pages';
import { Command } from 'commander';
import { type CliIo, writeJson } from '../cli-io';
import { remote } from '../connection/connect';
import { stateMachineArn } from '../connection/lab-connection';
import { processAlive, type RunningServer, runningServer, settingsOf } from '../connection/local-server-file';
import { EXIT } from '../usage-error';
import { localDataDir } from './local-status-command';

const STOPPED_WITHIN_MS = 30_000;

/** The runs (lab-run executions) still running on a server: stopping it would leave them half done. */
async function runningRuns(server: RunningServer): Promise<string[]> {
  const connection = remote(server.endpoint, String(settingsOf(server).region), `the local cloud at ${server.endpoint}`, 0, settingsOf(server).timeScale);
  try {
    const query = { stateMachineArn: await stateMachineArn(connection, 'labRun'), statusFilter: 'RUNNING' as const };
    const running = await collect(paginateListExecutions({ client: connection.sfn }, query), (page) => page.executions);
    return running.map((execution) => execution.name ?? '');
  } finally {
    await connection.close();
  }
}

/**
 * `vpce-lab local stop`: ends the server serving the data directory (its
 * state stays). Runs still running would stop where they are, leaving what
 * they built, so they are named and the stop refused unless `--force`.
 */
export function localStopCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command('stop')
    .description('stop the local cloud serving the data directory (its state stays); refused while runs are running, unless --force')
    .option('--force', 'stop even though runs are running (they fail where they are; tear them down after the next start)', false)
    .option('--json', 'print one JSON document', false)
    .action(async (options: { force: boolean }, command: Command) => {
      const { dataDir, json } = localDataDir(command);
      const server = await runningServer(dataDir);
      const report = (text: string, fields: object) => (json ? writeJson(io, { dataDir, ...fields }) : io.out.write(text));
      if (!server) {
        report(`No local cloud serves ${dataDir}; nothing to stop.\n`, { stopped: false, server: null });
        return exit(EXIT.ok);
      }
      const runs = await runningRuns(server);
      if (runs.length > 0 && !options.force) {
        report(
          `The local cloud serving ${dataDir} (pid ${server.pid}) is running ${runs.length} run(s): ${runs.join(', ')}.\n` +
            'Stopping it would leave what they built. Wait for them (vpce-lab status <run> --follow), tear them down (vpce-lab teardown <run>), or stop anyway with --force.\n',
          { stopped: false, server, runningRuns: runs },
        );
        return exit(EXIT.failed);
      }
      process.kill(server.pid, 'SIGTERM');
      const deadline = Date.now() + STOPPED_WITHIN_MS;
      while (processAlive(server.pid) && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 100));
      if (processAlive(server.pid)) {
        report(`The local cloud (pid ${server.pid}) did not stop within ${STOPPED_WITHIN_MS / 1000} s; see its log${settingsOf(server).logFile ? ` ${String(settingsOf(server).logFile)}` : ''}.\n`, { stopped: false, server });
        return exit(EXIT.failed);
      }
      report(
        `Stopped the local cloud (pid ${server.pid}); its state stays in ${dataDir}.${runs.length > 0 ? ` Runs that were running (${runs.join(', ')}) failed where they were: tear them down with vpce-lab teardown <run>.` : ''}\n`,
        { stopped: true, server, interruptedRuns: runs },
      );
      exit(EXIT.ok);
    });
}
