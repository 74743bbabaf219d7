import type {
  SendTaskFailureInput,
  SendTaskFailureOutput,
  SendTaskHeartbeatInput,
  SendTaskHeartbeatOutput,
  SendTaskSuccessInput,
  SendTaskSuccessOutput,
} from '@aws-sdk/client-sfn';
import { type Operation, operation } from '../../../protocol/service-provider';
import type { CallbackWaits } from '../model/callback-waits';
import { invalidOutput } from '../model/sfn-errors';
import { CAUSE, ERROR, OUTPUT, requireConstraints, TASK_TOKEN } from './callback-constraints';

function parsedOutput(output: string): unknown {
  try {
    return JSON.parse(output);
  } catch (error) {
    throw invalidOutput((error as Error).message);
  }
}

/**
 * The callback pattern's side of the API: a task token sent back ends the
 * wait of its Task (see CallbackWaits for what each token finds). Each answers
 * `{}` ("If the action is successful, the service sends back an HTTP 200
 * response with an empty HTTP body", API Reference; the SDK parses `{}`).
 * Input is checked before the token: output that is not JSON leaves the
 * task waiting.
 */
export function callbackOperations(callbacks: CallbackWaits): Record<string, Operation> {
  return {
    SendTaskSuccess: operation(
      { taskToken: true, output: true },
      (input: SendTaskSuccessInput): SendTaskSuccessOutput => {
        requireConstraints({ taskToken: [input.taskToken, TASK_TOKEN], output: [input.output, OUTPUT] });
        const output = parsedOutput(input.output as string);
        callbacks.succeed(input.taskToken as string, output);
        return {};
      },
    ),

    SendTaskFailure: operation(
      { taskToken: true, error: true, cause: true },
      (input: SendTaskFailureInput): SendTaskFailureOutput => {
        requireConstraints({ taskToken: [input.taskToken, TASK_TOKEN], error: [input.error, ERROR], cause: [input.cause, CAUSE] });
        callbacks.fail(input.taskToken as string, input.error, input.cause);
        return {};
      },
    ),

    SendTaskHeartbeat: operation(
      { taskToken: true },
      (input: SendTaskHeartbeatInput): SendTaskHeartbeatOutput => {
        requireConstraints({ taskToken: [input.taskToken, TASK_TOKEN] });
        callbacks.heartbeat(input.taskToken as string);
        return {};
      },
    ),
  };
}
