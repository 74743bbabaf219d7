import pc from 'picocolors';
import type { GuidedStop } from '../../functions/lab/guided/guided-stops';
import type { BriefCheck, LessonBrief } from '../../functions/lab/guided/lesson-brief';
import { shellQuoted } from '../../functions/lab/verification/bastion-hop';

/** "before the gateway lesson", "before the report". */
export const stopTitle = (stop: GuidedStop): string => (stop === 'report' ? 'before the report' : `before the ${stop} lesson`);

/** `1h 52m` / `4m 10s` / `35s`: how long until the pause ends by itself. */
function left(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${seconds}s`;
}

/** Characters a shell would take for its own in a word typed after `--`: such a command is typed as one quoted word. */
const SHELL_SPECIAL = /[\s'"\\$|;&<>(){}*?!#~`[\]]/;

/** The `vpce-lab exec` line that types the command on its instance, ready to paste into a POSIX shell. */
export const execLine = (runId: string, check: Pick<BriefCheck, 'on' | 'command'>): string => {
  const words = check.command.split(' ');
  const typed = words.some((word) => SHELL_SPECIAL.test(word)) ? shellQuoted(check.command) : check.command;
  return `vpce-lab exec ${runId} --on ${check.on} -- ${typed}`;
};

const checkLines = (runId: string, checks: readonly BriefCheck[]): string[] =>
  checks.flatMap((check) => [`  ${check.title}`, `  $ ${execLine(runId, check)}`, `    ${pc.dim('expect:')} ${check.expect}`]);

/**
 * A guided run's pause for its student: where it is, what to type on which
 * instance and what it prints now, what `next` will do and what the same
 * commands print after it, and until when the run waits.
 */
export function renderLesson(runId: string, brief: LessonBrief, now: Date): string {
  const lines = [`Run ${runId} is paused ${stopTitle(brief.stop)}. It waits until ${brief.continueBy} (${left(Date.parse(brief.continueBy) - now.getTime())} from now), then tears itself down.`, ''];
  if (brief.tryNow.length > 0) {
    lines.push(
      brief.stop === 'report' ? 'Every lesson is in place; the same commands now print:' : 'Try now (on the private instance, reached from the public one by ssh as the lab does):',
      ...checkLines(runId, brief.tryNow),
      '',
    );
  }
  lines.push(`${pc.bold(`vpce-lab next ${runId}`)} ${brief.next}.`);
  if (brief.afterNext.length > 0) lines.push('Then the same commands print:', ...checkLines(runId, brief.afterNext));
  return `${lines.join('\n')}\n`;
}
