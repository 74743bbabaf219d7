import pc from 'picocolors';
import { INSTANCE_TYPE, INSTANCE_VCPUS } from '../../functions/lab/lab-topology';
import type { WorkshopPlan } from '../plan/workshop-plan';

const usd = (value: number): string => `$${value.toFixed(2)}`;
const minutes = (seconds: number): string => `${Math.ceil(seconds / 60)} min`;

/** The plan as an instructor reads it: each quota against the batch, the increases to ask for, the least time and the cost. */
export function renderPlan(plan: WorkshopPlan, where: string): string {
  const header = `  ${'quota'.padEnd(74)} ${'per run'.padStart(7)} ${'in use'.padStart(6)} ${'needed'.padStart(6)} ${'value'.padStart(6)}`;
  const rows = plan.quotas.map((line) => {
    const name = `${line.quota.name} (${line.quota.serviceCode}/${line.quota.code}${line.quota.scope === 'VPC' ? ', each run its own VPC' : ''})`;
    const verdict = line.increase ? pc.red(`short by ${line.needed - line.value}`) : pc.green('fits');
    return `  ${name.padEnd(74)} ${String(line.perRun).padStart(7)} ${String(line.inUse).padStart(6)} ${String(line.needed).padStart(6)} ${String(line.value).padStart(6)}  ${verdict}`;
  });
  const increases = plan.quotas.flatMap((line) => line.increase ?? []);
  const bound = plan.batch;
  const setBy = bound.bucket
    ? `set by the ${bound.bucket} request bucket (none drawn before ${Math.round(bound.headSeconds ?? 0)} s into a run, ${bound.tokens} requests of the batch, then at least ${Math.round(bound.tailSeconds ?? 0)} s to the end of a run)`
    : 'one run’s own bound: no API limit binds at this size';
  return [
    `Plan for ${plan.runs} ${plan.scenario} run(s) at once in ${plan.region}, on ${where}`,
    '',
    header,
    ...rows,
    '',
    plan.fits
      ? pc.green(`The account can hold ${plan.runs} run(s) at once.`)
      : [pc.red(`The account cannot hold ${plan.runs} run(s) at once. Ask for these increases (or tear down what holds the quotas):`), ...increases.map((command) => `  ${command}`)].join('\n'),
    '',
    `Least time for the batch under AWS's API rate limits: ${Math.round(bound.seconds)} s (${minutes(bound.seconds)}), ${setBy}; one run alone: ${Math.round(bound.oneRunSeconds)} s.`,
    `Cost on AWS (Asia Pacific (Seoul) rates): about ${usd(plan.usdPerHour)} per hour while all ${plan.runs} are built; about ${usd(plan.usdTornDownAtOnce)} in all if each is torn down once verified.`,
    pc.dim(
      `Not read: Running On-Demand Standard instances (ec2/L-1216C47A), counted in vCPUs: the batch needs ${plan.inventory.instances * INSTANCE_VCPUS} ` +
        `(${plan.inventory.instances} ${INSTANCE_TYPE} of ${INSTANCE_VCPUS} vCPUs) beside what the account runs; see its value with ` +
        `aws service-quotas get-service-quota --region ${plan.region} --service-code ec2 --quota-code L-1216C47A`,
    ),
    '',
  ].join('\n');
}
