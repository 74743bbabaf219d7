import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { LambdaInvoker } from '../../lambda/lambda-function';
import type { ServiceProvider } from '../../protocol/service-provider';
import { callbackOperations } from './api/callback-api';
import { executionOperations } from './api/execution-api';
import { stepFunctionsAuthorization } from './iam/stepfunctions-authorization';
import { historyOperations } from './api/history-api';
import { stateMachineOperations } from './api/state-machine-api';
import { CallbackWaits } from './model/callback-waits';
import { ExecutionRunner } from './model/execution-runner';
import { failInterruptedExecutions, startExecution } from './model/executions';
import { sfnContext } from './model/sfn-context';
import type { ExecutionRecord } from './model/sfn-records';
import { type StateMachineSource, StateMachineRegistry } from './model/state-machines';

export interface StepFunctionsOptions {
  /** The region the state machines live in (their ARNs name it). */
  readonly region: string;
  /** Registered at start; there is no CreateStateMachine. */
  readonly stateMachines: readonly StateMachineSource[];
  /** Runs the Lambda functions that Task states name by ARN. */
  readonly invokeLambda: LambdaInvoker;
}

/** Step Functions, served and run in this process. */
export interface StepFunctions {
  readonly provider: ServiceProvider;
  /** Starts an execution from inside the cloud (a schedule), exactly as StartExecution would; returns its ARN. */
  startExecution(stateMachineArn: string, input?: string): string;
  /** An execution's stored record, with the counts the benchmark reads (state transitions, Lambda invocations). */
  execution(executionArn: string): ExecutionRecord | undefined;
  /** The ARNs of the executions still running: a server is idle only when there are none. */
  runningExecutions(): string[];
  /** Stops every run without recording more (see ExecutionRunner.close). */
  close(): Promise<void>;
}

/**
 * Step Functions (JSON 1.0): ListStateMachines, DescribeStateMachine,
 * StartExecution, DescribeExecution, ListExecutions, GetExecutionHistory,
 * StopExecution, and the callback pattern's SendTaskSuccess, SendTaskFailure
 * and SendTaskHeartbeat. Executions run with aws-local-stepfunctions and are
 * kept in the cloud's state; those a previous process left running are
 * failed here. Task tokens live in this process (see CallbackWaits).
 */
export function createStepFunctions(runtime: CloudRuntime, options: StepFunctionsOptions): StepFunctions {
  const registry = new StateMachineRegistry(options.stateMachines, { region: options.region, accountId: runtime.accountId, timeScale: runtime.clock.timeScale, now: runtime.clock.now() });
  const context = sfnContext(runtime, registry);
  runtime.store.transaction(() => failInterruptedExecutions(context));
  const callbacks = new CallbackWaits(context);
  const runner = new ExecutionRunner(context, options.invokeLambda, callbacks);
  return {
    provider: {
      service: 'states',
      operations: { ...stateMachineOperations(context), ...executionOperations(context, runner), ...historyOperations(context), ...callbackOperations(callbacks) },
      // "The input does not satisfy the constraints specified by an Amazon Web Services service." (AWS Step Functions
      // API Reference, ValidationException).
      unmodelledParameterCode: 'ValidationException',
      authorization: stepFunctionsAuthorization(context),
    },
    startExecution: (stateMachineArn, input) => {
      const { record, isNew } = runtime.store.transaction(() => startExecution(context, { stateMachineArn, input }));
      if (isNew) runner.launch(record.id);
      return record.id;
    },
    execution: (executionArn) => context.tables.executions.get(executionArn),
    runningExecutions: () => context.tables.executions.all().flatMap((record) => (record.status === 'RUNNING' ? [record.id] : [])),
    close: () => runner.close(),
  };
}
