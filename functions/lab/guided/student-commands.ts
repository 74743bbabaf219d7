import { paginateListCommandInvocations, paginateListCommands } from '@aws-sdk/client-ssm';
import { collect } from '../../commons/collect-pages';
import type { StepDependencies } from '../../commons/lab-step';
import type { LabRun } from '../lab-run';
import { execCommentPrefix, typedOf } from './exec-script';
import type { LabInstanceRole } from './lesson-brief';

/** One command the student ran with `vpce-lab exec`, as SSM's command history keeps it. */
export interface StudentCommand {
  readonly on: LabInstanceRole;
  readonly command: string;
  readonly at: string;
  /** Run Command's status: Success, Failed, TimedOut... */
  readonly status: string;
  readonly exitCode: number;
  /** Standard output, then standard error, as the plugin's Output joins them: SSM keeps 2,500 characters of it in the history (ListCommandInvocations). */
  readonly output: string;
}

export interface StudentCommands {
  readonly commands: StudentCommand[];
  /** Commands ran beyond those the report keeps. */
  readonly left: number;
}

/**
 * The newest commands the report keeps: each holds up to 2,500 characters of
 * output, and the report travels in the workflow's state, at most 256 KiB
 * (Step Functions quotas, "Maximum input or output size for a task, state,
 * or execution").
 */
export const MOST_STUDENT_COMMANDS = 50;

export interface StudentCommandsInput {
  readonly run: LabRun;
  /** The public instance: every student command goes to it through Run Command, the private one's over its ssh hop. */
  readonly instanceId: string;
}

const onOf = (comment: string, prefix: string): LabInstanceRole | undefined => {
  const rest = comment.slice(prefix.length);
  return rest === 'private' || rest === 'public' ? rest : undefined;
};

/**
 * What the student ran on the run's instances, newest first: the commands
 * sent to its public instance whose comment names the run (`vpce-lab exec`),
 * each with its output and exit code from SSM's own command history. Read
 * once, when the run builds its report.
 */
export async function studentCommands(input: StudentCommandsInput, { clients }: StepDependencies): Promise<StudentCommands> {
  const prefix = execCommentPrefix(input.run.runId);
  const query = { InstanceId: input.instanceId };
  const [sent, invocations] = await Promise.all([
    collect(paginateListCommands({ client: clients.ssm }, query), (page) => page.Commands),
    collect(paginateListCommandInvocations({ client: clients.ssm }, { ...query, Details: true }), (page) => page.CommandInvocations),
  ]);
  const byId = new Map(invocations.map((invocation) => [invocation.CommandId, invocation]));
  const students = sent.flatMap((command) => {
    const on = onOf(command.Comment ?? '', prefix);
    const typed = typedOf(command.Parameters?.commands ?? []);
    if (!command.Comment?.startsWith(prefix) || on === undefined || typed === undefined) return [];
    const invocation = byId.get(command.CommandId);
    const plugin = invocation?.CommandPlugins?.[0];
    return [
      {
        on,
        command: typed,
        at: (command.RequestedDateTime ?? new Date(0)).toISOString(),
        status: invocation?.Status ?? command.Status ?? 'Unknown',
        exitCode: plugin?.ResponseCode ?? -1,
        output: plugin?.Output ?? '',
      },
    ];
  });
  return { commands: students.slice(0, MOST_STUDENT_COMMANDS), left: Math.max(0, students.length - MOST_STUDENT_COMMANDS) };
}
