import { stateMachineArnPlaceholder } from '../contract/lab-names';
import { LAB_ERROR } from '../functions/commons/lab-errors';
import { MAX_ACCEPT_GRACE_SECONDS } from '../functions/lab/lab-settings';
import { CONSUMER, HEALTH_CHECK, PROVIDER } from '../functions/lab/lab-topology';
import { PROBE_TIMEOUT_SECONDS } from '../functions/lab/verification/lab-checks';
import { awsSeconds } from '../contract/latency-profile';
import type { Flow, PassState, Payload } from './asl/asl-types';
import { whenTrue } from './asl/lesson-choice';
import { catchAll, END, fieldsOf, labTask, nestedExecution, next } from './asl/lab-task';
import { attemptsToOutlast, polling, SETTLING } from './asl/retry-policy';
import { askingCadence } from './throttled-cadence';

const TEARDOWN = stateMachineArnPlaceholder('teardown');
const ON_FAILURE = 'TeardownAfterFailure';
const CONSUMER_SIDE_FAILED = 'ConsumerSideFailed';
const PROVIDER_SIDE_FAILED = 'ProviderSideFailed';

/** A check: delivered by SSM to the public instance (ssmCommandDelivered), run (ssmCommand) over the hop to the private one (sshHop); Retry intervals are whole seconds. */
const CHECK_SECONDS = Math.ceil(awsSeconds('ssmCommandDelivered') + awsSeconds('ssmCommand') + awsSeconds('sshHop'));
/** Before its endpoint a probe also waits out curl's timeout. */
const TIMED_OUT_CHECK_SECONDS = CHECK_SECONDS + PROBE_TIMEOUT_SECONDS;
const MANAGED_SECONDS = awsSeconds('instanceRunning') + awsSeconds('ssmAgentOnline');
const HEALTH_CHECKS_SECONDS = HEALTH_CHECK.intervalSeconds * HEALTH_CHECK.healthyThreshold;
/** Polls at a steady pace, for a wait well under way when the state starts. */
const steadily = (seconds: number) => polling(seconds, { backoffRate: 1, maxAttempts: 30, maxDelaySeconds: null });

const ACCEPTANCE_POLL_CAP_SECONDS = 30;
const awaitingAcceptance = { ErrorEquals: [LAB_ERROR.AwaitingAcceptance], IntervalSeconds: awsSeconds('notificationDelivered'), BackoffRate: 1.5, MaxDelaySeconds: ACCEPTANCE_POLL_CAP_SECONDS };

const checkTargets = (more: Payload = {}): Payload => ({ 'region.$': '$.run.region', consumerCidr: CONSUMER.vpcCidr, ...more });
const collected = (sent: string): Payload => ({ 'run.$': '$.run', 'phase.$': `$.${sent}.phase`, 'instanceId.$': `$.${sent}.instanceId`, 'sent.$': `$.${sent}.sent` });
const sideFailed: PassState = {
  Type: 'Pass',
  Comment: "Ends this side with its failure in its output, so the other side's running step finishes before anything is torn down.",
  End: true,
};
const sideFailure = (side: 'consumer' | 'provider', branch: number): PassState => ({
  Type: 'Pass',
  Comment: `The ${side} side's failure becomes the run's.`,
  InputPath: `$.branches[${branch}].failure`,
  ResultPath: '$.failure',
  Next: ON_FAILURE,
});
const teardownSummary = { 'executionArn.$': '$.ExecutionArn', 'summary.$': '$.Output' };

