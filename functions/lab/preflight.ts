import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { LabInputInvalid, LabStepFailed } from '../commons/lab-errors';
import type { StepDependencies } from '../commons/lab-step';
import { answered } from './aws-answer';
import { type LabRun, lessonsOf } from './lab-run';
import type { Plan } from './lab-state';
import { AMI_PARAMETER } from './lab-topology';
import { requireQuotaHeadroom } from './quota-headroom';

/** Two available zones, first by name: the provider's NLB spans both, everything else uses the first. */
async function twoZones({ clients }: StepDependencies, run: LabRun): Promise<[string, string]> {
  const { AvailabilityZones } = await clients.ec2.send(
    new DescribeAvailabilityZonesCommand({
      Filters: [
        { Name: 'state', Values: ['available'] },
        { Name: 'zone-type', Values: ['availability-zone'] },
      ],
    }),
  );
  const names = (AvailabilityZones ?? []).flatMap((zone) => (zone.ZoneName ? [zone.ZoneName] : [])).sort();
  const [first, second] = names;
  if (first === undefined || second === undefined) {
    throw new LabStepFailed(`${run.region} has ${names.length} available Availability Zone(s); the lab's load balancer needs two. Choose another region.`);
  }
  return [first, second];
}

/**
 * Preflight: before anything is made, checks the lab can be built here and
 * gathers what every later step needs (zones, AMI, account, lessons).
 */
export async function preflight(input: { run: LabRun }, dependencies: StepDependencies): Promise<Plan> {
  const { run } = input;
  const { clients } = dependencies;
  const clientRegion = await clients.ec2.config.region();
  if (clientRegion !== run.region) {
    throw new LabInputInvalid(`run ${run.runId} is for ${run.region} but the lab's functions work in ${clientRegion}; start the run in ${clientRegion} or deploy the lab to ${run.region}`);
  }
  const lessons = lessonsOf(run.scenario);
  const zones = await twoZones(dependencies, run);
  const { Parameter } = await clients.ssm.send(new GetParameterCommand({ Name: AMI_PARAMETER }));
  const amiId = answered(Parameter?.Value, `the value of ${AMI_PARAMETER}`);
  const { Account } = await clients.sts.send(new GetCallerIdentityCommand({}));
  await requireQuotaHeadroom(clients, run, lessons);
  return { amiId, zones, lessons, accountId: answered(Account, 'the account id') };
}
