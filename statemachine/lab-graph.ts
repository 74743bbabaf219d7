import type { Lessons } from '../functions/lab/lab-run';
import { HEALTH_CHECK } from '../functions/lab/lab-topology';
import type { LatencyStep } from '../contract/latency-profile';

/** A wait that is not AWS's: the lab's own checks time out on purpose before their endpoints exist. */
export interface LabFigure {
  readonly seconds: number;
  readonly source: string;
}

/**
 * One step of the lab as AWS sees it: what must be done before it can start
 * (`needs`), how long AWS takes after the step's calls (`waits`, summed; the
 * calls themselves count as no time), the workflow states that carry it out
 * (to find it on a run's timeline) and the lessons it belongs to.
 */
export interface LabStep {
  readonly id: string;
  readonly title: string;
  readonly needs: readonly string[];
  readonly waits: readonly (LatencyStep | LabFigure)[];
  readonly states: readonly string[];
  /** Built only for these lessons; for every scenario when omitted. */
  readonly lessons?: readonly (keyof Lessons)[];
  /**
   * The calls the step makes as it starts (`service:Action` → count) that
   * draw from AWS's small request buckets, where many runs at once queue:
   * the batch bound counts them. A call left out only weakens that bound.
   */
  readonly calls?: Readonly<Record<string, number>>;
}

/** The before-checks probe what the lab has not built yet: curl gives up after its `--max-time 5` (functions/lab/verification/lab-checks.ts). */
const PROBE_TIMEOUT: LabFigure = { seconds: 5, source: 'curl --max-time 5 of the before-checks, which time out until the endpoint exists' };

/** After registration, a target must pass the group's healthy threshold of checks, one per interval (functions/lab/lab-topology.ts). */
const INITIAL_HEALTH_CHECKS: LabFigure = {
  seconds: HEALTH_CHECK.intervalSeconds * HEALTH_CHECK.healthyThreshold,
  source: `the target group's initial health checks: ${HEALTH_CHECK.healthyThreshold} passes, one every ${HEALTH_CHECK.intervalSeconds} s`,
};

/**
 * The lab's real dependencies from start to verified: what must exist
 * before what, as AWS and the lessons demand it (not as the workflow
 * happens to order it). The critical-path bound is computed from this and
 * the latency profile alone.
 */
export const BUILD_STEPS: readonly LabStep[] = [
  { id: 'preflight', title: 'Preflight', needs: [], waits: [], states: ['Preflight'] },
  { id: 'providerNetwork', title: 'Provider network', needs: ['preflight'], waits: [], states: ['BuildProviderNetwork'], lessons: ['service'] },
  { id: 'loadBalancer', title: 'NLB created', needs: ['providerNetwork'], waits: [], states: ['CreateLoadBalancer'], lessons: ['service'] },
  {
    id: 'loadBalancerActive',
    title: 'NLB active',
    needs: ['loadBalancer'],
    waits: ['loadBalancerActive'],
    states: ['AwaitLoadBalancerActive'],
    lessons: ['service'],
  },
  {
    id: 'webServers',
    title: 'Web servers running',
    needs: ['providerNetwork'],
    waits: ['instanceRunning'],
    states: ['LaunchWebServers'],
    lessons: ['service'],
    calls: { 'ec2:RunInstances': 2 },
  },
  {
    id: 'targetsHealthy',
    title: 'Targets healthy',
    needs: ['webServers', 'loadBalancerActive'],
    waits: ['targetRegistration', INITIAL_HEALTH_CHECKS],
    states: ['RegisterWebServers', 'AwaitTargetsHealthy'],
    lessons: ['service'],
  },
  {
    id: 'endpointService',
    title: 'Endpoint service available',
    needs: ['loadBalancerActive'],
    waits: ['endpointServiceAvailable'],
    states: ['CreateEndpointService', 'AwaitEndpointServiceAvailable'],
    lessons: ['service'],
    calls: { 'ec2:CreateVpcEndpointServiceConfiguration': 1 },
  },
  { id: 'consumerNetwork', title: 'Consumer network', needs: ['preflight'], waits: [], states: ['BuildConsumerNetwork'] },
  {
    id: 'consumerInstances',
    title: 'Consumer instances booted',
    needs: ['consumerNetwork'],
    // The public instance's agent reaches SSM over the internet at its first ping; the private one is reached by ssh and never managed.
    waits: ['instanceRunning', 'ssmAgentOnline'],
    states: ['LaunchConsumerInstances'],
    calls: { 'ec2:RunInstances': 2 },
  },
  { id: 'instancesManaged', title: 'Public instance managed', needs: ['consumerInstances'], waits: [], states: ['AwaitInstancesManaged'] },
  {
    id: 'baseline',
    title: 'Baseline checks',
    needs: ['instancesManaged'],
    waits: ['ssmCommandDelivered', 'ssmCommand', 'sshHop', PROBE_TIMEOUT],
    states: ['SendBaselineChecks', 'CollectBaselineChecks'],
  },
  {
    id: 'serviceBaseline',
    title: 'Service baseline checks',
    // The service lesson's before-check asks for the NLB by name, which public DNS answers once the NLB is active.
    needs: ['baseline', 'loadBalancerActive'],
    waits: ['ssmCommandDelivered', 'ssmCommand', 'sshHop', PROBE_TIMEOUT],
    states: ['AwaitLoadBalancerActiveForChecks', 'SendServiceBaselineChecks', 'CollectServiceBaselineChecks'],
    lessons: ['service'],
  },
  {
    id: 'gatewayEndpoints',
    title: 'Gateway endpoints available',
    needs: ['baseline'],
    waits: ['gatewayEndpointAvailable'],
    states: ['CreateGatewayEndpoints', 'AwaitGatewayEndpointsAvailable'],
    lessons: ['gateway'],
    calls: { 'ec2:CreateVpcEndpoint': 2 },
  },
  {
    id: 'interfaceEndpoint',
    title: 'Interface endpoint available',
    needs: ['baseline'],
    waits: ['interfaceEndpointAvailable'],
    states: ['CreateInterfaceEndpoint', 'AwaitInterfaceEndpointAvailable'],
    lessons: ['interface'],
    calls: { 'ec2:CreateVpcEndpoint': 1 },
  },
  {
    id: 'serviceEndpoint',
    title: 'Service endpoint accepted',
    needs: ['serviceBaseline', 'endpointService'],
    waits: ['notificationDelivered'],
    states: ['CreateServiceEndpoint', 'AwaitConnectionAccepted'],
    lessons: ['service'],
    calls: { 'ec2:CreateVpcEndpoint': 1 },
  },
  {
    id: 'serviceEndpointAvailable',
    title: 'Service endpoint available',
    needs: ['serviceEndpoint'],
    waits: ['connectionAccepted'],
    states: ['AwaitServiceEndpointAvailable'],
    lessons: ['service'],
  },
  {
    id: 'verification',
    title: 'Verification checks and report',
    needs: ['gatewayEndpoints', 'interfaceEndpoint', 'serviceEndpointAvailable', 'targetsHealthy'],
    waits: ['ssmCommandDelivered', 'ssmCommand', 'sshHop'],
    states: ['SendVerificationChecks', 'CollectVerificationChecks', 'BuildReport'],
  },
];