const consumerSide: Flow = {
  StartAt: 'BuildConsumerNetwork',
  States: {
    BuildConsumerNetwork: labTask('BuildConsumerNetwork', {
      comment: `Consumer VPC ${CONSUMER.vpcCidr}: public and private subnets, internet gateway, route tables, the security groups of the instances and of the endpoints.`,
      parameters: fieldsOf('run', 'plan'),
      resultPath: '$.consumer',
      retry: [SETTLING],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('LaunchConsumerInstances'),
    }),
    LaunchConsumerInstances: labTask('LaunchConsumerInstances', {
      comment:
        'Both consumer instances. The public one is managed by SSM over its internet route; the private one has no way out and is reached by ssh from the public one, so it needs no SSM endpoints.',
      throttledMaxDelaySeconds: askingCadence('LaunchConsumerInstances'),
      parameters: fieldsOf('run', 'plan', 'consumer'),
      resultPath: '$.consumerInstances',
      retry: [SETTLING],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('AwaitInstancesManaged'),
    }),
    AwaitInstancesManaged: labTask('AwaitInstancesManaged', {
      comment: `The public instance Online in SSM once it runs and its agent's first ping gets through (instanceRunning ${awsSeconds('instanceRunning')} s + ssmAgentOnline ${awsSeconds('ssmAgentOnline')} s), the private one running: first poll after ${MANAGED_SECONDS} s.`,
      parameters: fieldsOf('run', 'consumerInstances'),
      resultPath: null,
      retry: [polling(MANAGED_SECONDS)],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('SendBaselineChecks'),
    }),
    SendBaselineChecks: labTask('SendChecks', {
      comment:
        'The world before the gateway and interface endpoints: the curl and dig a student types on the private instance, over ssh from the public one. The service lesson is probed apart, once its NLB is active.',
      parameters: {
        'run.$': '$.run',
        phase: 'before',
        'lessons.$': '$.plan.lessons',
        only: ['gateway', 'interface'],
        'consumerInstances.$': '$.consumerInstances',
        targets: checkTargets(),
      },
      resultPath: '$.baseline',
      retry: [SETTLING],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('CollectBaselineChecks'),
    }),
    CollectBaselineChecks: labTask('CollectChecks', {
      comment: `Before the endpoints the probes time out: delivery (ssmCommandDelivered ${awsSeconds('ssmCommandDelivered')} s) + the script (ssmCommand ${awsSeconds('ssmCommand')} s) + the hop (sshHop ${awsSeconds('sshHop')} s) + curl's --max-time ${PROBE_TIMEOUT_SECONDS} s, so the first poll is after ${TIMED_OUT_CHECK_SECONDS} s.`,
      parameters: collected('baseline'),
      resultPath: '$.baselineResults',
      retry: [polling(TIMED_OUT_CHECK_SECONDS)],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('InterfaceLesson'),
    }),
    InterfaceLesson: whenTrue('$.plan.lessons.interface', 'CreateInterfaceEndpoint', 'ServiceBaselineLesson'),
    CreateInterfaceEndpoint: labTask('CreateInterfaceEndpoint', {
      comment:
        'CloudFormation interface endpoint with private DNS in the private subnet, first of the endpoints: its ~2 min to become available is the longest wait after a CreateVpcEndpoint, so when many runs queue for that bucket it is asked for first (and most often). The endpoints are awaited together after the join.',
      throttledMaxDelaySeconds: askingCadence('CreateInterfaceEndpoint'),
      parameters: fieldsOf('run', 'plan', 'consumer'),
      resultPath: '$.interfaceEndpoints',
      retry: [SETTLING],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('ServiceBaselineLesson'),
    }),
    ServiceBaselineLesson: whenTrue('$.plan.lessons.service', 'AwaitLoadBalancerActiveForChecks', 'ConsumerSideBuilt'),
    AwaitLoadBalancerActiveForChecks: labTask('AwaitLoadBalancerActive', {
      comment: `The service lesson's before-check asks for the NLB by name, which public DNS answers once the NLB is active (right after CreateLoadBalancer the name is NXDOMAIN). This side reaches here well into the NLB's provisioning (loadBalancerActive ${awsSeconds('loadBalancerActive')} s), so it polls every 20 s.`,
      parameters: fieldsOf('run', 'loadBalancer'),
      resultPath: null,
      // No figure says how far into the provisioning this side arrives; a ninth of it between polls.
      retry: [steadily(20)],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('SendServiceBaselineChecks'),
    }),
    SendServiceBaselineChecks: labTask('SendChecks', {
      comment:
        "The service lesson before its endpoint: the provider NLB's name resolves to the provider VPC's private addresses, and curl to it times out (no route from this VPC).",
      parameters: {
        'run.$': '$.run',
        phase: 'before',
        'lessons.$': '$.plan.lessons',
        only: ['service'],
        'consumerInstances.$': '$.consumerInstances',
        targets: checkTargets({ 'loadBalancerDnsName.$': '$.loadBalancer.dnsName' }),
      },
      resultPath: '$.serviceBaseline',
      retry: [SETTLING],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('CollectServiceBaselineChecks'),
    }),
    CollectServiceBaselineChecks: labTask('CollectChecks', {
      comment: `The curl times out: delivery (ssmCommandDelivered ${awsSeconds('ssmCommandDelivered')} s) + the script (ssmCommand ${awsSeconds('ssmCommand')} s) + the hop (sshHop ${awsSeconds('sshHop')} s) + curl's --max-time ${PROBE_TIMEOUT_SECONDS} s, so the first poll is after ${TIMED_OUT_CHECK_SECONDS} s.`,
      parameters: collected('serviceBaseline'),
      resultPath: '$.serviceBaselineResults',
      retry: [polling(TIMED_OUT_CHECK_SECONDS)],
      onFailure: CONSUMER_SIDE_FAILED,
      then: next('ConsumerSideBuilt'),
    }),
    ConsumerSideBuilt: { Type: 'Succeed' },
    [CONSUMER_SIDE_FAILED]: sideFailed,
  },
};

