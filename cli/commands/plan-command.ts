import { Command, Option } from 'commander';
import { MOST_RUNS, parseRuns } from '../option-parsers';
import { SCENARIOS } from '../../functions/lab/lab-run';
import { type CliIo, writeJson } from '../cli-io';
import { connect } from '../connection/connect';
import { type CommonOptions, withConnectionOptions } from '../connection/connection-options';
import { planWorkshop } from '../plan/workshop-plan';
import { planJson } from '../plan/plan-json';
import { renderPlan } from '../render/plan-view';
import { parseScenario } from '../run-request';
import { EXIT } from '../usage-error';
import type { Scenario } from '../../functions/lab/lab-run';

interface PlanOptions extends CommonOptions {
  readonly runs: number;
  readonly scenario: Scenario;
}

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
