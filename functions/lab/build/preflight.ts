import {
  DescribeAvailabilityZonesCommand,
  DescribeVpcEndpointServicesCommand,
  type DescribeVpcEndpointServicesCommandOutput,
  type EC2Client,
  paginateDescribeInstanceTypeOfferings,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsErrorCode } from '../../commons/aws-error-code';
import { LabInputInvalid, LabStepFailed } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import { collect } from '../../commons/collect-pages';
import { type LabRun, type Lessons, lessonsOf } from '../lab-run';
import type { Plan } from '../lab-state';
import { AMI_PARAMETER, awsServiceName, INSTANCE_TYPE, interfaceServicesOf } from '../lab-topology';
import { requireQuotaHeadroom } from './quota-headroom';

const availableZones = async (ec2: EC2Client): Promise<string[]> => {
  const { AvailabilityZones } = await ec2.send(
    new DescribeAvailabilityZonesCommand({
      Filters: [
        { Name: 'state', Values: ['available'] },
        { Name: 'zone-type', Values: ['availability-zone'] },
      ],
    }),
  );
  return (AvailabilityZones ?? []).flatMap((zone) => (zone.ZoneName ? [zone.ZoneName] : [])).sort();
};

/**
 * The zones that offer the lab's instance type: "Lists the instance types
 * that are offered for the specified location", a zone absent from the
 * answer does not offer it (EC2 API Reference, DescribeInstanceTypeOfferings).
 */
async function zonesOfferingInstanceType(ec2: EC2Client): Promise<Set<string>> {
  const pages = paginateDescribeInstanceTypeOfferings({ client: ec2 }, { LocationType: 'availability-zone', Filters: [{ Name: 'instance-type', Values: [INSTANCE_TYPE] }] });
  const offerings = await collect(pages, (page) => page.InstanceTypeOfferings);
  return new Set(offerings.flatMap((offering) => (offering.Location ? [offering.Location] : [])));
}

// The SDK has no paginator for DescribeVpcEndpointServices, though the call pages by NextToken.
async function* endpointServicePages(ec2: EC2Client, serviceNames: string[]): AsyncGenerator<DescribeVpcEndpointServicesCommandOutput> {
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: serviceNames, Filters: [{ Name: 'service-type', Values: ['Interface'] }], NextToken }));
    yield page;
    NextToken = page.NextToken;
  } while (NextToken);
}

/**
 * The zones each AWS service the run connects to by an interface endpoint
 * is offered in: the `AvailabilityZones` of its ServiceDetail, "the
 * Availability Zones in which the service is available" (EC2 API Reference,
 * DescribeVpcEndpointServices and ServiceDetail).
 */
async function interfaceServiceZones(ec2: EC2Client, run: LabRun, lessons: Lessons): Promise<Map<string, Set<string>>> {
  const names = interfaceServicesOf(lessons).map((service) => awsServiceName(run.region, service));
  // Asked with no names, DescribeVpcEndpointServices lists every service of the region.
  if (names.length === 0) return new Map();
  const details = await collect(endpointServicePages(ec2, names), (page) => page.ServiceDetails).catch((error: unknown) => {
    // Asked by name, a service the region does not offer at all is refused, not left out of the answer.
    if (awsErrorCode(error) !== 'InvalidServiceName') throw error;
    throw new LabStepFailed(`${run.region} does not offer every AWS service the ${run.scenario} lab reaches by interface endpoint (${names.join(', ')}): ${(error as Error).message}. Choose another region.`, {
      cause: error,
    });
  });
  return new Map(names.map((name) => [name, new Set(details.filter((detail) => detail.ServiceName === name).flatMap((detail) => detail.AvailabilityZones ?? []))]));
}

/**
 * The lab's two zones, first by name among the available ones that offer
 * its instance type and every AWS service it reaches by interface endpoint.
 * The provider's NLB, its endpoint service and the web servers span both;
 * the consumer's subnets, and so the service lesson's endpoint, are in the
 * first, a zone the NLB serves by construction.
 */
async function twoZones(ec2: EC2Client, run: LabRun, lessons: Lessons): Promise<[string, string]> {
  const available = await availableZones(ec2);
  const instanceTypeZones = await zonesOfferingInstanceType(ec2);
  const serviceZones = await interfaceServiceZones(ec2, run, lessons);
  const lacking = (zone: string): string[] => [
    ...(instanceTypeZones.has(zone) ? [] : [INSTANCE_TYPE]),
    ...[...serviceZones].filter(([, zones]) => !zones.has(zone)).map(([name]) => name),
  ];
  const qualifying = available.filter((zone) => lacking(zone).length === 0);
  const [first, second] = qualifying;
  if (first === undefined || second === undefined) {
    const reasons = available.flatMap((zone) => {
      const missing = lacking(zone);
      return missing.length === 0 ? [] : [`${zone} does not offer ${missing.join(', ')}`];
    });
    throw new LabStepFailed(
      `${run.region} has ${qualifying.length} available Availability Zone(s) offering ${INSTANCE_TYPE}${serviceZones.size > 0 ? ` and the endpoints of ${[...serviceZones.keys()].join(', ')}` : ''}` +
        `${qualifying.length > 0 ? ` (${qualifying.join(', ')})` : ''}; the lab's load balancer needs two.` +
        `${reasons.length > 0 ? ` ${reasons.join('; ')}.` : ''} Choose another region.`,
    );
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
  const zones = await twoZones(clients.ec2, run, lessons);
  const { Parameter } = await clients.ssm.send(new GetParameterCommand({ Name: AMI_PARAMETER }));
  const amiId = answered(Parameter?.Value, `the value of ${AMI_PARAMETER}`);
  const { Account } = await clients.sts.send(new GetCallerIdentityCommand({}));
  await requireQuotaHeadroom(clients, run, lessons);
  return { amiId, zones, lessons, accountId: answered(Account, 'the account id') };
}
