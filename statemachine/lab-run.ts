import { stateMachineArnPlaceholder } from '../contract/lab-names';
import { CONSUMER, HEALTH_CHECK, PROVIDER } from '../functions/lab/lab-topology';
import { awsSeconds } from '../contract/latency-profile';
import type { Flow, PassState } from './asl/asl-types';
import { whenGuided, whenTrue } from './asl/lesson-choice';
import { catchAll, END, fieldsOf, labTask, nestedExecution, next } from './asl/lab-task';
import { polling, SETTLING } from './asl/retry-policy';
import { askingCadence } from './throttled-cadence';
import { GUIDED_LESSONS, guidedLessons } from './guided-lessons';
import {
  awaitConnectionAccepted,
  awaitEveryEndpoint,
  awaitServiceEndpointAvailable,
  awaitTargetsHealthy,
  checkTargets,
  collectChecks,
  createGatewayEndpoints,
  createInterfaceEndpoint,
  createServiceEndpoint,
  sendChecks,
  steadily,
} from './lesson-steps';

const TEARDOWN = stateMachineArnPlaceholder('teardown');
const ON_FAILURE = 'TeardownAfterFailure';
const CONSUMER_SIDE_FAILED = 'ConsumerSideFailed';
const PROVIDER_SIDE_FAILED = 'ProviderSideFailed';

const MANAGED_SECONDS = awsSeconds('instanceRunning') + awsSeconds('ssmAgentOnline');

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
    SendBaselineChecks: sendChecks(
      { then: 'CollectBaselineChecks', onFailure: CONSUMER_SIDE_FAILED },
      {
        comment:
          'The world before the gateway and interface endpoints: the curl and dig a student types on the private instance, over ssh from the public one. The service lesson is probed apart, once its NLB is active.',
        phase: 'before',
        only: ['gateway', 'interface'],
        instancesAt: '$.consumerInstances',
        targets: checkTargets(),
        resultPath: '$.baseline',
      },
    ),
    CollectBaselineChecks: collectChecks({ then: 'InterfaceLesson', onFailure: CONSUMER_SIDE_FAILED }, 'baseline', '$.baselineResults', true),
    InterfaceLesson: {
      Type: 'Choice',
      Comment: "A guided run adds the interface endpoint after the join, once the student has seen the world before it.",
      Choices: [whenGuided('ServiceBaselineLesson'), { Variable: '$.plan.lessons.interface', BooleanEquals: true, Next: 'CreateInterfaceEndpoint' }],
      Default: 'ServiceBaselineLesson',
    },
    CreateInterfaceEndpoint: createInterfaceEndpoint(
      { then: 'ServiceBaselineLesson', onFailure: CONSUMER_SIDE_FAILED },
      'CloudFormation interface endpoint with private DNS in the private subnet, first of the endpoints: its ~2 min to become available is the longest wait after a CreateVpcEndpoint, so when many runs queue for that bucket it is asked for first (and most often). The endpoints are awaited together after the join.',
      false,
    ),
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
    SendServiceBaselineChecks: sendChecks(
      { then: 'CollectServiceBaselineChecks', onFailure: CONSUMER_SIDE_FAILED },
      {
        comment:
          "The service lesson before its endpoint: the provider NLB's name resolves to the provider VPC's private addresses, and curl to it times out (no route from this VPC).",
        phase: 'before',
        only: ['service'],
        instancesAt: '$.consumerInstances',
        targets: checkTargets({ 'loadBalancerDnsName.$': '$.loadBalancer.dnsName' }),
        resultPath: '$.serviceBaseline',
      },
    ),
    CollectServiceBaselineChecks: collectChecks({ then: 'ConsumerSideBuilt', onFailure: CONSUMER_SIDE_FAILED }, 'serviceBaseline', '$.serviceBaselineResults', true),
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
      comment: `The web servers have long been running (instanceRunning ${awsSeconds('instanceRunning')} s) by the time the NLB is active; registered now, they are registered with its nodes and health-checked (targetRegistration ${awsSeconds('targetRegistration')} s + ${HEALTH_CHECK.intervalSeconds * HEALTH_CHECK.healthyThreshold} s) while the endpoint service and the consumer's endpoint come up; AwaitTargetsHealthy waits for the rest before the verification.`,
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

