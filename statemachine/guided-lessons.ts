import { type GuidedStop, openLessonState, pauseState, titled, WALK_THROUGH_LESSONS } from '../functions/lab/guided/guided-stops';
import type { Lesson } from '../functions/lab/verification/lab-checks';
import { awsSeconds } from '../contract/latency-profile';
import type { PassState, Payload, State } from './asl/asl-types';
import { whenTrue } from './asl/lesson-choice';
import { callbackTask, catchAll, labTask, next } from './asl/lab-task';
import { polling } from './asl/retry-policy';
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
  type StepRoute,
} from './lesson-steps';

/** Where a guided run goes after its last pause: the report, then the hold or the teardown. */
export interface GuidedRoutes {
  readonly report: string;
  readonly onFailure: string;
}

/** The first state of a guided run's lessons, after the build and the baseline. */
export const GUIDED_LESSONS = 'StartGuidedLessons';
const STUDENT_AWAY = 'StudentAway';
/** The state that builds a guided run's report (the straight-through run's is BuildReport). */
export const GUIDED_REPORT = 'BuildGuidedReport';

const lessonChoice = (lesson: Lesson): string => `Guided${titled(lesson)}Lesson`;
const afterChecks = (lesson: Lesson): string => `$.afterChecks.${lesson}`;

/** The stop after a lesson: the next lesson of the walk-through, or the report. */
const after = (lesson: Lesson): string => {
  const following = WALK_THROUGH_LESSONS[WALK_THROUGH_LESSONS.indexOf(lesson) + 1];
  return following === undefined ? openLessonState('report') : lessonChoice(following);
};

/** The service endpoint's name is known once `next` has created it; the report's brief shows it. */
const stopTargets = (stop: GuidedStop): Payload =>
  checkTargets({ 'loadBalancerDnsName.$': '$.loadBalancer.dnsName', ...(stop === 'report' ? { 'serviceEndpointDnsName.$': '$.serviceEndpoint.dnsName' } : {}) });

/** The brief of a stop (what to try, what to expect, how long the pause may last), then the pause on a task token. */
function pauseAt(stop: GuidedStop, then: string, onFailure: string): Record<string, State> {
  return {
    [openLessonState(stop)]: labTask('OpenLesson', {
      comment: `What the student may try before ${stop === 'report' ? 'the report' : `the ${stop} lesson`} and what it should print, from the same planned checks the workflow runs, and how long the pause may last: until the run's TTL.`,
      parameters: { 'run.$': '$.run', stop, 'lessons.$': '$.plan.lessons', targets: stopTargets(stop) },
      resultPath: '$.guide',
      onFailure,
      then: next(pauseState(stop)),
    }),
    [pauseState(stop)]: callbackTask('AwaitStudent', {
      comment:
        "Waits for the student: `vpce-lab next` returns the task token (SendTaskSuccess). The pause lasts at most until the run's TTL, after which the run is torn down: an abandoned guided run does not outlive its TTL.",
      payload: { 'run.$': '$.run', stop, 'continueBy.$': '$.guide.continueBy' },
      timeoutSecondsPath: '$.guide.pauseSeconds',
      resultPath: '$.continued',
      catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.failure', Next: STUDENT_AWAY }, catchAll(onFailure)],
      then: next(then),
    }),
  };
}

/** A lesson's after-checks, sent and collected into `$.afterChecks.<lesson>`. */
function lessonChecks(lesson: Lesson, route: StepRoute, targets: Payload): Record<string, State> {
  const sent = `${lesson}Sent`;
  return {
    [`Send${titled(lesson)}Checks`]: sendChecks(
      { then: `Collect${titled(lesson)}Checks`, onFailure: route.onFailure },
      {
        comment: `The ${lesson} lesson's checks, now that its endpoints are available.`,
        phase: 'after',
        only: [lesson],
        instancesAt: '$.branches[0].consumerInstances',
        targets,
        resultPath: `$.${sent}`,
      },
    ),
    [`Collect${titled(lesson)}Checks`]: collectChecks(route, sent, afterChecks(lesson), false),
  };
}

const noChecks = (): Payload => ({ phase: 'after', results: [] });

/**
 * A guided run, once built and its baseline taken: before each lesson's
 * endpoints it pauses for the student, who types the lab's commands on the
 * instances and continues it; each lesson's endpoints are then added,
 * awaited and checked alone, in the walk-through's order (gateway, interface,
 * service), and a last pause comes before the report.
 */
