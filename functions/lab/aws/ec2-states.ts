import type { InstanceStateName } from '@aws-sdk/client-ec2';

/**
 * EC2 reports endpoint and connection states in lower camel case
 * (`pendingAcceptance`, `deleted`) where the SDK's enums use Pascal case, and
 * endpoint services in Pascal case (`Deleted`): states are compared without case.
 */
export const stateIs = (state: string | undefined, ...states: string[]): boolean => states.some((candidate) => candidate.toLowerCase() === state?.toLowerCase());

/** Every state but `terminated`: an instance in one of them still exists, and may bill. */
export const INSTANCE_NOT_TERMINATED: readonly InstanceStateName[] = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
