import { stableId } from './stable-ids';

export type EndpointType = 'Gateway' | 'Interface';

/** One way to reach an AWS service through a VPC endpoint: `com.amazonaws.<region>.s3` is offered as a Gateway and as an Interface. */
export interface OfferedAwsService {
  readonly serviceName: string;
  readonly serviceId: string;
  readonly type: EndpointType;
  readonly baseEndpointDnsName: string;
  /** The service's public name, which an interface endpoint with private DNS owns inside its VPC. */
  readonly privateDnsName?: string;
}

/** The AWS services the lab reaches through endpoints, and the endpoint types each offers (as DescribeVpcEndpointServices lists them). */
const AWS_SERVICES: readonly { readonly name: string; readonly types: readonly EndpointType[] }[] = [
  { name: 's3', types: ['Gateway', 'Interface'] },
  { name: 'dynamodb', types: ['Gateway'] },
  ...['cloudformation', 'ec2', 'ec2messages', 'logs', 'ssm', 'ssmmessages', 'sts'].map((name) => ({ name, types: ['Interface'] as const })),
];

function offering(region: string, name: string, type: EndpointType): OfferedAwsService {
  const serviceName = `com.amazonaws.${region}.${name}`;
  const publicName = `${name}.${region}.amazonaws.com`;
  // AWS fixes these ids per region and type, so they are derived rather than drawn.
  const serviceId = stableId('vpce-svc', `${serviceName}/${type}`);
  return type === 'Gateway'
    ? { serviceName, serviceId, type, baseEndpointDnsName: publicName }
    : { serviceName, serviceId, type, baseEndpointDnsName: `${name}.${region}.vpce.amazonaws.com`, privateDnsName: publicName };
}

/** Every AWS service offering of a region, in service-name order. */
export const offeredAwsServices = (region: string): OfferedAwsService[] =>
  AWS_SERVICES.flatMap(({ name, types }) => types.map((type) => offering(region, name, type)));

/** The offerings of one service name (both types for S3), empty when AWS has no such service. */
export const awsOfferingsNamed = (region: string, serviceName: string): OfferedAwsService[] =>
  offeredAwsServices(region).filter((candidate) => candidate.serviceName === serviceName);
