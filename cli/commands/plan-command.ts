import { Command, InvalidArgumentError, Option } from 'commander';
import { SCENARIOS } from '../../functions/lab/lab-run';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { planWorkshop, type WorkshopPlan } from '../plan/workshop-plan';
import { renderPlan } from '../render/plan-view';
import { parseScenario } from '../run-request';
import { EXIT } from '../usage-error';
import type { Scenario } from '../../functions/lab/lab-run';

interface PlanOptions extends CommonOptions {
  readonly runs: number;
  readonly scenario: Scenario;
}

/** The most runs a plan is made for: beyond it, a batch is a deployment of its own. */
const MOST_RUNS = 500;

function parseRuns(value: string): number {
  const runs = Number(value);
  if (!/^\d+$/.test(value) || runs < 1 || runs > MOST_RUNS) throw new InvalidArgumentError(`expected a number of runs from 1 to ${MOST_RUNS}, got '${value}'.`);
  return runs;
}

/** The plan as JSON: each quota by its code, and the figures as numbers. */
const planJson = (plan: WorkshopPlan) => ({
  ...plan,
  quotas: plan.quotas.map(({ quota, ...line }) => ({ serviceCode: quota.serviceCode, quotaCode: quota.code, name: quota.name, scope: quota.scope, ...line })),
});

/** `vpce-lab plan --runs N`: whether the account can hold N runs at once, what to ask for if not, how long the batch takes at least and what it costs. */
export function planCommand(io: CliIo, exit: (code: number) => void): Command {
  return withConnectionOptions(
    new Command('plan')
      .description('check that the account can hold N runs at once: every quota they need, the increases to ask for, the least time and the cost')
      .requiredOption('--runs <n>', `how many runs at once (1 to ${MOST_RUNS})`, parseRuns)
      .addOption(new Option('--scenario <scenario>', `which lessons each run builds: ${SCENARIOS.join(', ')}`).argParser(parseScenario).default('full')),
  ).action(async (options: PlanOptions) => {
    const connection = await connect(options);
    try {
      const plan = await planWorkshop(connection, { runs: options.runs, scenario: options.scenario, region: connection.region });
      if (options.json) writeJson(io, planJson(plan));
      else io.out.write(renderPlan(plan, connection.description));
      exit(plan.fits ? EXIT.ok : EXIT.failed);
    } finally {
      await connection.close();
    }
  });
}
