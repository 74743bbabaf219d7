import { ServiceError } from '../../../protocol/service-error';

export const stateMachineArn = (region: string, accountId: string, name: string): string => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

/** An execution's ARN: its state machine's, with `execution` for `stateMachine` and the execution's name appended. */
export const executionArn = (machineArn: string, name: string): string => `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;

const ARN_PATTERN: Record<'stateMachine' | 'execution', RegExp> = {
  stateMachine: /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/,
  execution: /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:execution:[^:]+:[^:]+$/,
};

/** Refuses a missing ARN, or one that names another kind of resource, as Step Functions does. */
export function requireArn(arn: string | undefined, kind: 'stateMachine' | 'execution', member: string): string {
  if (!arn) throw new ServiceError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  if (!ARN_PATTERN[kind].test(arn)) throw new ServiceError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  return arn;
}

/** The role an execution runs as; the local cloud checks no permissions, so every machine has the console's default role name. */
export const stateMachineRoleArn = (accountId: string, machineName: string): string => `arn:aws:iam::${accountId}:role/service-role/StepFunctions-${machineName}-role`;
