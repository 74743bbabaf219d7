/**
 * What the lab builds, in one place: address plan, ports, sizes, names. The
 * build steps read these; the verification and teardown read the same ones,
 * so a change here changes the whole lab consistently.
 */

/** The SSM public parameter AWS keeps pointing at the latest Amazon Linux 2023 AMI of each region. */
export const AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

export const INSTANCE_TYPE = 't3.micro';

/** A t3.micro's vCPUs ("Amazon EC2 T3 Instances", instance size table: t3.micro 2 vCPUs, 1 GiB), as the vCPU quota of On-Demand Standard instances counts them. */
export const INSTANCE_VCPUS = 2;

/** The public subnets' default route, to the internet gateway. */
export const INTERNET_ROUTE = '0.0.0.0/0';

export const CONSUMER = {
  vpcCidr: '10.0.0.0/16',
  publicSubnetCidr: '10.0.0.0/24',
  privateSubnetCidr: '10.0.1.0/24',
} as const;

export const PROVIDER = {
  vpcCidr: '10.1.0.0/16',
  /** One subnet per zone: the NLB and its endpoint service span zones[0] and zones[1]. */
  subnetCidrs: ['10.1.0.0/24', '10.1.1.0/24'],
} as const;

/** A TCP port opened to a CIDR in a security group. */
export interface IngressRule {
  readonly port: number;
  readonly fromCidr: string;
}

/** Security groups by logical name; egress stays EC2's default (all traffic). */
export const SECURITY_GROUPS = {
  /** ssh only from the public subnet: the hop from the public instance to the private one, and nothing else. */
  instances: { description: 'vpce-lab consumer instances', ingress: [{ port: 22, fromCidr: CONSUMER.publicSubnetCidr }] },
  /** HTTPS for the AWS service's endpoint, HTTP for the service lesson's. */
  endpoints: {
    description: 'vpce-lab interface endpoints',
    ingress: [443, 80].map((port) => ({ port, fromCidr: CONSUMER.vpcCidr })),
  },
  web: { description: 'vpce-lab web servers', ingress: [{ port: 80, fromCidr: PROVIDER.vpcCidr }] },
} as const satisfies Record<string, { description: string; ingress: readonly IngressRule[] }>;

/** The gateway lesson: both AWS services offered as gateway endpoints. */
export const GATEWAY_SERVICES = ['s3', 'dynamodb'] as const;

/** The interface lesson: an AWS service whose public name resolves to private IPs once its endpoint exists. */
export const INTERFACE_SERVICE = 'cloudformation';

export const awsServiceName = (region: string, service: string): string => `com.amazonaws.${region}.${service}`;

/**
 * The AWS services a run reaches through interface endpoints: CloudFormation
 * for the interface lesson, nothing else. SSM manages only the public
 * instance, over its internet route; the private one is reached by ssh from it.
 */
export const interfaceServicesOf = (lessons: { readonly interface: boolean }): string[] => (lessons.interface ? [INTERFACE_SERVICE] : []);

export const WEB_PORT = 80;

/** User data of web server `n` (1-based): the page the service lesson's curl shows. */
export const webServerScript = (n: number): string =>
  [
    '#!/bin/bash',
    'dnf install -y httpd',
    `echo '<html><h1>Endpoint Service Web Server ${n}</h1></html>' > /var/www/html/index.html`,
    'systemctl enable --now httpd',
    '',
  ].join('\n');

/**
 * Target group health checks: fast enough that a lab's targets pass their
 * initial checks in about 20 s once ELB has registered them (minutes). ELBv2 requires the timeout to be shorter than the interval
 * (its TCP default of 10 s is not, with a 10 s interval).
 */
export const HEALTH_CHECK = { intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2 } as const;

/**
 * The events the endpoint service reports to the connection topic: only a
 * request to connect needs a decision. Accept, Reject and Delete would each
 * invoke AcceptConnection for nothing (a Lambda invocation and a
 * DescribeVpcEndpointConnections call apiece), two of them for the lab's own doing.
 */
export const CONNECTION_EVENTS = ['Connect'] as const;

/**
 * ELBv2 names (at most 32 characters, unique per region and account) are
 * the run id plus a short suffix: `lab-20261126-0112-ab12-nlb`, 26 characters.
 */
export const loadBalancerName = (runId: string): string => `${runId}-nlb`;
export const targetGroupName = (runId: string): string => `${runId}-web`;

/** Logical names: the `vpce-lab:logical-name` tag, the find-or-create key and the ClientToken seed of each resource. */
export const LOGICAL = {
  consumerVpc: 'consumer-vpc',
  publicSubnet: 'consumer-public-subnet',
  privateSubnet: 'consumer-private-subnet',
  consumerGateway: 'consumer-igw',
  publicRouteTable: 'consumer-public-rtb',
  privateRouteTable: 'consumer-private-rtb',
  instancesGroup: 'instances',
  endpointsGroup: 'endpoints',
  publicInstance: 'public-instance',
  privateInstance: 'private-instance',
  gatewayEndpoint: (service: string) => `gateway-endpoint-${service}`,
  interfaceEndpoint: `interface-endpoint-${INTERFACE_SERVICE}`,
  providerVpc: 'provider-vpc',
  providerSubnet: (n: number) => `provider-subnet-${n}`,
  providerGateway: 'provider-igw',
  providerRouteTable: 'provider-rtb',
  webGroup: 'web',
  webServer: (n: number) => `web-server-${n}`,
  loadBalancer: 'nlb',
  targetGroup: 'web-targets',
  listener: 'web-listener',
  endpointService: 'endpoint-service',
  connectionNotification: 'connection-notification',
  serviceEndpoint: 'service-endpoint',
} as const;
