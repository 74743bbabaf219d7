import type { BucketDraw, BucketSize, RateLimitTable } from './rate-limit-table';

const bucket = (capacity: number, refillPerSecond: number): BucketSize => ({ capacity, refillPerSecond });

/**
 * EC2, from the Amazon EC2 Developer Guide, "Request throttling for the
 * Amazon EC2 API": each API action has its own request bucket, sized by its
 * category; some actions have sizes of their own ("uncategorized actions");
 * launching and terminating also draw one resource token per instance.
 */
const EC2_CATEGORIES = {
  nonMutating: bucket(100, 20),
  /** `Describe*` of these actions without a filter and without pagination draw from a smaller bucket. */
  unfilteredNonMutating: bucket(50, 10),
  mutating: bucket(50, 5),
  resourceIntensive: bucket(50, 5),
};

const EC2_UNFILTERED_ACTIONS = new Set([
  'DescribeInstances',
  'DescribeInstanceStatus',
  'DescribeNetworkInterfaces',
  'DescribeSecurityGroups',
  'DescribeSnapshots',
  'DescribeSpotInstanceRequests',
  'DescribeVolumes',
]);

const EC2_RESOURCE_INTENSIVE_ACTIONS = new Set([
  'AcceptVpcPeeringConnection',
  'AuthorizeSecurityGroupIngress',
  'CancelSpotInstanceRequests',
  'CreateKeyPair',
  'CreateVpcPeeringConnection',
  'DeleteVpcPeeringConnection',
  'RejectVpcPeeringConnection',
  'RevokeSecurityGroupIngress',
  'RequestSpotInstances',
]);

/** The uncategorized actions among those this cloud serves, with their own bucket sizes. */
const EC2_OWN_BUCKETS: Readonly<Record<string, BucketSize>> = {
  AcceptVpcEndpointConnections: bucket(10, 1),
  RejectVpcEndpointConnections: bucket(10, 1),
  CreateVpcEndpoint: bucket(4, 0.3),
  ModifyVpcEndpoint: bucket(4, 0.3),
  DeleteVpcEndpoints: bucket(4, 0.3),
  CreateVpcEndpointServiceConfiguration: bucket(10, 1),
  ModifyVpcEndpointServiceConfiguration: bucket(10, 1),
  DeleteVpcEndpointServiceConfigurations: bucket(10, 1),
  CreateNetworkInterface: bucket(100, 5),
  DeleteNetworkInterface: bucket(100, 5),
  ModifyNetworkInterfaceAttribute: bucket(100, 5),
  AssignPrivateIpAddresses: bucket(100, 5),
  UnassignPrivateIpAddresses: bucket(100, 5),
  CreateTags: bucket(100, 10),
  DeleteTags: bucket(100, 10),
  RunInstances: bucket(5, 2),
  StartInstances: bucket(5, 2),
  TerminateInstances: bucket(100, 5),
};

/** Resource buckets: one token per instance launched, started, stopped or terminated. */
const EC2_RESOURCE_BUCKETS: Readonly<Record<string, BucketSize>> = {
  RunInstances: bucket(1000, 2),
  StartInstances: bucket(1000, 2),
  StopInstances: bucket(1000, 20),
  TerminateInstances: bucket(1000, 20),
};

const isNonMutating = (action: string): boolean => /^(Describe|Get|List|Search)[A-Z]/.test(action);

const isUnfilteredAndUnpaginated = (input: Readonly<Record<string, unknown>>): boolean =>
  !(Array.isArray(input.Filters) && input.Filters.length > 0) && input.MaxResults === undefined && input.NextToken === undefined;

