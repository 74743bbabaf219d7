import { lessonsOf, type Scenario } from '../functions/lab/lab-run';
import { LATENCY_PROFILE } from '../contract/latency-profile';
import { LAB_GRAPH, type LabStep, type Phase } from './lab-graph';

/** One step on the way to the bound: when it could start and end at the earliest, in AWS seconds. */
export interface PlannedStep {
  readonly step: LabStep;
  readonly seconds: number;
  readonly earliestStart: number;
  readonly earliestEnd: number;
}

/** The shortest a phase can take given AWS's latencies and the lab's dependencies, and the steps that decide it. */
export interface CriticalPath {
  readonly scenario: Scenario;
  readonly phase: Phase;
  readonly boundSeconds: number;
  readonly steps: readonly PlannedStep[];
  /** The chain of steps, first to last, that no faster orchestration can shorten. */
  readonly critical: readonly PlannedStep[];
}

/** AWS seconds a step waits after its calls: the sum of its figures. */
export const stepSeconds = (step: LabStep): number =>
  step.waits.reduce((sum, wait) => sum + (typeof wait === 'string' ? LATENCY_PROFILE[wait].seconds : wait.seconds), 0);

/** The steps a scenario builds (or tears down), with their needs narrowed to steps it has. */
export function scenarioSteps(scenario: Scenario, phase: Phase): LabStep[] {
  const lessons = lessonsOf(scenario);
  const kept = LAB_GRAPH[phase].filter((step) => !step.lessons || step.lessons.some((lesson) => lessons[lesson]));
  const ids = new Set(kept.map((step) => step.id));
  return kept.map((step) => ({ ...step, needs: step.needs.filter((need) => ids.has(need)) }));
}

/**
 * Earliest start and end of every step (each starts the moment the last of
 * its needs ends; API calls take no time), the bound (the latest end) and
 * the critical chain found by walking back from the last step through the
 * need that ended last.
 */
export function criticalPath(scenario: Scenario, phase: Phase): CriticalPath {
  const steps = scenarioSteps(scenario, phase);
  const planned = new Map<string, PlannedStep>();
  const plan = (step: LabStep): PlannedStep => {
    const known = planned.get(step.id);
    if (known) return known;
    const needs = step.needs.map((need) => plan(requireStep(steps, need)));
    const earliestStart = Math.max(0, ...needs.map((need) => need.earliestEnd));
    const seconds = stepSeconds(step);
    const result = { step, seconds, earliestStart, earliestEnd: earliestStart + seconds };
    planned.set(step.id, result);
    return result;
  };
  const all = steps.map(plan);
  // Of the steps that end last, the last declared: the one that waits for the others (networks wait for their interfaces).
  const last = all.reduce((latest, candidate) => (candidate.earliestEnd >= latest.earliestEnd ? candidate : latest));
  const critical: PlannedStep[] = [];
  for (let at: PlannedStep | undefined = last; at; ) {
    critical.unshift(at);
    const needs: PlannedStep[] = at.step.needs.map((need) => planned.get(need)!);
    at = needs.length === 0 ? undefined : needs.reduce((latest, candidate) => (candidate.earliestEnd > latest.earliestEnd ? candidate : latest));
  }
  return { scenario, phase, boundSeconds: last.earliestEnd, steps: all, critical };
}

function requireStep(steps: readonly LabStep[], id: string): LabStep {
  const step = steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`the lab graph names a step '${id}' it does not declare`);
  return step;
}

/** The workflow states that carry out the critical chain: the bars a timeline marks. */
export const criticalStates = (path: CriticalPath): Set<string> => new Set(path.critical.flatMap((planned) => planned.step.states));
