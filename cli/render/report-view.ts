import pc from 'picocolors';
import type { CheckComparison, LabReport } from '../../functions/lab/verification/build-report';
import type { CheckResult } from '../../functions/lab/verification/collect-checks';
import type { StudentCommands } from '../../functions/lab/guided/student-commands';

const LESSON_TITLES: Record<string, string> = {
  gateway: 'Gateway endpoints (S3, DynamoDB)',
  interface: 'Interface endpoint (CloudFormation, private DNS)',
  service: 'Endpoint service (NLB, accepted connection)',
};

const mark = (passed: boolean): string => (passed ? pc.green('PASS') : pc.red('FAIL'));

const indent = (text: string, prefix: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');

function phase(label: string, result: CheckResult | undefined): string {
  if (!result) return `    ${label}: ${pc.dim('not taken (nothing to try before the endpoint exists)')}`;
  const output = [result.stdout, result.stderr].filter((text) => text.trim() !== '').join('\n') || '(no output)';
  return [
    `    ${label}: ${result.passed ? pc.green('as expected') : pc.red('unexpected')} - ${result.reason}`,
    `      [public instance] $ ${result.typed}`,
    indent(output, pc.dim('      | ')),
  ].join('\n');
}

const check = (comparison: CheckComparison): string =>
  [`  ${mark(comparison.passed)} ${comparison.title}`, phase('before', comparison.before), phase('after ', comparison.after)].join('\n');

/** A guided run's: what the student ran, oldest first, each with its instance, time, exit status and output. */
function studentPart(ran: StudentCommands | undefined): string[] {
  if (!ran) return [];
  if (ran.commands.length === 0) return [pc.bold('What you ran'), pc.dim('  nothing (vpce-lab exec <run-id> --on private -- <command> runs a command on the lab)'), ''];
  const lines = [...ran.commands].reverse().flatMap((command) => [
    `  ${command.at}  [${command.on} instance] $ ${command.command}`,
    indent(command.output === '' ? '(no output)' : command.output, pc.dim('    | ')),
    `    ${pc.dim(command.status === 'Success' || command.status === 'Failed' ? `exit ${command.exitCode}` : command.status)}`,
  ]);
  const left = ran.left > 0 ? [pc.dim(`  and ${ran.left} older command(s), not kept in the report`)] : [];
  return [pc.bold('What you ran'), ...left, ...lines, ''];
}

/** The verification report: each lesson, each check before and after, with the raw output of what ran; for a guided run, what the student ran. */
export function renderReport(report: LabReport): string {
  const lessons = report.lessons.map((lesson) => [`${mark(lesson.passed)} ${pc.bold(LESSON_TITLES[lesson.lesson] ?? lesson.lesson)}`, ...lesson.checks.map(check)].join('\n'));
  const verdict = report.passed ? pc.green('Every lesson showed what it teaches.') : pc.red('Some lessons did not show what they teach.');
  return [`Verification of ${report.runId} (${report.scenario})`, '', ...lessons, '', verdict, '', ...studentPart(report.studentCommands)].join('\n');
}
