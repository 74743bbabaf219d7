import { Command } from 'commander';
import { type CliIo, writeJson, writeJsonError } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { executionName, runWorkflow } from '../follow/run-workflow';
import { failureLine } from '../render/failure-line';
import { EXIT } from '../usage-error';
import { findBatch } from '../batch/find-batch';
import { type BatchTeardown, teardownBatch } from '../batch/teardown-batch';
import type { LabConnection } from '../connection/lab-connection';
import { untilInterrupted } from '../follow/interrupt';
import { parseBatchId } from '../run-request';

/** The cleanup workflow's output: each expired run, torn down or failed, and those left to their still-running execution. */
interface CleanupOutput {
  readonly runIds: string[];
  /** Absent from the output of a deployment older than the field. */
  readonly leftToExecution?: string[];
  readonly teardowns: { runId: string; failure?: { Error?: string; Cause?: string } }[];
}

function describeCleanup(output: CleanupOutput): string {
  const left = (output.leftToExecution ?? []).map((runId) => `  ${runId}: left to its lab-run execution, still running (it tears the run down when its hold ends)`);
  if (output.runIds.length === 0 && left.length === 0) return 'No run had expired; nothing to clean up.\n';
  const failed = output.teardowns.filter((teardown) => teardown.failure);
  const lines = output.teardowns.map((teardown) =>
    teardown.failure ? `  ${teardown.runId}: teardown failed: ${teardown.failure.Error ?? ''} (it stays expired; the next cleanup tries again)` : `  ${teardown.runId}: torn down`,
  );
  const notTornDown = failed.length + left.length;
  return `${output.runIds.length + left.length} expired run(s)${notTornDown ? `, ${notTornDown} not torn down` : ''}:\n${[...lines, ...left].join('\n')}\n`;
}

interface CleanupOptions extends CommonOptions {
  readonly batch?: string;
}

function describeBatchTeardown(batchId: string, teardowns: readonly BatchTeardown[]): string {
  const lines = teardowns.map((teardown) => {
    const stopped = teardown.stopped ? 'stopped, then ' : '';
    if (teardown.result === 'failed') return `  ${teardown.runId}: ${stopped}teardown failed, ${teardown.left} resource(s) left${teardown.failure ? `: ${failureLine(teardown.failure)}` : ''} (run vpce-lab cleanup --batch ${batchId} again)`;
    return `  ${teardown.runId}: ${stopped}${teardown.result}`;
  });
  const failed = teardowns.filter((teardown) => teardown.result === 'failed').length;
  return `Batch ${batchId}: ${teardowns.length} run(s)${failed ? `, ${failed} not torn down` : ', nothing of them remains'}:\n${lines.join('\n')}\n`;
}

async function cleanupBatch(io: CliIo, connection: LabConnection, batchId: string, json: boolean): Promise<number> {
  const members = await findBatch(connection, batchId);
  if (!json) io.out.write(`Tearing down batch ${batchId} (${members.length} run(s)) on ${connection.description}\n`);
  const teardowns = await untilInterrupted((signal) => teardownBatch(connection, members, signal));
  const ok = teardowns.every((teardown) => teardown.result !== 'failed');
  if (json) {
    writeJson(io, { batchId, runs: teardowns });
    if (!ok) writeJsonError(io, { code: 'BatchTeardownFailed', message: `Not every run of batch ${batchId} was torn down.`, exitCode: EXIT.failed });
  } else io.out.write(describeBatchTeardown(batchId, teardowns));
  return ok ? EXIT.ok : EXIT.failed;
}

/** `vpce-lab cleanup`: what the schedule does, now: tear down every run whose TTL has passed; `--batch` a whole batch, whatever its TTL. */
export function cleanupCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('cleanup')
      .description('tear down every run whose vpce-lab:expires-at has passed (what the schedule runs); with --batch, every run of a batch now')
      .option('--batch <batch-id>', 'tear down every run of this batch now, stopping those still building or holding (see vpce-lab start --runs)', parseBatchId),
  ).action(async (options: CleanupOptions) => {
    const connection = await connect(options);
    try {
      if (options.batch) return exit(await cleanupBatch(io, connection, options.batch, options.json));
      if (!options.json) io.out.write(`Cleaning up expired runs on ${connection.description}\n`);
      const result = await runWorkflow(io, connection, 'cleanup', {}, executionName('cleanup', new Date()), options.json);
      if (options.json) {
        writeJson(io, result);
        if (result.failure) writeJsonError(io, { ...result.failure, exitCode: EXIT.failed });
      } else io.out.write(result.failure ? `Cleanup ${result.status.toLowerCase()}: ${failureLine(result.failure)}\n` : describeCleanup(result.output as CleanupOutput));
      exit(result.status === 'SUCCEEDED' ? EXIT.ok : EXIT.failed);
    } finally {
      await connection.close();
    }
  });
}