/**
 * Teardown's real dependencies: a subnet or security group can go only once
 * every network interface in it is released, and those of endpoints, the
 * NLB and instances are released a while after their owner is deleted.
 */
export const TEARDOWN_STEPS: readonly LabStep[] = [
  { id: 'deleteEndpoints', title: 'Endpoints deleted', needs: [], waits: [], states: ['DeleteVpcEndpoints'], calls: { 'ec2:DeleteVpcEndpoints': 1 } },
  { id: 'endpointInterfaces', title: 'Endpoint ENIs released', needs: ['deleteEndpoints'], waits: ['eniReleased'], states: [] },
  { id: 'endpointService', title: 'Endpoint service deleted', needs: ['deleteEndpoints'], waits: [], states: ['DeleteEndpointService'], lessons: ['service'] },
  { id: 'deleteLoadBalancer', title: 'NLB deleted', needs: ['endpointService'], waits: [], states: ['DeleteLoadBalancer'], lessons: ['service'] },
  // ELBv2 deletes the listeners with the NLB, so nothing forwards to the target groups any more.
  { id: 'targetGroups', title: 'Target groups deleted', needs: ['deleteLoadBalancer'], waits: [], states: ['DeleteTargetGroups'], lessons: ['service'] },
  { id: 'loadBalancerGone', title: 'NLB gone', needs: ['deleteLoadBalancer'], waits: ['loadBalancerDeleted'], states: [], lessons: ['service'] },
  { id: 'loadBalancerInterfaces', title: 'NLB ENIs released', needs: ['loadBalancerGone'], waits: ['eniReleased'], states: [], lessons: ['service'] },
  {
    id: 'instances',
    title: 'Instances terminated',
    needs: [],
    waits: ['instanceTerminated'],
    states: ['TerminateInstances', 'AwaitInstancesTerminated'],
  },
  { id: 'instanceInterfaces', title: 'Instance ENIs released', needs: ['instances'], waits: ['eniReleased'], states: ['AwaitNetworkInterfacesReleased'] },
  {
    id: 'networks',
    title: 'Networks deleted',
    needs: ['endpointInterfaces', 'loadBalancerInterfaces', 'instanceInterfaces', 'targetGroups'],
    waits: [],
    states: ['DeleteNetworks'],
  },
];

export type Phase = 'build' | 'teardown';

export const LAB_GRAPH: Readonly<Record<Phase, readonly LabStep[]>> = { build: BUILD_STEPS, teardown: TEARDOWN_STEPS };
