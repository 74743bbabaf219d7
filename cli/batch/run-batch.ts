import { type CliIo, writeJson, writeJsonError } from '../cli-io';
import type { LabConnection } from '../connection/lab-connection';
import { connectionClock } from '../follow/connection-clock';
import { FollowInterrupted } from '../follow/execution-events';
import { isKind } from '../../functions/commons/is-kind';
import type { Scenario } from '../../functions/lab/lab-run';
import { planWorkshop } from '../plan/workshop-plan';
import { planJson } from '../plan/plan-json';
import { batchSummary, BatchView } from '../render/batch-view';
import { renderPlan } from '../render/plan-view';
import { describeBatchDetached } from '../render/run-handoff-view';
import { EXIT } from '../usage-error';
import { batchOutcomes, batchSucceeded } from './batch-outcomes';
import { followBatch } from './follow-batch';
import { type BatchMember, newBatchRuns, startBatch } from './start-batch';

export interface BatchRequest {
  readonly runs: number;
  readonly scenario: Scenario;
  readonly ttlMs: number;
  readonly keep: boolean;
  readonly json: boolean;
}

/** The plan refused the batch: nothing was started. */
const REFUSED = 'AccountCannotHoldRuns';

/**
 * `vpce-lab start --runs N`: the plan first, and nothing started when the
 * account cannot hold N runs at once; then one lab-run execution per run,
 * followed together in a compact live view, and one line per run at the end.
 * A held batch returns once every run holds (or ended), the runs holding in
 * the cloud. Ctrl+C stops following; the runs go on.
 */
export async function runBatch(io: CliIo, connection: LabConnection, request: BatchRequest, signal: AbortSignal): Promise<number> {
  const plan = await planWorkshop(connection, { runs: request.runs, scenario: request.scenario, region: connection.region });
  if (!plan.fits) {
    const message = `The account cannot hold ${request.runs} ${request.scenario} run(s) at once; nothing was started.`;
    if (request.json) {
      writeJson(io, planJson(plan));
      writeJsonError(io, { code: REFUSED, message, exitCode: EXIT.failed });
    } else io.out.write(`${renderPlan(plan, connection.description)}\n${message}\n`);
    return EXIT.failed;
  }
  const batch = newBatchRuns({ scenario: request.scenario, ttlMs: request.ttlMs, keep: request.keep, region: connection.region }, request.runs, new Date());
  const clock = connectionClock(connection);
  if (!request.json) {
    io.out.write(`Batch ${batch.batchId}: ${request.runs} ${request.scenario} run(s) on ${connection.description}, at least ${Math.round(plan.batch.seconds)} s on AWS\n${clock.pace}\n`);
  }
  const members: BatchMember[] = [];
  const view = request.json ? undefined : new BatchView(io.out, clock);
  try {
    await startBatch(connection, batch, signal, (member) => members.push(member));
    if (signal.aborted) throw new FollowInterrupted(members[0]?.executionArn ?? '');
    const progress = await followBatch(connection, members, { signal, settleOnHold: request.keep && connection.runsOutlive, onRound: (round) => view?.onRound(round) });
    view?.stop();
    const outcomes = await batchOutcomes(connection, progress);
    const ok = batchSucceeded(outcomes);
    if (request.json) {
      writeJson(io, { batchId: batch.batchId, scenario: request.scenario, runs: outcomes });
      if (!ok) writeJsonError(io, { code: 'BatchFailed', message: `Not every run of batch ${batch.batchId} succeeded.`, exitCode: EXIT.failed });
    } else io.out.write(batchSummary(batch.batchId, outcomes));
    return ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    if (!isKind(error, FollowInterrupted)) throw error;
    view?.stop();
    const runIds = members.map((member) => member.run.runId);
    if (request.json) writeJson(io, { batchId: batch.batchId, runIds, planned: request.runs, status: 'RUNNING', following: false, runsGoOn: connection.runsOutlive });
    else io.out.write(describeBatchDetached(batch.batchId, members.length, request.runs, connection));
    return EXIT.interrupted;
  }
}
