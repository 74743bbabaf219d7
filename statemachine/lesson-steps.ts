import { LAB_ERROR } from '../functions/commons/lab-errors';
import { MAX_ACCEPT_GRACE_SECONDS } from '../functions/lab/lab-settings';
import { CONSUMER, HEALTH_CHECK } from '../functions/lab/lab-topology';
import { PROBE_TIMEOUT_SECONDS } from '../functions/lab/verification/lab-checks';
import type { Lesson, Phase } from '../functions/lab/verification/lab-checks';
import { awsSeconds } from '../contract/latency-profile';
import type { Payload, Retrier, TaskState } from './asl/asl-types';
import { fieldsOf, labTask, next } from './asl/lab-task';
import { attemptsToOutlast, polling, SETTLING } from './asl/retry-policy';
import { askingCadence } from './throttled-cadence';

/**
 * The lessons' own steps (an endpoint created, awaited, its checks sent and
 * collected), as the straight-through run and the guided one both take
 * them: each builder is given the state it goes on to and where a failure
 * goes.
 */

/** A check: delivered by SSM to the public instance (ssmCommandDelivered), run (ssmCommand) over the hop to the private one (sshHop); Retry intervals are whole seconds. */
export const CHECK_SECONDS = Math.ceil(awsSeconds('ssmCommandDelivered') + awsSeconds('ssmCommand') + awsSeconds('sshHop'));
/** Before its endpoint a probe also waits out curl's timeout. */
export const TIMED_OUT_CHECK_SECONDS = CHECK_SECONDS + PROBE_TIMEOUT_SECONDS;
const HEALTH_CHECKS_SECONDS = HEALTH_CHECK.intervalSeconds * HEALTH_CHECK.healthyThreshold;

/** Polls at a steady pace, for a wait well under way when the state starts. */
export const steadily = (seconds: number) => polling(seconds, { backoffRate: 1, maxAttempts: 30, maxDelaySeconds: null });

const ACCEPTANCE_POLL_CAP_SECONDS = 30;
const awaitingAcceptance = { ErrorEquals: [LAB_ERROR.AwaitingAcceptance], IntervalSeconds: awsSeconds('notificationDelivered'), BackoffRate: 1.5, MaxDelaySeconds: ACCEPTANCE_POLL_CAP_SECONDS };

/** What the checks are about: the region's names and the consumer VPC, and more once the lab has them. */
export const checkTargets = (more: Payload = {}): Payload => ({ 'region.$': '$.run.region', consumerCidr: CONSUMER.vpcCidr, ...more });

/** The checks sent to `$.<sent>`, to collect. */
export const collected = (sent: string): Payload => ({ 'run.$': '$.run', 'phase.$': `$.${sent}.phase`, 'instanceId.$': `$.${sent}.instanceId`, 'sent.$': `$.${sent}.sent` });

/** Where a step of the lesson goes: on, or to its failure. */
export interface StepRoute {
  readonly then: string;
  readonly onFailure: string;
  /**
   * A guided run's step, taken when its student says so rather than queued
   * with a batch's runs for a request bucket: it asks at the usual cadence
   * when throttled (statemachine/throttled-cadence.ts orders the batch's).
   */
  readonly guided?: boolean;
}

const cadence = (step: 'CreateGatewayEndpoints' | 'CreateInterfaceEndpoint' | 'CreateServiceEndpoint', route: StepRoute): number | undefined => (route.guided ? undefined : askingCadence(step));

/** The consumer network, as the consumer side left it after the join. */
const JOINED_CONSUMER = { 'consumer.$': '$.branches[0].consumer' };

export const createGatewayEndpoints = (route: StepRoute): TaskState =>
  labTask('CreateGatewayEndpoints', {
    comment: 'S3 and DynamoDB gateway endpoints on both route tables.',
    throttledMaxDelaySeconds: cadence('CreateGatewayEndpoints', route),
    parameters: { ...fieldsOf('run', 'plan'), ...JOINED_CONSUMER },
    resultPath: '$.gatewayEndpoints',
    retry: [SETTLING],
    onFailure: route.onFailure,
    then: next(route.then),
  });

/** The interface endpoint, from the consumer network at `$.consumer` (on the consumer side) or as the side left it. */
export const createInterfaceEndpoint = (route: StepRoute, comment: string, joined: boolean): TaskState =>
  labTask('CreateInterfaceEndpoint', {
    comment,
    throttledMaxDelaySeconds: cadence('CreateInterfaceEndpoint', route),
    parameters: joined ? { ...fieldsOf('run', 'plan'), ...JOINED_CONSUMER } : fieldsOf('run', 'plan', 'consumer'),
    resultPath: '$.interfaceEndpoints',
    retry: [SETTLING],
    onFailure: route.onFailure,
    then: next(route.then),
  });

export const createServiceEndpoint = (route: StepRoute): TaskState =>
  labTask('CreateServiceEndpoint', {
    comment: "The consumer's interface endpoint to the service, once its baseline is taken: it starts pendingAcceptance.",
    throttledMaxDelaySeconds: cadence('CreateServiceEndpoint', route),
    parameters: { ...fieldsOf('run', 'plan'), ...JOINED_CONSUMER, 'endpointService.$': '$.branches[1].endpointService' },
    resultPath: '$.serviceEndpoint',
    retry: [SETTLING],
    onFailure: route.onFailure,
    then: next(route.then),
  });

