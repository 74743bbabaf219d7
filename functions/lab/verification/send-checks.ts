import { SendCommandCommand } from '@aws-sdk/client-ssm';
import type { StepDependencies } from '../../commons/lab-step';
import type { Lessons } from '../lab-run';
import type { ConsumerInstances } from '../lab-state';
import { BASTION_OS_USER, bastionScript, shellQuoted } from './bastion-hop';
import { type CheckTargets, type Lesson, lessonsOn, type Phase, type PlannedCheck, plannedChecks } from './lab-checks';

export interface SendChecksInput {
  readonly phase: Phase;
  /** The run's lessons; `only` narrows them (the service lesson's baseline is taken apart from the others). */
  readonly lessons: Lessons;
  readonly only?: readonly Lesson[];
  readonly consumerInstances: ConsumerInstances;
  readonly targets: CheckTargets;
}

export interface SentCheck extends PlannedCheck {
  /** The line a student types on the public instance for this check: the ssh hop and the check itself. */
  readonly typed: string;
  readonly commandId: string;
}

export interface SentChecks {
  readonly phase: Phase;
  /** The instance the checks run on: the public one, which ssh-es on to the private one. */
  readonly instanceId: string;
  readonly sent: SentCheck[];
}

/** Seconds a check's script may run: ssh gives up connecting after 10, curl after 5, dig after 15. */
const EXECUTION_TIMEOUT_SECONDS = 60;

/**
 * Types the lesson's checks on the private instance the way the lab's
 * walk-through does, from the public instance over ssh: SSM Run Command on
 * the public instance, one command per check so each keeps its own output
 * and exit code.
 */
export async function sendChecks(input: SendChecksInput, { clients }: StepDependencies): Promise<SentChecks> {
  const { publicInstanceId, privateInstanceId, privateInstanceIp } = input.consumerInstances;
  const hop = { region: input.targets.region, instanceId: privateInstanceId, privateIp: privateInstanceIp };
  const enabled = lessonsOn(input.lessons).filter((lesson) => !input.only || input.only.includes(lesson));
  const sent: SentCheck[] = [];
  for (const check of plannedChecks(enabled, input.phase, input.targets)) {
    const { Command } = await clients.ssm.send(
      new SendCommandCommand({
        DocumentName: 'AWS-RunShellScript',
        InstanceIds: [publicInstanceId],
        Comment: `vpce-lab ${input.phase} ${check.checkId}`.slice(0, 100),
        Parameters: { commands: bastionScript(check.checkId, check.command, hop), executionTimeout: [String(EXECUTION_TIMEOUT_SECONDS)] },
      }),
    );
    if (!Command?.CommandId) throw new Error(`SSM accepted the ${check.checkId} check but returned no command id`);
    sent.push({ ...check, typed: `ssh ${BASTION_OS_USER}@${privateInstanceIp} ${shellQuoted(check.command)}`, commandId: Command.CommandId });
  }
  return { phase: input.phase, instanceId: publicInstanceId, sent };
}
