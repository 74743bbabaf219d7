import { BASTION_OS_USER, bastionScript, type HopTarget, shellQuoted } from '../verification/bastion-hop';
import type { LabInstanceRole } from './lesson-brief';

/** What a student's command's Run Command is known by: `vpce-lab exec <run-id> <instance>` in its Comment (at most 100 characters, SendCommand). */
export const execComment = (runId: string, on: LabInstanceRole): string => `vpce-lab exec ${runId} ${on}`;

/** The comment of a run's student commands, whichever instance they ran on. */
export const execCommentPrefix = (runId: string): string => `vpce-lab exec ${runId} `;

/**
 * The script's first line says what the student typed, as a comment (bash
 * runs nothing of it): the report reads it back from SSM's command history.
 */
const TYPED_MARK = '# vpce-lab exec: ';

/** The script's line that says what was typed, as the report reads it back. */
export const typedOf = (commands: readonly string[]): string | undefined => {
  const first = commands[0];
  return first?.startsWith(TYPED_MARK) ? first.slice(TYPED_MARK.length) : undefined;
};

/**
 * The Run Command script of one student command, as the lab's walk-through
 * types it: on the public instance as the lab's OS user (Run Command's
 * scripts run as root, "Running commands as root", AWS Systems Manager User
 * Guide; `runuser` is util-linux's, on Amazon Linux 2023), on the private one
 * over the same ssh hop the checks take, where sshd runs it as that user
 * (the hop's own notice of the host key it adds left out, so what prints is
 * the command's).
 * `execId` keeps two commands at once from sharing a hop key.
 */
export function execScript(on: LabInstanceRole, typed: string, hop: HopTarget, execId: string): string[] {
  const run = on === 'public' ? [`runuser -u ${BASTION_OS_USER} -- bash -c ${shellQuoted(typed)}`] : bastionScript(`exec-${execId}`, typed, hop, { quiet: true });
  return [`${TYPED_MARK}${typed}`, ...run];
}
