/**
 * The parts of an Amazon States Language definition the local runtime reads
 * or rewrites. A definition is checked by aws-local-stepfunctions' validator
 * before it is read through these types.
 */
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
  [member: string]: unknown;
}

export interface AslRetrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxDelaySeconds?: number;
  [member: string]: unknown;
}

export interface AslState {
  Type: 'Task' | 'Parallel' | 'Map' | 'Pass' | 'Wait' | 'Choice' | 'Succeed' | 'Fail';
  Resource?: string;
  Seconds?: number;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: AslRetrier[];
  Branches?: AslDefinition[];
  ItemProcessor?: AslDefinition;
  Iterator?: AslDefinition;
  [member: string]: unknown;
}

/** Where a state sits: `''` at the top, `<Parallel>#<branch>` in a branch, `<Map>` in a Map's item processor. */
export interface StateVisit {
  readonly name: string;
  readonly state: AslState;
  readonly container: string;
  /** True inside a Map's item processor, where every item runs the states again. */
  readonly inMap: boolean;
}

/** Visits every state of a definition, those of Parallel branches and Map item processors included. */
export function forEachState(definition: AslDefinition, visit: (state: StateVisit) => void, container = '', inMap = false): void {
  for (const [name, state] of Object.entries(definition.States)) {
    visit({ name, state, container, inMap });
    state.Branches?.forEach((branch, index) => forEachState(branch, visit, `${name}#${index}`, false));
    const processor = state.ItemProcessor ?? state.Iterator;
    if (state.Type === 'Map' && processor) forEachState(processor, visit, name, true);
  }
}
