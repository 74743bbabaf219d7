import type { StudentCommands } from '../guided/student-commands';
import type { LabRun } from '../lab-run';
import type { CheckResult, CollectedChecks } from './collect-checks';
import type { Lesson } from './lab-checks';

export interface CheckComparison {
  readonly checkId: string;
  readonly title: string;
  readonly before?: CheckResult;
  readonly after?: CheckResult;
  readonly passed: boolean;
}

export interface LessonReport {
  readonly lesson: Lesson;
  readonly checks: CheckComparison[];
  readonly passed: boolean;
}

export interface LabReport {
  readonly runId: string;
  readonly scenario: string;
  readonly lessons: LessonReport[];
  readonly passed: boolean;
  /** A guided run's: what the student ran on the instances, beside the automatic checks; it decides nothing of `passed`. */
  readonly studentCommands?: StudentCommands;
}

const LESSON_ORDER: readonly Lesson[] = ['gateway', 'interface', 'service'];

/**
 * One report of the run: each lesson, each check before and after. A check
 * passes when its "after" shows what the lesson teaches and its "before" (for
 * the checks that have one) showed the world without it.
 */
export function buildReport(run: LabRun, phases: readonly CollectedChecks[], studentCommands?: StudentCommands): LabReport {
  const byId = new Map<string, { title: string; lesson: Lesson; before?: CheckResult; after?: CheckResult }>();
  for (const phase of phases) {
    for (const result of phase.results) {
      const entry = byId.get(result.checkId) ?? { title: result.title, lesson: result.lesson };
      entry[phase.phase] = result;
      byId.set(result.checkId, entry);
    }
  }
  const lessons = LESSON_ORDER.map((lesson): LessonReport => {
    const checks = [...byId.entries()]
      .filter(([, entry]) => entry.lesson === lesson)
      .map(([checkId, entry]) => ({ checkId, title: entry.title, before: entry.before, after: entry.after, passed: (entry.after?.passed ?? false) && (entry.before?.passed ?? true) }));
    return { lesson, checks, passed: checks.length > 0 && checks.every((check) => check.passed) };
  }).filter((lesson) => lesson.checks.length > 0);
  const passed = lessons.length > 0 && lessons.every((lesson) => lesson.passed);
  return { runId: run.runId, scenario: run.scenario, lessons, passed, ...(studentCommands === undefined ? {} : { studentCommands }) };
}