/** The request bucket of one call: the action's own, named apart for the unfiltered calls that draw from the smaller one. */
function ec2RequestBucket(action: string, input: Readonly<Record<string, unknown>>): BucketDraw {
  const draw = (size: BucketSize, bucket = `ec2:${action}`): BucketDraw => ({ bucket, size, tokens: 1 });
  const own = EC2_OWN_BUCKETS[action];
  if (own) return draw(own);
  if (EC2_RESOURCE_INTENSIVE_ACTIONS.has(action)) return draw(EC2_CATEGORIES.resourceIntensive);
  if (!isNonMutating(action)) return draw(EC2_CATEGORIES.mutating);
  if (EC2_UNFILTERED_ACTIONS.has(action) && isUnfilteredAndUnpaginated(input)) return draw(EC2_CATEGORIES.unfilteredNonMutating, `ec2:${action}:unfiltered`);
  return draw(EC2_CATEGORIES.nonMutating);
}

/** How many instances a launch or a state change asks for: the resource tokens it takes. */
function instancesAskedFor(action: string, input: Readonly<Record<string, unknown>>): number {
  if (action === 'RunInstances') return Number(input.MaxCount ?? input.MinCount ?? 1);
  return (input.InstanceIds as unknown[] | undefined)?.length ?? 0;
}

function ec2Buckets(action: string, input: Readonly<Record<string, unknown>>): BucketDraw[] {
  const draws = [ec2RequestBucket(action, input)];
  const resource = EC2_RESOURCE_BUCKETS[action];
  if (resource) draws.push({ bucket: `ec2:${action}:instances`, size: resource, tokens: instancesAskedFor(action, input) });
  return draws;
}

/**
 * ELBv2, from the Elastic Load Balancing User Guide, "Request throttling for
 * the Elastic Load Balancing API": one bucket per category of action, and an
 * account-level bucket every action also draws from.
 */
const ELBV2_ACCOUNT = bucket(40, 10);

const ELBV2_CATEGORIES = {
  resourceIntensive: { actions: new Set(['CreateLoadBalancer', 'SetSubnets']), size: bucket(10, 0.2) },
  registration: { actions: new Set(['RegisterTargets', 'DeregisterTargets']), size: bucket(20, 4) },
};
const ELBV2_NON_MUTATING = bucket(40, 10);
const ELBV2_MUTATING = bucket(20, 3);

function elbv2Category(action: string): { name: string; size: BucketSize } {
  for (const [name, category] of Object.entries(ELBV2_CATEGORIES)) if (category.actions.has(action)) return { name, size: category.size };
  return /^Describe[A-Z]/.test(action) ? { name: 'nonMutating', size: ELBV2_NON_MUTATING } : { name: 'mutating', size: ELBV2_MUTATING };
}

function elbv2Buckets(action: string): BucketDraw[] {
  const category = elbv2Category(action);
  return [
    { bucket: 'elbv2:account', size: ELBV2_ACCOUNT, tokens: 1 },
    { bucket: `elbv2:${category.name}`, size: category.size, tokens: 1 },
  ];
}

/**
 * Systems Manager publishes a throughput only for Parameter Store (Systems
 * Manager endpoints and quotas: 40 transactions per second by default,
 * shared by GetParameter, GetParameters and GetParametersByPath); Run Command
 * and the node APIs have no published figure, so they are not limited here.
 */
const PARAMETER_STORE_ACTIONS = new Set(['GetParameter', 'GetParameters', 'GetParametersByPath']);
const PARAMETER_STORE = bucket(40, 40);

const ssmBuckets = (action: string): BucketDraw[] => (PARAMETER_STORE_ACTIONS.has(action) ? [{ bucket: 'ssm:parameter-store', size: PARAMETER_STORE, tokens: 1 }] : []);

/**
 * AWS's published default API rate limits for the services the lab calls
 * most, per account and Region. STS, Step Functions and Service Quotas are
 * not limited: the lab calls them a handful of times per run.
 */
export const AWS_RATE_LIMITS: RateLimitTable = {
  ec2: { bucketsOf: ec2Buckets, message: 'Request limit exceeded.' },
  elasticloadbalancing: { bucketsOf: elbv2Buckets, message: 'Rate exceeded' },
  ssm: { bucketsOf: ssmBuckets, message: 'Rate exceeded' },
};