const providerSide: Flow = {
  StartAt: 'ProviderLesson',
  States: {
    ProviderLesson: whenTrue('$.plan.lessons.service', 'LaunchWebServers', 'NoProvider'),
    NoProvider: { Type: 'Succeed' },
    LaunchWebServers: labTask('LaunchWebServers', {
      throttledMaxDelaySeconds: askingCadence('LaunchWebServers'),
      parameters: fieldsOf('run', 'plan', 'provider'),
      resultPath: '$.webServers',
      retry: [SETTLING],
      onFailure: PROVIDER_SIDE_FAILED,
      then: next('AwaitLoadBalancerActive'),
    }),
    AwaitLoadBalancerActive: labTask('AwaitLoadBalancerActive', {
      comment: `The NLB was created before the branches started: it is provisioning for about three minutes (loadBalancerActive ${awsSeconds('loadBalancerActive')} s), so the first poll is after ${awsSeconds('loadBalancerActive')} s.`,
      parameters: fieldsOf('run', 'loadBalancer'),
      resultPath: null,
      retry: [polling(awsSeconds('loadBalancerActive'))],
      onFailure: PROVIDER_SIDE_FAILED,
      then: next('RegisterWebServers'),
    }),
    RegisterWebServers: labTask('RegisterWebServers', {
      comment: `The web servers have long been running (instanceRunning ${awsSeconds('instanceRunning')} s) by the time the NLB is active; registered now, they are registered with its nodes and health-checked (targetRegistration ${awsSeconds('targetRegistration')} s + ${HEALTH_CHECKS_SECONDS} s) while the endpoint service and the consumer's endpoint come up; AwaitTargetsHealthy waits for the rest before the verification.`,
      parameters: fieldsOf('run', 'webServers', 'loadBalancer'),
      resultPath: null,
      retry: [polling(awsSeconds('instanceRunning'))],
      onFailure: PROVIDER_SIDE_FAILED,
      then: next('CreateEndpointService'),
    }),
    CreateEndpointService: labTask('CreateEndpointService', {
      comment: "Endpoint service on the NLB: acceptance required, the lab's account allowed, connection notifications to SNS.",
      throttledMaxDelaySeconds: askingCadence('CreateEndpointService'),
      parameters: fieldsOf('run', 'plan', 'loadBalancer'),
      resultPath: '$.endpointService',
      retry: [SETTLING],
      onFailure: PROVIDER_SIDE_FAILED,
      then: next('AwaitEndpointServiceAvailable'),
    }),
    AwaitEndpointServiceAvailable: labTask('AwaitEndpointServiceAvailable', {
      comment: `Pending for a few seconds at most (endpointServiceAvailable ${awsSeconds('endpointServiceAvailable')} s): first poll after ${awsSeconds('endpointServiceAvailable')} s.`,
      parameters: fieldsOf('run', 'endpointService'),
      resultPath: null,
      retry: [polling(awsSeconds('endpointServiceAvailable'), { backoffRate: 2, maxDelaySeconds: 60 })],
      onFailure: PROVIDER_SIDE_FAILED,
      then: END,
    }),
    [PROVIDER_SIDE_FAILED]: sideFailed,
  },
};

/** Every endpoint of the run, awaited in one state; the comment says which one it waits for last. */
const awaitEndpoints = (comment: string, firstPollAfter: number, thenEvery?: number) =>
  labTask('AwaitVpcEndpointsAvailable', {
    comment,
    parameters: fieldsOf('run'),
    resultPath: null,
    retry: [polling(firstPollAfter, thenEvery === undefined ? {} : { maxDelaySeconds: thenEvery })],
    onFailure: ON_FAILURE,
    then: next('SendVerificationChecks'),
  });

