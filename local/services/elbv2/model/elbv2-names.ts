import { randomHex } from '../../../cloud/ids';
import { validationError } from './elbv2-errors';

/** The kinds of resource an ELBv2 ARN can name, as the ARN spells them. */
export type Elbv2ResourceKind = 'loadbalancer' | 'targetgroup' | 'listener';

const ARN_PREFIX = 'arn:aws:elasticloadbalancing';

/** The 16 hex digits ELBv2 ends each ARN with. */
export const newArnSuffix = (): string => randomHex(16);

export const loadBalancerArn = (region: string, accountId: string, name: string, suffix: string): string =>
  `${ARN_PREFIX}:${region}:${accountId}:loadbalancer/net/${name}/${suffix}`;

export const targetGroupArn = (region: string, accountId: string, name: string, suffix: string): string =>
  `${ARN_PREFIX}:${region}:${accountId}:targetgroup/${name}/${suffix}`;

/** A listener's ARN extends its load balancer's: `…:listener/net/<name>/<lb suffix>/<suffix>`. */
export const listenerArn = (loadBalancerArnValue: string, suffix: string): string => `${loadBalancerArnValue.replace(':loadbalancer/', ':listener/')}/${suffix}`;

/** The kind of resource an ARN names, or undefined when it is no ELBv2 ARN. */
export function resourceKindOf(arn: string): Elbv2ResourceKind | undefined {
  const match = /^arn:aws:elasticloadbalancing:[a-z0-9-]+:\d{12}:(loadbalancer|targetgroup|listener)\//.exec(arn);
  return match?.[1] as Elbv2ResourceKind | undefined;
}

/** An NLB's DNS name. Unlike ALBs, internal NLBs get no `internal-` prefix. */
export const loadBalancerDnsName = (name: string, suffix: string, region: string): string => `${name}-${suffix}.elb.${region}.amazonaws.com`;

/**
 * Load balancer and target group names: at most 32 alphanumerics or hyphens,
 * no hyphen at either end; load balancers also may not start with `internal-`,
 * which would clash with the DNS names of internal load balancers.
 */
export function validateName(name: string, noun: 'Load balancer' | 'Target group'): void {
  if (name.length === 0 || name.length > 32) throw validationError(`${noun} name '${name}' must be between 1 and 32 characters long`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw validationError(`${noun} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  if (name.startsWith('-') || name.endsWith('-')) throw validationError(`${noun} name '${name}' cannot begin or end with '-'`);
  if (noun === 'Load balancer' && name.toLowerCase().startsWith('internal-')) {
    throw validationError(`Load balancer name '${name}' cannot begin with 'internal-'`);
  }
}
