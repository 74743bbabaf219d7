/**
 * How long AWS takes for each asynchronous change the lab waits on, in AWS
 * seconds (the clock's time scale shrinks them). One place, so the benchmark's
 * critical-path bound and the simulation read the same figures. Each figure is
 * a typical observed value with the documentation or behaviour it rests on.
 */
export interface LatencyFigure {
  readonly seconds: number;
  readonly source: string;
}

export const LATENCY_PROFILE = {
  vpcAvailable: { seconds: 1, source: 'CreateVpc answers `pending`; DescribeVpcs shows `available` within about a second' },
  subnetAvailable: { seconds: 1, source: 'CreateSubnet answers `pending` briefly, like CreateVpc' },
  instanceRunning: {
    seconds: 30,
    source: 'EC2 User Guide, instance lifecycle: `pending` until the instance boots; Amazon Linux 2023 on t3.micro takes ~30 s',
  },
  instanceTerminated: { seconds: 60, source: 'EC2 User Guide: `shutting-down` to `terminated` typically within a minute' },
  terminatedInstanceListed: {
    seconds: 3600,
    source: 'EC2 API Reference, DescribeInstances: recently terminated instances might appear in the results; this interval is usually less than one hour',
  },
  ssmAgentOnline: { seconds: 20, source: 'SSM Agent registers a minute or less after boot when SSM is reachable (Systems Manager User Guide)' },
  ssmCommandDelivered: {
    seconds: 1,
    source: 'SSM Agent long-polls ec2messages for commands, so an online node picks a sent command up within about a second (`Pending` to `InProgress`)',
  },
  ssmCommand: { seconds: 2, source: 'AWS-RunShellScript with a short script: `InProgress` for 1-3 s' },
  loadBalancerActive: { seconds: 180, source: 'ELB User Guide: a new Network Load Balancer is `provisioning` for a few minutes' },
  loadBalancerDeleted: { seconds: 30, source: 'DeleteLoadBalancer returns at once; the NLB disappears from Describe within ~30 s' },
  targetDeregistered: {
    seconds: 300,
    source: 'ELB User Guide, target group attributes: deregistration_delay.timeout_seconds defaults to 300 s, the time a deregistered target stays `draining`',
  },
  targetHealthy: {
    seconds: 90,
    source: 'NLB target group defaults: health check interval 30 s x healthy threshold 3 before `initial` becomes `healthy`',
  },
  gatewayEndpointAvailable: { seconds: 5, source: 'Gateway endpoints and their prefix-list routes appear within seconds' },
  interfaceEndpointAvailable: {
    seconds: 120,
    source: 'PrivateLink User Guide: an interface endpoint is `pending` for about two minutes while its ENIs are provisioned',
  },
  endpointDeleted: { seconds: 60, source: 'DeleteVpcEndpoints: the endpoint stays `deleting` for about a minute' },
  endpointServiceAvailable: { seconds: 30, source: 'CreateVpcEndpointServiceConfiguration answers `pending`, then `available` in under a minute' },
  connectionAccepted: { seconds: 60, source: 'After AcceptVpcEndpointConnections the endpoint goes `pending` then `available` in about a minute' },
  notificationDelivered: {
    seconds: 1,
    source: 'SNS invokes a subscribed Lambda function asynchronously, as soon as the message is published; the event reaches the function within about a second',
  },
  asyncInvokeFirstRetry: {
    seconds: 60,
    source: 'Lambda Developer Guide, asynchronous invocation (how SNS invokes a subscribed function): after a function error, Lambda waits one minute before the first of two retries',
  },
  asyncInvokeSecondRetry: { seconds: 120, source: 'Lambda Developer Guide, asynchronous invocation: two minutes before the second and last retry; then the event is dropped' },
  eniReleased: {
    seconds: 120,
    source: 'ENIs of deleted endpoints, NLBs and instances stay `in-use` for minutes after their owner (the reason DeleteSubnet/DeleteSecurityGroup fail with DependencyViolation right after)',
  },
} as const satisfies Record<string, LatencyFigure>;

export type LatencyStep = keyof typeof LATENCY_PROFILE;

export const awsSeconds = (step: LatencyStep): number => LATENCY_PROFILE[step].seconds;
