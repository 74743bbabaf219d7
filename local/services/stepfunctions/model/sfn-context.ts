import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import type { StateMachineRegistry } from './state-machines';
import { type SfnTables, sfnTables } from './sfn-tables';

/** What every Step Functions model function works on: the runtime, the stored executions and the registered state machines. */
export interface SfnContext {
  readonly runtime: CloudRuntime;
  readonly tables: SfnTables;
  readonly registry: StateMachineRegistry;
}

export const sfnContext = (runtime: CloudRuntime, registry: StateMachineRegistry): SfnContext => ({ runtime, tables: sfnTables(runtime.store), registry });
