import type { Filter, Tag } from '@aws-sdk/client-ec2';
import type { Context } from 'aws-lambda';
import { clientToken } from '../../functions/commons/client-token';
import { runTags, TAG } from '../../functions/commons/lab-tags';
import type { LabRun } from '../../functions/lab/lab-run';
import type { Consumer, EndpointService, LoadBalancer, Plan, Provider, ServiceEndpoint } from '../../functions/lab/lab-state';

/** The state document of one full run, as the build steps hand it on; shared by the build steps' unit tests. */

export const REGION = 'ap-northeast-2';
export const ACCOUNT = '111122223333';

export const run: LabRun = { runId: 'lab-20261126-0112-ab12', scenario: 'full', region: REGION, expiresAt: '2026-11-26T03:12:00.000Z', keep: false };

export const plan: Plan = {
  amiId: 'ami-0123456789abcdef0',
  zones: [`${REGION}a`, `${REGION}b`],
  lessons: { gateway: true, interface: true, service: true },
  accountId: ACCOUNT,
};

export const consumer: Consumer = {
  vpcId: 'vpc-0000000000000000a',
  publicSubnetId: 'subnet-0000000000000000a',
  privateSubnetId: 'subnet-0000000000000000b',
  publicRouteTableId: 'rtb-0000000000000000a',
  privateRouteTableId: 'rtb-0000000000000000b',
  internetGatewayId: 'igw-0000000000000000a',
  instanceSecurityGroupId: 'sg-0000000000000000a',
  endpointSecurityGroupId: 'sg-0000000000000000b',
};

export const consumerInstances = { publicInstanceId: 'i-0000000000000000a', privateInstanceId: 'i-0000000000000000b', privateInstanceIp: '10.0.1.25' };

export const provider: Provider = {
  vpcId: 'vpc-0000000000000000b',
  subnetIds: ['subnet-0000000000000000c', 'subnet-0000000000000000d'],
  internetGatewayId: 'igw-0000000000000000b',
  routeTableId: 'rtb-0000000000000000c',
  webSecurityGroupId: 'sg-0000000000000000c',
};

export const webServers = { instanceIds: ['i-0000000000000000c', 'i-0000000000000000d'] };

const ELB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;
export const loadBalancer: LoadBalancer = {
  loadBalancerArn: `${ELB_ARN}:loadbalancer/net/lab-20261126-0112-ab12-nlb/0123456789abcdef`,
  dnsName: `lab-20261126-0112-ab12-nlb-0123456789abcdef.elb.${REGION}.amazonaws.com`,
  targetGroupArn: `${ELB_ARN}:targetgroup/lab-20261126-0112-ab12-web/0123456789abcdef`,
  listenerArn: `${ELB_ARN}:listener/net/lab-20261126-0112-ab12-nlb/0123456789abcdef/fedcba9876543210`,
};

export const endpointService: EndpointService = { serviceId: 'vpce-svc-0000000000000000a', serviceName: `com.amazonaws.vpce.${REGION}.vpce-svc-0000000000000000a` };

export const serviceEndpoint: ServiceEndpoint = {
  vpcEndpointId: 'vpce-0000000000000000f',
  dnsName: `vpce-0000000000000000f-abcd1234.vpce-svc-0000000000000000a.${REGION}.vpce.amazonaws.com`,
};

/** The tags the run puts on a resource of that logical name. */
export const tagsOf = (logicalName: string) => runTags(run, logicalName);

/** Tags of another run's resource: the steps must leave it alone. */
export const otherRunTags = [
  { Key: TAG.runId, Value: 'lab-20261125-0900-ffff' },
  { Key: TAG.managed, Value: 'true' },
];

export const tokenOf = (logicalName: string): string => clientToken(run.runId, logicalName);

/** The logical name a find-or-create lookup asks for (its `tag:vpce-lab:logical-name` filter). */
export const logicalNameAskedFor = (filters: Filter[] | undefined): string | undefined => filters?.find((filter) => filter.Name === `tag:${TAG.logicalName}`)?.Values?.[0];

/** The `vpce-lab:logical-name` a create's TagSpecifications give the resource. */
export const logicalNameTagged = (specifications: { Tags?: Tag[] }[] | undefined): string | undefined =>
  specifications?.[0]?.Tags?.find((tag) => tag.Key === TAG.logicalName)?.Value;

/** Calls a Lambda handler as Lambda would; the steps' clients are built for this region. */
export function invoke<E, R>(handler: (event: E, context: Context) => Promise<R>, event: E): Promise<R> {
  process.env.AWS_REGION = REGION;
  return handler(event, {} as Context);
}

/** The environment variables the build steps read, cleared so each test sets only what it means. */
export function withLabEnvironment(settings: Record<string, string> = {}): void {
  for (const name of ['LAB_INSTANCE_PROFILE', 'LAB_ALLOWED_PRINCIPALS', 'CONNECTION_TOPIC_ARN', 'ACCEPT_GRACE_SECONDS', 'ACCEPT_ALLOWED_OWNERS']) delete process.env[name];
  Object.assign(process.env, settings);
}
