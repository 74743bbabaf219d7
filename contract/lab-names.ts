/**
 * The names the stack, the local cloud, the workflows and the command must
 * agree on, spelled once. Everything imports them; they import nothing of the
 * project.
 */

/** The lab's workflows, each a file `statemachine/<key>.asl.json` deployed as `vpce-lab-<key>`. */
export const LAB_STATE_MACHINE_KEYS = ['lab-run', 'teardown', 'cleanup'] as const;
export type LabStateMachineKey = (typeof LAB_STATE_MACHINE_KEYS)[number];

/** A lab function as Lambda knows it: `vpce-lab-<Id>`. */
export const labFunctionName = (id: string): string => `vpce-lab-${id}`;
/** A lab workflow as Step Functions knows it: `vpce-lab-<key>`. */
export const labStateMachineName = (key: string): string => `vpce-lab-${key}`;

/** `lab-run` → `LabRun`. */
const pascalCase = (kebab: string): string =>
  kebab
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * The `${...}` placeholders of the workflow files, filled in by CDK's
 * definition substitutions on AWS and by the local cloud when it loads them:
 * `${<Id>FunctionArn}`, `${<Key>StateMachineArn}` and `${CleanupConcurrency}`.
 */
export const PLACEHOLDER = /\$\{([^}]*)\}/g;
export const functionArnPlaceholder = (id: string): string => `${id}FunctionArn`;
export const stateMachineArnPlaceholder = (key: string): string => `${pascalCase(key)}StateMachineArn`;
/** How many expired runs cleanup tears down at once: a number, written as text so the file stays JSON. */
export const CLEANUP_CONCURRENCY_PLACEHOLDER = 'CleanupConcurrency';
