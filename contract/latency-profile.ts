/**
 * How long AWS takes for each asynchronous change the lab waits on, in AWS
 * seconds (the clock's time scale shrinks them). One place, so the benchmark's
 * critical-path bound and the simulation read the same figures. AWS's guides
 * name the states but give no durations; each source says what the figure
 * rests on instead: an AWS engineer's or AWS Support's word, users'
 * measurements, or the waits Terraform's provider found it needs against AWS
 * (its waiter's delay and poll interval), and says so where there is nothing.
 */
export interface LatencyFigure {
  readonly seconds: number;
  readonly source: string;
}

export const LATENCY_PROFILE = {
  vpcAvailable: {
    seconds: 1,
    source: `CreateVpc answers \`pending\`; Terraform polls for \`available\` at once, with no delay (${'hashicorp/terraform-provider-aws'} internal/service/ec2/wait.go, waitVPCCreated). No measured figure found`,
  },
  subnetAvailable: { seconds: 1, source: `CreateSubnet answers \`pending\` briefly; Terraform polls at once (WaitSubnetAvailable, wait.go). No measured figure found` },
  instanceRunning: {
    seconds: 30,
    source:
      'EC2 User Guide, instance state changes: "it enters the pending state and then the running state" (no duration); Terraform first looks 10 s after RunInstances, then every 3 s (WaitInstanceCreated, wait.go). ~30 s for Amazon Linux 2023 on t3.micro is an estimate, not a measurement',
  },
  instanceTerminated: {
    seconds: 60,
    source: 'EC2 User Guide: "it enters the shutting-down state and then the terminated state" (no duration); Terraform first looks after 10 s, then every 3 s (WaitInstanceDeleted, wait.go). A minute is an estimate',
  },
  terminatedInstanceListed: {
    seconds: 3600,
    source: 'EC2 API Reference, DescribeInstances: recently terminated instances might appear in the results; this interval is usually less than one hour',
  },
  ssmAgentOnline: {
    seconds: 20,
    source:
      'From `running` to SSM Agent\'s first health ping (it is a systemd service of Amazon Linux 2023, started at boot); when that ping gets through the node is Online, otherwise the agent retries and hibernates (local/network/ssm-agent-backoff.ts, from the agent\'s source). No AWS figure; users see registration within a minute of launch when SSM is reachable, and minutes when it is not (DataDog/stratus-red-team#108, CIROH-UA/ngen-datastream#362)',
  },
  ssmCommandDelivered: {
    seconds: 1,
    source: 'SSM Agent long-polls ec2messages for commands, so an online node picks a sent command up at once (`Pending` to `InProgress`); no published figure',
  },
  ssmCommand: { seconds: 2, source: 'AWS-RunShellScript with a one-line script: the script runs in well under a second; the rest is the agent reporting back. No published figure' },
  sshHop: {
    seconds: 0.5,
    source:
      "A check's hop from the public instance to the private one: the AWS CLI's SendSSHPublicKey call (0.3 s, the time the local shell gives any CLI call) and an ssh handshake within the VPC (the rest). No published figure for either",
  },
  loadBalancerActive: {
    seconds: 180,
    source:
      'ELBv2 API Reference, LoadBalancerState: "The initial state of the load balancer is provisioning" (no duration); Terraform first looks after 30 s, then every 10 s (internal/service/elbv2/load_balancer.go, waitLoadBalancerActive); users wait "more than 2 mins" for an NLB (terraform-provider-aws#1838)',
  },
  loadBalancerDeleted: { seconds: 30, source: 'DeleteLoadBalancer returns at once; Terraform waits only for its network interfaces (see eniReleased). An estimate' },
  targetDeregistered: {
    seconds: 300,
    source:
      'ELB User Guide, target group attributes: deregistration_delay.timeout_seconds defaults to 300 s, the time a deregistered target stays `draining`; AWS Support: deregistration "is expected to take 3-5 minutes (180-300 seconds)" (quoted in kubernetes-sigs/aws-load-balancer-controller#1834); users see at least 2 minutes whatever the delay (#2366, aws/containers-roadmap#470)',
  },
  targetRegistration: {
    seconds: 180,
    source:
      'A new NLB target is registered with the load balancer before its first health check: "It can take a few minutes for the registration process to complete and health checks to start" (NLB guide, Health checks for Network Load Balancer target groups); ' +
      '"The NLB target registration can take from 90 to 180 seconds to complete. After registration, the targets are marked healthy only after the configured health check passes" (AWS Load Balancer Controller maintainer, kubernetes-sigs/aws-load-balancer-controller#1834); ' +
      '"new targets will take 4~5mins to be ready" (#1786). The upper end of the first, the lower of AWS Support\'s 3-5 minutes; the initial health checks follow, timed by the target group\'s own interval and healthy threshold',
  },
  gatewayEndpointAvailable: {
    seconds: 5,
    source: 'Gateway endpoints and their prefix-list routes appear within seconds: Terraform first looks for `available` after 5 s, then every 5 s (WaitVPCEndpointAvailable, internal/service/ec2/wait.go)',
  },
  interfaceEndpointAvailable: {
    seconds: 120,
    source:
      'An interface endpoint is `pending` while its network interfaces are provisioned; no AWS or user figure found. Terraform polls every 5 s for up to 10 minutes (vpcEndpointCreationTimeout, internal/service/ec2/vpc_endpoint.go). Two minutes is an estimate',
  },
  endpointDeleted: {
    seconds: 60,
    source: 'DeleteVpcEndpoints: interface endpoints "can take a few minutes to delete" (gruntwork-io/cloud-nuke#293, which waits up to 30 x 20 s); Terraform polls every 5 s. A minute is an estimate',
  },
  endpointServiceAvailable: {
    seconds: 5,
    source:
      'Users see the new service `Available` at once: "we get \'ServiceStateAvailable\' promptly after the creation" (aws/aws-sdk#805), and the create response itself says Available (aws/aws-sdk-go-v2#2254); this cloud answers `Pending` first, for a few seconds',
  },
  connectionAccepted: {
    seconds: 60,
    source: 'After AcceptVpcEndpointConnections the endpoint goes pendingAcceptance -> pending -> available (terraform-provider-aws#14604), no duration given; Terraform polls every 5 s. A minute is an estimate',
  },
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
    source:
      'ENIs of deleted endpoints, NLBs and instances stay `in-use` for minutes after their owner, so DeleteSubnet/DeleteSecurityGroup fail with DependencyViolation right after: "It can take up to 3 minutes" (WaitNetworkInterfaceAvailableAfterUse, internal/service/ec2/wait.go); Terraform waits up to 5 minutes for an NLB\'s ENIs (waitForNLBNetworkInterfacesToDetach); "When an ELB is destroyed, its network interfaces can take a while to go away (some minutes)" (hashicorp/terraform#3758)',
  },
} as const satisfies Record<string, LatencyFigure>;

export type LatencyStep = keyof typeof LATENCY_PROFILE;

export const awsSeconds = (step: LatencyStep): number => LATENCY_PROFILE[step].seconds;
