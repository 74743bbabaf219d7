import { Command } from 'commander';
import { type CliIo, writeJson } from '../cli-io';
import { runningServer, settingsOf } from '../connection/local-server-file';
import { EXIT } from '../usage-error';

/** The `local` command's options its subcommands read (`vpce-lab local status --data-dir D`). */
export const localDataDir = (command: Command): { dataDir: string; json: boolean } => command.optsWithGlobals<{ dataDir: string; json: boolean }>();

/** `vpce-lab local status`: which local cloud serves the data directory, with what; exit 1 when none does. */
export function localStatusCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command('status')
    .description('show the local cloud serving the data directory (pid, endpoint, pace, log), if one does')
    .option('--json', 'print one JSON document', false)
    .action(async (_options: unknown, command: Command) => {
      const { dataDir, json } = localDataDir(command);
      const server = await runningServer(dataDir);
      if (json) writeJson(io, { dataDir, server: server ?? null });
      else if (!server) io.out.write(`No local cloud serves ${dataDir}. Any vpce-lab command on it starts one, or run vpce-lab local.\n`);
      else {
        const settings = settingsOf(server);
        io.out.write(
          [
            `The local cloud serving ${dataDir}:`,
            `  pid ${server.pid}   ${server.endpoint}   since ${server.startedAt}`,
            `  time scale ${settings.timeScale}   region ${settings.region}   IAM ${settings.iam ? 'enforced' : 'off'}   default VPC ${settings.defaultVpc ? 'yes' : 'none'}`,
            `  stops ${settings.stopAfterMinutes === undefined ? 'when stopped (vpce-lab local stop)' : `after ${settings.stopAfterMinutes} min idle`}${settings.logFile ? `   log ${settings.logFile}` : ''}`,
            '',
          ].join('\n'),
        );
      }
      exit(server ? EXIT.ok : EXIT.failed);
    });
}
