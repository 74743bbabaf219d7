import { type AslDefinition, type AslState, forEachState } from './asl-definition';
import { requireInvokeParameters } from './callback-definition';
import { SUPPORTED_RESOURCES, type TaskTarget, taskTarget } from './task-targets';

/** What the runtime and the history need to know of one state, found by its (machine-wide unique) name. */
export interface StateInfo {
  readonly type: AslState['Type'];
  readonly container: string;
  readonly inMap: boolean;
  /** Parallel states: how many branches start when it starts. */
  readonly branches: number;
  readonly task?: TaskTarget;
  readonly timeoutSeconds?: number;
}

/**
 * Indexes every state of a definition by name. Refuses a name used twice (the
 * local runtime routes Task handlers by name, as the ASL spec makes names
 * unique machine-wide) and a Task whose resource it cannot run.
 */
export function indexStates(definition: AslDefinition, origin: string): Map<string, StateInfo> {
  const states = new Map<string, StateInfo>();
  forEachState(definition, ({ name, state, container, inMap }) => {
    if (states.has(name)) throw new Error(`${origin}: the state name '${name}' is used twice; state names must be unique in the whole state machine`);
    let task: TaskTarget | undefined;
    if (state.Type === 'Task') {
      task = taskTarget(state.Resource ?? '');
      if (!task) throw new Error(`${origin}: state '${name}' has Resource '${state.Resource ?? ''}', which the local cloud cannot run; it runs ${SUPPORTED_RESOURCES}`);
      // A heartbeat that never times out would let a run wait where AWS fails it with States.HeartbeatTimeout: refused, not ignored.
      if (task.kind === 'lambda:invoke.waitForTaskToken') {
        if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath !== undefined) {
          throw new Error(`${origin}: state '${name}' sets a heartbeat, which the local cloud does not model; leave HeartbeatSeconds out`);
        }
        requireInvokeParameters(state, `${origin}: state '${name}'`);
      }
    }
    states.set(name, { type: state.Type, container, inMap, branches: state.Branches?.length ?? 0, task, timeoutSeconds: state.TimeoutSeconds });
  });
  return states;
}

/** Whether the state `name` runs inside the Parallel or Map state `outer` (in a branch or an item, at any depth). */
export function isWithin(states: ReadonlyMap<string, StateInfo>, name: string, outer: string): boolean {
  let container = states.get(name)?.container;
  while (container) {
    // `<Parallel>#<branch>` or `<Map>`: the state the flow belongs to.
    const parent = container.split('#')[0] ?? '';
    if (parent === outer) return true;
    container = states.get(parent)?.container;
  }
  return false;
}
