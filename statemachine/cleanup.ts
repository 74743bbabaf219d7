import type { Flow } from './asl/asl-types';
import { catchAll, END, labTask, nestedExecution, next } from './asl/lab-task';
import { CLEANUP_CONCURRENCY_PLACEHOLDER, stateMachineArnPlaceholder } from '../contract/lab-names';

/** Scheduled cleanup, as `statemachine/cleanup.asl.json`. */
export const CLEANUP: Flow = {
  Comment:
    "Scheduled cleanup: finds the runs whose vpce-lab:expires-at tag has passed and tears each down with the teardown state machine, with bounded concurrency (MaxConcurrencyPath: the deployment's setting, written into the file as text when it is deployed or loaded and read as a number by CleanupSettings, so the file stays JSON). A teardown that fails is recorded in the output and does not stop the others.",
  StartAt: 'DiscoverExpiredRuns',
  States: {
    DiscoverExpiredRuns: labTask('DiscoverExpiredRuns', {
      comment:
        'Run ids from the tags of VPCs, instances, VPC endpoints, endpoint services, NLBs and target groups marked vpce-lab:managed=true; those whose lab-run execution is still running are left to it (leftToExecution), the rest torn down (runIds).',
      parameters: {},
      then: next('CleanupSettings'),
    }),
    CleanupSettings: {
      Comment: "How many runs are torn down at once: the deployment's cleanupConcurrency, kept beside the discovered runs for the Map's MaxConcurrencyPath.",
      Type: 'Pass',
      // A placeholder inside a string keeps the file JSON; StringToJson makes the number (Map wants one).
      Parameters: { 'maxConcurrency.$': `States.StringToJson('\${${CLEANUP_CONCURRENCY_PLACEHOLDER}}')` },
      ResultPath: '$.settings',
      Next: 'TearDownExpiredRuns',
    },
    TearDownExpiredRuns: {
      Type: 'Map',
      ItemsPath: '$.runIds',
      ItemSelector: { 'runId.$': '$$.Map.Item.Value' },
      MaxConcurrencyPath: '$.settings.maxConcurrency',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'TearDownRun',
        States: {
          TearDownRun: nestedExecution({
            comment: 'The teardown state machine as a nested execution, waited for to its end.',
            stateMachine: stateMachineArnPlaceholder('teardown'),
            input: { 'runId.$': '$.runId' },
            resultSelector: { 'executionArn.$': '$.ExecutionArn', 'status.$': '$.Status' },
            resultPath: '$.teardown',
            catch: catchAll('TeardownFailed'),
            then: END,
          }),
          TeardownFailed: { Comment: "Keeps {runId, failure: {Error, Cause}} as this run's result, so the other runs go on.", Type: 'Pass', End: true },
        },
      },
      ResultPath: '$.teardowns',
      End: true,
    },
  },
};
