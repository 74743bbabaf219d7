import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLEANUP_CONCURRENCY_PLACEHOLDER, functionArnPlaceholder, labFunctionName, labStateMachineName, PLACEHOLDER, stateMachineArnPlaceholder } from '../../contract/lab-names';
import type { ServedFunction } from '../../functions/handlers/lab-functions';
import { functionArn } from '../lambda/lambda-function';
import { stateMachineArn } from '../services/stepfunctions/model/sfn-arns';
import type { StateMachineSource } from '../services/stepfunctions/model/state-machines';

const ASL_SUFFIX = '.asl.json';

export interface LabStateMachineSettings {
  readonly region: string;
  readonly accountId: string;
  readonly functions: readonly ServedFunction[];
  /** Directory of `<key>.asl.json` files (`lab-run`, `teardown`, `cleanup`); each is registered as `vpce-lab-<key>`. */
  readonly directory: string;
  /** More definitions by key (tests), registered like the files. */
  readonly extra: Readonly<Record<string, string | object>>;
  readonly cleanupConcurrency: number;
}

/**
 * What the ASL files' `${...}` placeholders stand for, the same names the CDK
 * app substitutes: `${<Id>FunctionArn}` for every lab function,
 * `${<Key>StateMachineArn}` for every state machine (`${TeardownStateMachineArn}`),
 * and `${CleanupConcurrency}`, a number written as text (cleanup reads it with States.StringToJson).
 */
export function labSubstitutions(settings: LabStateMachineSettings, keys: readonly string[]): Record<string, string> {
  const values: Record<string, string> = { [CLEANUP_CONCURRENCY_PLACEHOLDER]: String(settings.cleanupConcurrency) };
  for (const fn of settings.functions) values[functionArnPlaceholder(fn.id)] = functionArn(settings.region, settings.accountId, labFunctionName(fn.id));
  for (const key of keys) values[stateMachineArnPlaceholder(key)] = stateMachineArn(settings.region, settings.accountId, labStateMachineName(key));
  return values;
}

/** Replaces every placeholder; one that nothing provides stops the start, naming the file and the placeholder. */
export function substitutePlaceholders(text: string, values: Readonly<Record<string, string>>, origin: string): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`${origin} uses the placeholder \${${name}}, which nothing provides. Known placeholders: ${Object.keys(values).sort().join(', ')}`);
    }
    return value;
  });
}

function definitionFiles(directory: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(directory)) throw new Error(`the state machine directory ${directory} does not exist`);
  for (const file of readdirSync(directory).filter((name) => name.endsWith(ASL_SUFFIX)).sort()) files.set(file.slice(0, -ASL_SUFFIX.length), join(directory, file));
  return files;
}

/** A lab state machine to register, with the key it is known by (its file name without `.asl.json`). */
export interface LabStateMachine extends StateMachineSource {
  readonly key: string;
}

/** The lab's state machines: every `<key>.asl.json` of the directory plus the extra definitions, placeholders substituted. */
export function labStateMachines(settings: LabStateMachineSettings): LabStateMachine[] {
  const files = definitionFiles(settings.directory);
  const duplicate = Object.keys(settings.extra).find((key) => files.has(key));
  if (duplicate !== undefined) throw new Error(`the extra state machine '${duplicate}' has the name of ${files.get(duplicate) ?? ''}`);
  const values = labSubstitutions(settings, [...files.keys(), ...Object.keys(settings.extra)]);
  const sources = [...files].map(([key, file]) => {
    const origin = relative(process.cwd(), file) || file;
    return { key, origin, text: readFileSync(file, 'utf8') };
  });
  for (const [key, definition] of Object.entries(settings.extra)) {
    sources.push({ key, origin: `the extra state machine '${key}'`, text: typeof definition === 'string' ? definition : JSON.stringify(definition) });
  }
  return sources.map(({ key, origin, text }) => ({ key, name: labStateMachineName(key), origin, definition: substitutePlaceholders(text, values, origin) }));
}