export const awaitConnectionAccepted = (route: StepRoute): TaskState =>
  labTask('AwaitConnectionAccepted', {
    comment: `SNS delivers the Connect notification to accept-connection within about a second (notificationDelivered); past a grace period this step applies the same allow-list itself. AwaitingAcceptance is retried for longer than the longest grace a deployment may set (${MAX_ACCEPT_GRACE_SECONDS.toLocaleString('en-US')} s), polling every ${ACCEPTANCE_POLL_CAP_SECONDS} s once the first minute has passed.`,
    parameters: { ...fieldsOf('run', 'plan'), 'endpointService.$': '$.branches[1].endpointService', 'serviceEndpoint.$': '$.serviceEndpoint' },
    resultPath: null,
    retry: [
      // A request that never shows up is not waited for as long.
      polling(awsSeconds('notificationDelivered')),
      // Outlasts the longest grace, then looks once more.
      { ...awaitingAcceptance, MaxAttempts: attemptsToOutlast(awaitingAcceptance, MAX_ACCEPT_GRACE_SECONDS + ACCEPTANCE_POLL_CAP_SECONDS) },
    ],
    onFailure: route.onFailure,
    then: next(route.then),
  });

export const awaitServiceEndpointAvailable = (route: StepRoute, comment: string): TaskState =>
  labTask('AwaitVpcEndpointsAvailable', {
    comment,
    parameters: { 'run.$': '$.run', 'vpcEndpointIds.$': 'States.Array($.serviceEndpoint.vpcEndpointId)' },
    resultPath: null,
    retry: [polling(awsSeconds('connectionAccepted'), { maxDelaySeconds: awsSeconds('connectionAccepted') })],
    onFailure: route.onFailure,
    then: next(route.then),
  });

/** Every endpoint of the run, awaited in one state. */
export const awaitEveryEndpoint = (route: StepRoute, comment: string, retry: Retrier): TaskState =>
  labTask('AwaitVpcEndpointsAvailable', { comment, parameters: fieldsOf('run'), resultPath: null, retry: [retry], onFailure: route.onFailure, then: next(route.then) });

export const awaitTargetsHealthy = (route: StepRoute): TaskState =>
  labTask('AwaitTargetsHealthy', {
    comment: `The web servers were registered when the NLB became active; a new target is registered with the NLB's nodes for minutes (targetRegistration ${awsSeconds('targetRegistration')} s), then passes the group's initial health checks (${HEALTH_CHECK.healthyThreshold} x ${HEALTH_CHECK.intervalSeconds} s), and the NLB forwards nothing to it before. By the time the service endpoint is available most of that has passed, so it polls every ${HEALTH_CHECKS_SECONDS} s, the length of the health checks.`,
    parameters: { 'run.$': '$.run', 'webServers.$': '$.branches[1].webServers', 'loadBalancer.$': '$.loadBalancer' },
    resultPath: null,
    retry: [steadily(HEALTH_CHECKS_SECONDS)],
    onFailure: route.onFailure,
    then: next(route.then),
  });

export interface ChecksSent {
  readonly comment: string;
  readonly phase: Phase;
  /** Only these lessons' checks; every lesson of the run when omitted. */
  readonly only?: readonly Lesson[];
  /** Where the consumer instances are in the input. */
  readonly instancesAt: string;
  readonly targets: Payload;
  readonly resultPath: string;
}

export const sendChecks = (route: StepRoute, checks: ChecksSent): TaskState =>
  labTask('SendChecks', {
    comment: checks.comment,
    parameters: {
      'run.$': '$.run',
      phase: checks.phase,
      'lessons.$': '$.plan.lessons',
      ...(checks.only === undefined ? {} : { only: checks.only }),
      'consumerInstances.$': checks.instancesAt,
      targets: checks.targets,
    },
    resultPath: checks.resultPath,
    retry: [SETTLING],
    onFailure: route.onFailure,
    then: next(route.then),
  });

/** The checks sent to `$.<sent>`, collected once they have had time to run: a probe that must time out first takes longer. */
export const collectChecks = (route: StepRoute, sent: string, resultPath: string, timesOut: boolean): TaskState =>
  labTask('CollectChecks', {
    comment: timesOut
      ? `Before the endpoints the probes time out: delivery (ssmCommandDelivered ${awsSeconds('ssmCommandDelivered')} s) + the script (ssmCommand ${awsSeconds('ssmCommand')} s) + the hop (sshHop ${awsSeconds('sshHop')} s) + curl's --max-time ${PROBE_TIMEOUT_SECONDS} s, so the first poll is after ${TIMED_OUT_CHECK_SECONDS} s.`
      : `With the endpoints in place every probe answers: delivery (ssmCommandDelivered ${awsSeconds('ssmCommandDelivered')} s) + the script (ssmCommand ${awsSeconds('ssmCommand')} s) + the hop (sshHop ${awsSeconds('sshHop')} s), so the first poll is after ${CHECK_SECONDS} s.`,
    parameters: collected(sent),
    resultPath,
    retry: [polling(timesOut ? TIMED_OUT_CHECK_SECONDS : CHECK_SECONDS)],
    onFailure: route.onFailure,
    then: next(route.then),
  });
