import type { Tags } from '../../../cloud/tags';

/** ELBv2 resources as the local cloud keeps them (plain JSON; times in epoch ms). */
export interface Elbv2Record {
  /** The resource's ARN, which is its id in ELBv2. */
  readonly id: string;
  readonly region: string;
  readonly createdAt: number;
  tags: Tags;
}

export interface LoadBalancerRecord extends Elbv2Record {
  name: string;
  type: 'network';
  scheme: 'internal' | 'internet-facing';
  state: 'provisioning' | 'active' | 'failed';
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
  dnsName: string;
  canonicalHostedZoneId: string;
  /** One interface per subnet, holding the subnet until released after deletion. */
  networkInterfaceIds: string[];
  /**
   * Set by DeleteLoadBalancer: its listeners are gone and its name is free,
   * but it stays listed until ELBv2 has torn it down (`loadBalancerDeleted`).
   */
  deleting: boolean;
}

/**
 * A registered target. `state` is how far registration has come; what
 * DescribeTargetHealth reports also weighs the instance's EC2 state and
 * whether a listener sends traffic to the group (see `target-health.ts`).
 */
export interface TargetRecord {
  id: string;
  port: number;
  state: 'initial' | 'healthy' | 'draining';
  registeredAt: number;
  /** When the load balancer began registering the target with its nodes (the group started receiving traffic from an active NLB). */
  checksStartedAt?: number;
  /** When that registration completed and the initial health checks began. */
  registrationCompletedAt?: number;
  deregisteredAt?: number;
}

export interface TargetGroupRecord extends Elbv2Record {
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: 'instance' | 'ip';
  healthCheckEnabled: boolean;
  healthCheckProtocol: string;
  healthCheckPort: string;
  /** Only for HTTP and HTTPS health checks. */
  healthCheckPath?: string;
  /** HTTP codes a healthy target answers with; only for HTTP and HTTPS health checks. */
  matcher?: string;
  healthCheckIntervalSeconds: number;
  healthCheckTimeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  targets: TargetRecord[];
}

export interface ListenerRecord extends Elbv2Record {
  loadBalancerArn: string;
  protocol: string;
  port: number;
  targetGroupArn: string;
}