export function guidedLessons(routes: GuidedRoutes): Record<string, State> {
  const { onFailure } = routes;
  const on = (then: string): StepRoute => ({ then, onFailure, guided: true });
  const start: PassState = {
    Type: 'Pass',
    Comment: "Each lesson's after-checks land here; a lesson the scenario leaves out keeps an empty phase for the report.",
    Parameters: { gateway: noChecks(), interface: noChecks(), service: noChecks() },
    ResultPath: '$.afterChecks',
    Next: lessonChoice('gateway'),
  };
  const studentAway: PassState = {
    Type: 'Pass',
    Comment: 'The pause timed out: the run is torn down, and fails saying why.',
    Parameters: {
      Error: 'GuidedRunAbandoned',
      Cause: "No one continued the guided run (vpce-lab next) before its TTL ran out; it was torn down. Start a new run, or give the next one a longer --ttl.",
    },
    ResultPath: '$.failure',
    Next: onFailure,
  };
  return {
    [GUIDED_LESSONS]: start,
    [lessonChoice('gateway')]: whenTrue('$.plan.lessons.gateway', openLessonState('gateway'), after('gateway')),
    ...pauseAt('gateway', 'CreateGuidedGatewayEndpoints', onFailure),
    CreateGuidedGatewayEndpoints: createGatewayEndpoints(on('AwaitGuidedGatewayEndpoints')),
    AwaitGuidedGatewayEndpoints: awaitEveryEndpoint(
      on('SendGatewayChecks'),
      `The gateway endpoints are available within seconds (gatewayEndpointAvailable ${awsSeconds('gatewayEndpointAvailable')} s).`,
      polling(awsSeconds('gatewayEndpointAvailable')),
    ),
    ...lessonChecks('gateway', on(after('gateway')), checkTargets()),
    [lessonChoice('interface')]: whenTrue('$.plan.lessons.interface', openLessonState('interface'), after('interface')),
    ...pauseAt('interface', 'CreateGuidedInterfaceEndpoint', onFailure),
    CreateGuidedInterfaceEndpoint: createInterfaceEndpoint(on('AwaitGuidedInterfaceEndpoint'), 'CloudFormation interface endpoint with private DNS in the private subnet.', true),
    AwaitGuidedInterfaceEndpoint: awaitEveryEndpoint(
      on('SendInterfaceChecks'),
      `The interface endpoint takes about two minutes (interfaceEndpointAvailable ${awsSeconds('interfaceEndpointAvailable')} s).`,
      polling(awsSeconds('interfaceEndpointAvailable')),
    ),
    ...lessonChecks('interface', on(after('interface')), checkTargets()),
    [lessonChoice('service')]: whenTrue('$.plan.lessons.service', openLessonState('service'), after('service')),
    ...pauseAt('service', 'CreateGuidedServiceEndpoint', onFailure),
    CreateGuidedServiceEndpoint: createServiceEndpoint(on('AwaitGuidedConnectionAccepted')),
    AwaitGuidedConnectionAccepted: awaitConnectionAccepted(on('AwaitGuidedServiceEndpoint')),
    AwaitGuidedServiceEndpoint: awaitServiceEndpointAvailable(
      on('AwaitGuidedTargetsHealthy'),
      `The service endpoint, pending for about a minute after its acceptance (connectionAccepted ${awsSeconds('connectionAccepted')} s).`,
    ),
    AwaitGuidedTargetsHealthy: awaitTargetsHealthy(on('SendServiceChecks')),
    ...lessonChecks('service', on(after('service')), checkTargets({ 'serviceEndpointDnsName.$': '$.serviceEndpoint.dnsName' })),
    ...pauseAt('report', 'ListStudentCommands', onFailure),
    ListStudentCommands: labTask('ListStudentCommands', {
      comment: "What the student ran with vpce-lab exec, from SSM's command history of the public instance (every command goes through it), for the report.",
      parameters: { 'run.$': '$.run', 'instanceId.$': '$.branches[0].consumerInstances.publicInstanceId' },
      resultPath: '$.studentCommands',
      onFailure,
      then: next(GUIDED_REPORT),
    }),
    [GUIDED_REPORT]: labTask('BuildReport', {
      parameters: {
        'run.$': '$.run',
        'phases.$': `States.Array($.branches[0].baselineResults, $.branches[0].serviceBaselineResults, ${WALK_THROUGH_LESSONS.map(afterChecks).join(', ')})`,
        'studentCommands.$': '$.studentCommands',
      },
      resultPath: '$.report',
      onFailure,
      then: next(routes.report),
    }),
    [STUDENT_AWAY]: studentAway,
  };
}
