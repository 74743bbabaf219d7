import { z } from 'zod';

/**
 * The lab-run state document, part by part: what each build step returns
 * and the next steps receive. Objects are not strict, so a Task may be given
 * the whole document (`$`) and takes only the parts it declares.
 */

/** An EC2 id of one kind: `vpc-0abc…` (8 or 17 hex digits). */
const ec2Id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`), `an id looking like ${prefix}-0123456789abcdef0`);

export const ID = {
  vpc: ec2Id('vpc'),
  subnet: ec2Id('subnet'),
  routeTable: ec2Id('rtb'),
  internetGateway: ec2Id('igw'),
  securityGroup: ec2Id('sg'),
  instance: ec2Id('i'),
  vpcEndpoint: ec2Id('vpce'),
  endpointService: ec2Id('vpce-svc'),
} as const;

const elbv2Arn = (kind: 'loadbalancer' | 'targetgroup' | 'listener') =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:${kind}/`), `an ELBv2 ${kind} ARN`);

export const planSchema = z.object({
  amiId: z.string().regex(/^ami-[0-9a-f]{8,17}$/),
  /** Two available zones that offer the lab's instance type and interface services: the consumer side and the first provider subnet use zones[0]. */
  zones: z.tuple([z.string(), z.string()]),
  lessons: z.object({ gateway: z.boolean(), interface: z.boolean(), service: z.boolean() }),
  accountId: z.string().regex(/^\d{12}$/),
});
export type Plan = z.infer<typeof planSchema>;

export const consumerSchema = z.object({
  vpcId: ID.vpc,
  publicSubnetId: ID.subnet,
  privateSubnetId: ID.subnet,
  publicRouteTableId: ID.routeTable,
  privateRouteTableId: ID.routeTable,
  internetGatewayId: ID.internetGateway,
  instanceSecurityGroupId: ID.securityGroup,
  endpointSecurityGroupId: ID.securityGroup,
});
export type Consumer = z.infer<typeof consumerSchema>;

export const consumerInstancesSchema = z.object({
  publicInstanceId: ID.instance,
  privateInstanceId: ID.instance,
  /** Where the public instance connects to for the private subnet's checks. */
  privateInstanceIp: z.ipv4(),
});
export type ConsumerInstances = z.infer<typeof consumerInstancesSchema>;

/** What CreateGatewayEndpoints and CreateInterfaceEndpoint return, and AwaitVpcEndpointsAvailable takes. */
export const vpcEndpointIdsSchema = z.object({ vpcEndpointIds: z.array(ID.vpcEndpoint) });
export type VpcEndpointIds = z.infer<typeof vpcEndpointIdsSchema>;

export const providerSchema = z.object({
  vpcId: ID.vpc,
  subnetIds: z.tuple([ID.subnet, ID.subnet]),
  internetGatewayId: ID.internetGateway,
  routeTableId: ID.routeTable,
  webSecurityGroupId: ID.securityGroup,
});
export type Provider = z.infer<typeof providerSchema>;

export const webServersSchema = z.object({ instanceIds: z.array(ID.instance).min(1) });
export type WebServers = z.infer<typeof webServersSchema>;

export const loadBalancerSchema = z.object({
  loadBalancerArn: elbv2Arn('loadbalancer'),
  dnsName: z.string(),
  targetGroupArn: elbv2Arn('targetgroup'),
  listenerArn: elbv2Arn('listener'),
});
export type LoadBalancer = z.infer<typeof loadBalancerSchema>;

export const endpointServiceSchema = z.object({
  serviceId: ID.endpointService,
  serviceName: z.string(),
  /** Absent when no connection topic is configured (`CONNECTION_TOPIC_ARN` unset). */
  connectionNotificationId: z.string().optional(),
});
export type EndpointService = z.infer<typeof endpointServiceSchema>;

export const serviceEndpointSchema = z.object({ vpcEndpointId: ID.vpcEndpoint, dnsName: z.string() });
export type ServiceEndpoint = z.infer<typeof serviceEndpointSchema>;
