import { createHash } from 'node:crypto';
import { awsPrefixListNamed } from '../services/ec2/model/aws-prefix-lists';
import { intToIp, parseCidr } from '../cloud/cidr';

/**
 * AWS services with a regional endpoint `<service>.<region>.amazonaws.com`
 * that the lab (or a student poking around) may reach from an instance. A name
 * of that form for any other service does not exist (NXDOMAIN), as in AWS.
 */
const REGIONAL_ENDPOINT_SERVICES: readonly string[] = [
  'autoscaling',
  'cloudformation',
  'dynamodb',
  'ec2',
  'ec2-instance-connect',
  'ec2messages',
  'elasticloadbalancing',
  'events',
  'execute-api',
  'kinesis',
  'kms',
  'lambda',
  'logs',
  'monitoring',
  's3',
  'secretsmanager',
  'servicequotas',
  'sns',
  'sqs',
  'ssm',
  'ssmmessages',
  'states',
  'sts',
];

/** An AWS service endpoint named by a host: which service, in which region. */
export interface AwsServiceHost {
  readonly service: string;
  readonly region: string;
}

const REGION = '[a-z]{2}(?:-gov)?-[a-z]+-\\d';
const REGIONAL_HOST = new RegExp(`^([a-z0-9-]+)\\.(${REGION})\\.amazonaws\\.com$`);
/** Virtual-hosted S3 bucket names (`<bucket>.s3.<region>.amazonaws.com`) reach the same S3 endpoint. */
const S3_BUCKET_HOST = new RegExp(`^[a-z0-9.-]+\\.s3\\.(${REGION})\\.amazonaws\\.com$`);

export function awsServiceHost(host: string): AwsServiceHost | undefined {
  if (host === 's3.amazonaws.com') return { service: 's3', region: 'us-east-1' };
  const bucket = S3_BUCKET_HOST.exec(host);
  if (bucket) return { service: 's3', region: bucket[1] as string };
  const regional = REGIONAL_HOST.exec(host);
  if (!regional || !REGIONAL_ENDPOINT_SERVICES.includes(regional[1] as string)) return undefined;
  return { service: regional[1] as string, region: regional[2] as string };
}

/** The VPC endpoint service name of an AWS service (`com.amazonaws.<region>.<service>`). */
const endpointServiceName = (target: AwsServiceHost): string => `com.amazonaws.${target.region}.${target.service}`;

/**
 * The public address a service name resolves to outside any private DNS, one
 * stable address per name. S3 and DynamoDB names get an address inside their
 * region's prefix list (so gateway-endpoint routes and prefix-list rules
 * cover them, as in AWS); other services one in Amazon's 52.95.0.0/16.
 */
export function publicAddressOf(host: string): string {
  const [a = 0, b = 0, c = 0] = createHash('sha256').update(host).digest();
  const target = awsServiceHost(host);
  const range = target && awsPrefixListNamed(target.region, endpointServiceName(target))?.cidrs[0];
  if (!range) return `52.95.${b}.${1 + (c % 254)}`;
  const block = parseCidr(range);
  return intToIp(block.base + 1 + (((a << 8) | b) % (block.size - 2)));
}
