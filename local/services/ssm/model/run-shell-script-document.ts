import { ServiceError } from '../../../protocol/service-error';

/** The one command document the local cloud runs. */
export const RUN_SHELL_SCRIPT = 'AWS-RunShellScript';

/** The document's parameters: `commands` is required, the others have defaults. */
const DEFINED = ['commands', 'workingDirectory', 'executionTimeout'];
const DEFAULT_EXECUTION_TIMEOUT = 3600;
const MAX_EXECUTION_TIMEOUT = 172800;

export interface RunShellScriptParameters {
  readonly commands: readonly string[];
  readonly executionTimeoutSeconds: number;
}

const invalidParameters = (message: string): ServiceError => new ServiceError('InvalidParameters', message);

/** Whether a `DocumentName` names AWS-RunShellScript, by name or by ARN. */
export const isRunShellScript = (documentName: string): boolean =>
  documentName === RUN_SHELL_SCRIPT || /^arn:aws[a-z-]*:ssm:[a-z0-9-]+::document\/AWS-RunShellScript$/.test(documentName);

/** Checks the parameters as SSM checks them against the document, refusing unknown or missing ones. */
export function runShellScriptParameters(parameters: Readonly<Record<string, readonly string[]>> | undefined): RunShellScriptParameters {
  const given = parameters ?? {};
  const unknown = Object.keys(given).filter((name) => !DEFINED.includes(name));
  if (unknown.length > 0) throw invalidParameters(`Parameters [${unknown.join(', ')}] are not defined in document ${RUN_SHELL_SCRIPT}.`);
  const commands = given.commands ?? [];
  if (commands.length === 0) throw invalidParameters(`Parameter "commands" is required by document ${RUN_SHELL_SCRIPT}.`);
  const timeout = given.executionTimeout;
  if (timeout === undefined) return { commands, executionTimeoutSeconds: DEFAULT_EXECUTION_TIMEOUT };
  const seconds = timeout.length === 1 && /^[1-9]\d*$/.test(timeout[0] as string) ? Number(timeout[0]) : Number.NaN;
  if (!(seconds <= MAX_EXECUTION_TIMEOUT)) throw invalidParameters(`Parameter "executionTimeout" must be a whole number of seconds from 1 to ${MAX_EXECUTION_TIMEOUT}.`);
  return { commands, executionTimeoutSeconds: seconds };
}
