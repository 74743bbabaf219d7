import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of an ASL state this walk reads. */
interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Parameters?: { readonly FunctionName?: string };
  readonly Branches?: readonly AslMachine[];
  readonly Iterator?: AslMachine;
  readonly ItemProcessor?: AslMachine;
}

interface AslMachine {
  readonly States: Readonly<Record<string, AslState>>;
}

/** One Task state of a state machine, wherever it sits (top level, a Parallel branch, a Map's processor). */
export interface TaskState {
  readonly name: string;
  readonly resource: string;
  /** The lab function it calls, for a Resource `${<Id>FunctionArn}`; none for service integrations. */
  readonly functionId?: string;
}

const FUNCTION_PLACEHOLDER = /^\$\{(\w+)FunctionArn\}$/;

/** A Task that invokes a lab function with a task token names it in its Parameters, not its Resource. */
export const CALLBACK_RESOURCE = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/** The `${<Id>FunctionArn}` a Task calls: its Resource, or a callback Task's FunctionName. */
export const functionReference = (state: AslState): string => (state.Resource === CALLBACK_RESOURCE ? (state.Parameters?.FunctionName ?? '') : (state.Resource ?? ''));

export const STATE_MACHINE_DIR = join(__dirname, '../../../statemachine');

/** A state machine file of `statemachine/`, parsed as it is stored (placeholders left in). */
export const stateMachineFile = (key: string): AslMachine => JSON.parse(readFileSync(join(STATE_MACHINE_DIR, `${key}.asl.json`), 'utf8')) as AslMachine;

/** Every Task state of a definition, in document order, walking into Parallel branches and Map processors. */
export function taskStates(machine: AslMachine): TaskState[] {
  return Object.entries(machine.States).flatMap(([name, state]): TaskState[] => {
    const nested = [...(state.Branches ?? []), ...[state.Iterator, state.ItemProcessor].filter((inner): inner is AslMachine => inner !== undefined)];
    if (state.Type !== 'Task') return nested.flatMap(taskStates);
    const resource = state.Resource ?? '';
    return [{ name, resource, functionId: FUNCTION_PLACEHOLDER.exec(functionReference(state))?.[1] }];
  });
}

/** The Task states that call a lab function: the ones whose handler makes AWS calls. */
export const functionTaskStates = (key: string): TaskState[] => taskStates(stateMachineFile(key)).filter((state) => state.functionId !== undefined);