/** One run of the lab, as `statemachine/lab-run.asl.json`. */
export const LAB_RUN: Flow = {
  Comment: 'One run of the VPC-endpoint lab: build, prove each lesson before and after, hold or go on, tear down in dependency order.',
  StartAt: 'Preflight',
  States: {
    Preflight: labTask('Preflight', {
      comment: 'Region, zones, AMI and quota headroom, before anything is created.',
      parameters: fieldsOf('run'),
      resultPath: '$.plan',
      // Service Quotas throttles with its own code.
      throttledAlsoAs: ['TooManyRequestsException'],
      onFailure: 'FailWithCause',
      then: next('ServiceLesson'),
    }),
    ServiceLesson: whenTrue(
      '$.plan.lessons.service',
      'BuildProviderNetwork',
      'NoService',
      `The NLB is the longest wait of the lab (loadBalancerActive ${awsSeconds('loadBalancerActive')} s) and the whole service lesson hangs on it, so it is created first, before the branches.`,
    ),
    NoService: {
      Type: 'Pass',
      Comment: 'Nothing of the service lesson: the checks are told there is no load balancer and no service endpoint, and its baseline is an empty phase.',
      Parameters: {
        ...fieldsOf('run', 'plan'),
        loadBalancer: { dnsName: null },
        serviceEndpoint: { dnsName: null },
        serviceBaselineResults: { phase: 'before', results: [] },
      },
      Next: 'BuildLab',
    },
    BuildProviderNetwork: labTask('BuildProviderNetwork', {
      comment: `Provider VPC ${PROVIDER.vpcCidr} with two subnets in two zones.`,
      parameters: fieldsOf('run', 'plan'),
      resultPath: '$.provider',
      retry: [SETTLING],
      onFailure: ON_FAILURE,
      then: next('CreateLoadBalancer'),
    }),
    CreateLoadBalancer: labTask('CreateLoadBalancer', {
      comment: 'Internal NLB, target group and listener; its DNS name is what the consumer tries to reach before it has an endpoint.',
      parameters: fieldsOf('run', 'plan', 'provider'),
      resultPath: '$.loadBalancer',
      retry: [SETTLING],
      onFailure: ON_FAILURE,
      then: next('BuildLab'),
    }),
    BuildLab: {
      Type: 'Parallel',
      Comment:
        "Side by side while the NLB provisions: the consumer side (network, instances, baseline checks, the interface endpoint, then the service lesson's baseline once the NLB is active) and the provider side (web servers, then the endpoint service once the NLB is active).",
      Branches: [consumerSide, providerSide],
      ResultPath: '$.branches',
      Catch: [catchAll(ON_FAILURE)],
      Next: 'EitherSideFailed',
    },
    EitherSideFailed: {
      Type: 'Choice',
      Comment: 'A side that failed caught its own failure: teardown starts only once neither side has a step still running (a Lambda invocation outlives the branch that started it).',
      Choices: [
        { Variable: '$.branches[0].failure', IsPresent: true, Next: 'ConsumerSideFailure' },
        { Variable: '$.branches[1].failure', IsPresent: true, Next: 'ProviderSideFailure' },
      ],
      Default: 'EndpointsToAwait',
    },
    ConsumerSideFailure: sideFailure('consumer', 0),
    ProviderSideFailure: sideFailure('provider', 1),
    EndpointsToAwait: whenTrue(
      '$.plan.lessons.service',
      'CreateServiceEndpoint',
      'GatewayLesson',
      'The service endpoint, then the gateway endpoints: when many runs queue for CreateVpcEndpoint the endpoint with the most to wait for after it is asked for first, and the gateway endpoints, available within seconds, last (statemachine/throttled-cadence.ts). Nothing before the join needs them.',
    ),
    GatewayLesson: whenTrue('$.plan.lessons.gateway', 'CreateGatewayEndpoints', 'EndpointsCreated'),
    CreateGatewayEndpoints: labTask('CreateGatewayEndpoints', {
      comment: 'S3 and DynamoDB gateway endpoints on both route tables.',
      throttledMaxDelaySeconds: askingCadence('CreateGatewayEndpoints'),
      parameters: { ...fieldsOf('run', 'plan'), 'consumer.$': '$.branches[0].consumer' },
      resultPath: '$.gatewayEndpoints',
      retry: [SETTLING],
      onFailure: ON_FAILURE,
      then: next('EndpointsCreated'),
    }),
    EndpointsCreated: {
      Type: 'Choice',
      Comment: 'Every endpoint of the run is awaited in one state, polled after the latency of the slowest one still to come.',
      Choices: [
        { Variable: '$.plan.lessons.service', BooleanEquals: true, Next: 'AwaitConnectionAccepted' },
        { Variable: '$.plan.lessons.interface', BooleanEquals: true, Next: 'AwaitInterfaceEndpointAvailable' },
      ],
      Default: 'AwaitGatewayEndpointsAvailable',
    },
    CreateServiceEndpoint: labTask('CreateServiceEndpoint', {
      comment: "The consumer's interface endpoint to the service, once its baseline is taken: it starts pendingAcceptance.",
      throttledMaxDelaySeconds: askingCadence('CreateServiceEndpoint'),
      parameters: { ...fieldsOf('run', 'plan'), 'consumer.$': '$.branches[0].consumer', 'endpointService.$': '$.branches[1].endpointService' },
      resultPath: '$.serviceEndpoint',
      retry: [SETTLING],
      onFailure: ON_FAILURE,
      then: next('GatewayLesson'),
    }),
    AwaitConnectionAccepted: labTask('AwaitConnectionAccepted', {
      comment: `SNS delivers the Connect notification to accept-connection within about a second (notificationDelivered); past a grace period this step applies the same allow-list itself. AwaitingAcceptance is retried for longer than the longest grace a deployment may set (${MAX_ACCEPT_GRACE_SECONDS.toLocaleString('en-US')} s), polling every ${ACCEPTANCE_POLL_CAP_SECONDS} s once the first minute has passed.`,
      parameters: { ...fieldsOf('run', 'plan'), 'endpointService.$': '$.branches[1].endpointService', 'serviceEndpoint.$': '$.serviceEndpoint' },
      resultPath: null,
      retry: [
        // A request that never shows up is not waited for as long.
        polling(awsSeconds('notificationDelivered')),
        // Outlasts the longest grace, then looks once more.
        { ...awaitingAcceptance, MaxAttempts: attemptsToOutlast(awaitingAcceptance, MAX_ACCEPT_GRACE_SECONDS + ACCEPTANCE_POLL_CAP_SECONDS) },
      ],
      onFailure: ON_FAILURE,
      then: next('AwaitServiceEndpointAvailable'),
    }),
    AwaitServiceEndpointAvailable: labTask('AwaitVpcEndpointsAvailable', {
      comment: `The service endpoint alone, pending for about a minute after its acceptance (connectionAccepted ${awsSeconds('connectionAccepted')} s); the run's other endpoints are awaited next, so one created last (the gateway endpoints, when many runs queue for CreateVpcEndpoint) is not waited for at this pace.`,
      parameters: { 'run.$': '$.run', 'vpcEndpointIds.$': 'States.Array($.serviceEndpoint.vpcEndpointId)' },
      resultPath: null,
      retry: [polling(awsSeconds('connectionAccepted'), { maxDelaySeconds: awsSeconds('connectionAccepted') })],
      onFailure: ON_FAILURE,
      then: next('AwaitEveryEndpointAvailable'),
    }),
    AwaitEveryEndpointAvailable: labTask('AwaitVpcEndpointsAvailable', {
      comment: `Every endpoint of the run. Usually all are available by now; the gateway endpoints, created last, take seconds (gatewayEndpointAvailable ${awsSeconds('gatewayEndpointAvailable')} s), and the interface endpoint, when many runs queued for it, up to its two minutes, so the polls back off to a minute.`,
      parameters: fieldsOf('run'),
      resultPath: null,
      retry: [polling(awsSeconds('gatewayEndpointAvailable'), { maxDelaySeconds: awsSeconds('connectionAccepted') })],
      onFailure: ON_FAILURE,
      then: next('AwaitTargetsHealthy'),
    }),
    AwaitTargetsHealthy: labTask('AwaitTargetsHealthy', {
      comment: `The web servers were registered when the NLB became active; a new target is registered with the NLB's nodes for minutes (targetRegistration ${awsSeconds('targetRegistration')} s), then passes the group's initial health checks (${HEALTH_CHECK.healthyThreshold} x ${HEALTH_CHECK.intervalSeconds} s), and the NLB forwards nothing to it before. By the time the service endpoint is available most of that has passed, so it polls every ${HEALTH_CHECKS_SECONDS} s, the length of the health checks.`,
      parameters: { 'run.$': '$.run', 'webServers.$': '$.branches[1].webServers', 'loadBalancer.$': '$.loadBalancer' },
      resultPath: null,
      retry: [steadily(HEALTH_CHECKS_SECONDS)],
      onFailure: ON_FAILURE,
      then: next('SendVerificationChecks'),
    }),
    AwaitInterfaceEndpointAvailable: awaitEndpoints(
      `Every endpoint of the run; the last to come is the CloudFormation interface endpoint (interfaceEndpointAvailable ${awsSeconds('interfaceEndpointAvailable')} s).`,
      awsSeconds('interfaceEndpointAvailable'),
    ),
    AwaitGatewayEndpointsAvailable: awaitEndpoints(
      `Every endpoint of the run; gateway endpoints are available within seconds (gatewayEndpointAvailable ${awsSeconds('gatewayEndpointAvailable')} s).`,
      awsSeconds('gatewayEndpointAvailable'),
    ),
    SendVerificationChecks: labTask('SendChecks', {
      comment: 'The same checks again, now that every endpoint is available.',
      parameters: {
        'run.$': '$.run',
        phase: 'after',
        'lessons.$': '$.plan.lessons',
        'consumerInstances.$': '$.branches[0].consumerInstances',
        targets: checkTargets({ 'serviceEndpointDnsName.$': '$.serviceEndpoint.dnsName' }),
      },
      resultPath: '$.verificationSent',
      retry: [SETTLING],
      onFailure: ON_FAILURE,
      then: next('CollectVerificationChecks'),
    }),
    CollectVerificationChecks: labTask('CollectChecks', {
      comment: `With the endpoints in place every probe answers: delivery (ssmCommandDelivered ${awsSeconds('ssmCommandDelivered')} s) + the script (ssmCommand ${awsSeconds('ssmCommand')} s) + the hop (sshHop ${awsSeconds('sshHop')} s), so the first poll is after ${CHECK_SECONDS} s.`,
      parameters: collected('verificationSent'),
      resultPath: '$.verification',
      retry: [polling(CHECK_SECONDS)],
      onFailure: ON_FAILURE,
      then: next('BuildReport'),
    }),
    BuildReport: labTask('BuildReport', {
      parameters: { 'run.$': '$.run', 'phases.$': 'States.Array($.branches[0].baselineResults, $.branches[0].serviceBaselineResults, $.verification)' },
      resultPath: '$.report',
      onFailure: ON_FAILURE,
      then: next('KeepLab'),
    }),
    KeepLab: whenTrue('$.run.keep', 'HoldUntilExpiry', 'Teardown'),
    HoldUntilExpiry: {
      Type: 'Wait',
      Comment: 'The lab stays up for the student until its TTL; stopping the execution skips the wait and scheduled cleanup removes it.',
      TimestampPath: '$.run.expiresAt',
      Next: 'Teardown',
    },
    Teardown: nestedExecution({
      comment: 'The teardown state machine, by run id: endpoints, endpoint service, NLB, instances, VPCs.',
      stateMachine: TEARDOWN,
      input: { 'runId.$': '$.run.runId' },
      resultSelector: teardownSummary,
      resultPath: '$.teardown',
      catch: catchAll('FailWithCause'),
      then: next('LessonsPassed'),
    }),
    LessonsPassed: whenTrue('$.report.passed', 'LabPassed', 'LessonsFailed'),
    LabPassed: { Type: 'Succeed' },
    LessonsFailed: {
      Type: 'Fail',
      Error: 'LessonsFailed',
      Cause: "At least one lesson did not show what it teaches; the BuildReport step's output has each check with its raw output. The lab was torn down.",
    },
    [ON_FAILURE]: nestedExecution({
      comment: 'A failure after the first create: remove what was built, then fail with the original cause.',
      stateMachine: TEARDOWN,
      input: { 'runId.$': '$.run.runId' },
      resultSelector: teardownSummary,
      resultPath: '$.teardownAfterFailure',
      catch: catchAll('FailWithCause', '$.teardownFailure'),
      then: next('FailWithCause'),
    }),
    FailWithCause: { Type: 'Fail', ErrorPath: '$.failure.Error', CausePath: '$.failure.Cause' },
  },
};
