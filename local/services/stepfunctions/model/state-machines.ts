import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { AslDefinition } from './asl-definition';
import { scaledDefinition } from './scaled-definition';
import { stateMachineArn } from './sfn-arns';
import { stateMachineDoesNotExist } from './sfn-errors';
import { indexStates, type StateInfo } from './state-index';

/** A state machine to register at start: its name and its definition with every placeholder already substituted. */
export interface StateMachineSource {
  /** The state machine's name (`vpce-lab-teardown`). */
  readonly name: string;
  /** The ASL definition (JSON text). */
  readonly definition: string;
  /** Where the definition came from (a file path), named in start-up errors. */
  readonly origin: string;
}

export interface RegisteredStateMachine {
  readonly arn: string;
  readonly name: string;
  /** The definition as registered, which DescribeStateMachine returns. */
  readonly definition: string;
  readonly creationDate: number;
  /** The time-scaled copy that executions run. */
  readonly runnable: AslDefinition;
  readonly states: ReadonlyMap<string, StateInfo>;
}

export interface RegistrySettings {
  readonly region: string;
  readonly accountId: string;
  readonly timeScale: number;
  readonly now: number;
}

/**
 * The state machines the local cloud serves. They are registered once at
 * start (there is no CreateStateMachine); a definition that is not valid JSON,
 * fails ASL validation, or asks for a resource the local runtime cannot run
 * stops the start with an error naming where it came from.
 */
export class StateMachineRegistry {
  private readonly machines = new Map<string, RegisteredStateMachine>();

  constructor(sources: readonly StateMachineSource[], settings: RegistrySettings) {
    for (const source of sources) {
      const arn = stateMachineArn(settings.region, settings.accountId, source.name);
      if (this.machines.has(arn)) throw new Error(`${source.origin}: a state machine named ${source.name} is already registered`);
      const definition = validDefinition(source);
      this.machines.set(arn, {
        arn,
        name: source.name,
        definition: source.definition,
        creationDate: settings.now,
        runnable: scaledDefinition(definition, settings.timeScale),
        states: indexStates(definition, source.origin),
      });
    }
  }

  get(arn: string): RegisteredStateMachine | undefined {
    return this.machines.get(arn);
  }

  require(arn: string): RegisteredStateMachine {
    const machine = this.machines.get(arn);
    if (!machine) throw stateMachineDoesNotExist(arn);
    return machine;
  }

  all(): RegisteredStateMachine[] {
    return [...this.machines.values()];
  }
}

function validDefinition(source: StateMachineSource): AslDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source.definition);
  } catch (error) {
    throw new Error(`${source.origin} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  try {
    // Validated once here; executions run the scaled copy without validating again.
    new StateMachine(parsed as StateMachineDefinition);
  } catch (error) {
    throw new Error(`${source.origin} is not a valid state machine: ${(error as Error).message}`, { cause: error });
  }
  return parsed as AslDefinition;
}
