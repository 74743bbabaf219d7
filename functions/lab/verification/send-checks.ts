import { SendCommandCommand } from '@aws-sdk/client-ssm';
import type { StepDependencies } from '../../commons/lab-step';
import type { Lessons } from '../lab-run';
import { type CheckTargets, type Lesson, type Phase, type PlannedCheck, plannedChecks } from './lab-checks';

export interface SendChecksInput {
  readonly phase: Phase;
  /** The run's lessons; `only` narrows them (the service lesson's baseline is taken apart from the others). */
  readonly lessons: Lessons;
  readonly only?: readonly Lesson[];
  readonly instanceId: string;
  readonly targets: CheckTargets;
}

export interface SentCheck extends PlannedCheck {
  readonly commandId: string;
}

export interface SentChecks {
  readonly phase: Phase;
  readonly instanceId: string;
  readonly sent: SentCheck[];
}

/** Seconds a check's shell may run: curl gives up after 5, dig after 15. */
const EXECUTION_TIMEOUT_SECONDS = 60;

/**
 * Types the lesson's checks on the private instance through SSM Run Command,
 * one command per check so each keeps its own output and exit code.
 */
export async function sendChecks(input: SendChecksInput, { clients }: StepDependencies): Promise<SentChecks> {
  const enabled = (Object.keys(input.lessons) as Lesson[]).filter((lesson) => input.lessons[lesson] && (!input.only || input.only.includes(lesson)));
  const sent: SentCheck[] = [];
  for (const check of plannedChecks(enabled, input.phase, input.targets)) {
    const { Command } = await clients.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [input.instanceId],
        Comment: `vpce-lab ${input.phase} ${check.checkId}`.slice(0, 100),
        Parameters: { commands: [check.command], executionTimeout: [String(EXECUTION_TIMEOUT_SECONDS)] },
      }),
    );
    if (!Command?.CommandId) throw new Error(`SSM accepted the ${check.checkId} check but returned no command id`);
    sent.push({ ...check, commandId: Command.CommandId });
  }
  return { phase: input.phase, instanceId: input.instanceId, sent };
}
