import { ServiceError } from '../../../protocol/service-error';

export const stateMachineDoesNotExist = (arn: string): ServiceError => new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);

export const executionDoesNotExist = (arn: string): ServiceError => new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);

export const executionAlreadyExists = (arn: string): ServiceError => new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);

export const invalidExecutionInput = (reason: string): ServiceError =>
  new ServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${reason}'`);

export const invalidName = (name: string): ServiceError => new ServiceError('InvalidName', `Invalid Name: '${name}'`);