const AFTER_THE_JOIN = { then: 'SendVerificationChecks', onFailure: ON_FAILURE };

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
      Default: 'GuidedRun',
    },
    GuidedRun: {
      Type: 'Choice',
      Comment: 'A guided run pauses before each lesson for the student; the others add every endpoint at once.',
      Choices: [whenGuided(GUIDED_LESSONS)],
      Default: 'EndpointsToAwait',
    },
    ...guidedLessons({ report: 'KeepLab', onFailure: ON_FAILURE }),
    ConsumerSideFailure: sideFailure('consumer', 0),
    ProviderSideFailure: sideFailure('provider', 1),
    EndpointsToAwait: whenTrue(
      '$.plan.lessons.service',
      'CreateServiceEndpoint',
      'GatewayLesson',
      'The service endpoint, then the gateway endpoints: when many runs queue for CreateVpcEndpoint the endpoint with the most to wait for after it is asked for first, and the gateway endpoints, available within seconds, last (statemachine/throttled-cadence.ts). Nothing before the join needs them.',
    ),
    GatewayLesson: whenTrue('$.plan.lessons.gateway', 'CreateGatewayEndpoints', 'EndpointsCreated'),
    CreateGatewayEndpoints: createGatewayEndpoints({ then: 'EndpointsCreated', onFailure: ON_FAILURE }),
    EndpointsCreated: {
      Type: 'Choice',
      Comment: 'Every endpoint of the run is awaited in one state, polled after the latency of the slowest one still to come.',
      Choices: [
        { Variable: '$.plan.lessons.service', BooleanEquals: true, Next: 'AwaitConnectionAccepted' },
        { Variable: '$.plan.lessons.interface', BooleanEquals: true, Next: 'AwaitInterfaceEndpointAvailable' },
      ],
      Default: 'AwaitGatewayEndpointsAvailable',
    },
    CreateServiceEndpoint: createServiceEndpoint({ then: 'GatewayLesson', onFailure: ON_FAILURE }),
    AwaitConnectionAccepted: awaitConnectionAccepted({ then: 'AwaitServiceEndpointAvailable', onFailure: ON_FAILURE }),
    AwaitServiceEndpointAvailable: awaitServiceEndpointAvailable(
      { then: 'AwaitEveryEndpointAvailable', onFailure: ON_FAILURE },
      `The service endpoint alone, pending for about a minute after its acceptance (connectionAccepted ${awsSeconds('connectionAccepted')} s); the run's other endpoints are awaited next, so one created last (the gateway endpoints, when many runs queue for CreateVpcEndpoint) is not waited for at this pace.`,
    ),
    AwaitEveryEndpointAvailable: awaitEveryEndpoint(
      { then: 'AwaitTargetsHealthy', onFailure: ON_FAILURE },
      `Every endpoint of the run. Usually all are available by now; the gateway endpoints, created last, take seconds (gatewayEndpointAvailable ${awsSeconds('gatewayEndpointAvailable')} s), and the interface endpoint, when many runs queued for it, up to its two minutes, so the polls back off to a minute.`,
      polling(awsSeconds('gatewayEndpointAvailable'), { maxDelaySeconds: awsSeconds('connectionAccepted') }),
    ),
    AwaitTargetsHealthy: awaitTargetsHealthy(AFTER_THE_JOIN),
    AwaitInterfaceEndpointAvailable: awaitEveryEndpoint(
      AFTER_THE_JOIN,
      `Every endpoint of the run; the last to come is the CloudFormation interface endpoint (interfaceEndpointAvailable ${awsSeconds('interfaceEndpointAvailable')} s).`,
      polling(awsSeconds('interfaceEndpointAvailable')),
    ),
    AwaitGatewayEndpointsAvailable: awaitEveryEndpoint(
      AFTER_THE_JOIN,
      `Every endpoint of the run; gateway endpoints are available within seconds (gatewayEndpointAvailable ${awsSeconds('gatewayEndpointAvailable')} s).`,
      polling(awsSeconds('gatewayEndpointAvailable')),
    ),
    SendVerificationChecks: sendChecks(
      { then: 'CollectVerificationChecks', onFailure: ON_FAILURE },
      {
        comment: 'The same checks again, now that every endpoint is available.',
        phase: 'after',
        instancesAt: '$.branches[0].consumerInstances',
        targets: checkTargets({ 'serviceEndpointDnsName.$': '$.serviceEndpoint.dnsName' }),
        resultPath: '$.verificationSent',
      },
    ),
    CollectVerificationChecks: collectChecks({ then: 'BuildReport', onFailure: ON_FAILURE }, 'verificationSent', '$.verification', false),
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
