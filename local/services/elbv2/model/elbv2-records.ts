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
}

export interface TargetRecord {
  id: string;
  port: number;
  state: 'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused';
  registeredAt: number;
}

export interface TargetGroupRecord extends Elbv2Record {
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  targetType: 'instance' | 'ip';
  healthCheckProtocol: string;
  healthCheckPort: string;
  healthCheckIntervalSeconds: number;
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
