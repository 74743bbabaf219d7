import type { RunOutcome } from '../run-outcome';
import type { RunResource } from '../resources/run-resource';
import { renderCost } from './cost-view';
import { renderReport } from './report-view';

const minutesLeft = (expiresAt: string, now: Date): string => {
  const minutes = Math.max(0, Math.round((new Date(expiresAt).getTime() - now.getTime()) / 60_000));
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
};

/** The resources by kind, each with its ids. */
function holdings(resources: readonly RunResource[]): string[] {
  const byType = new Map<string, string[]>();
  for (const { resourceType, resourceId } of resources) byType.set(resourceType, [...(byType.get(resourceType) ?? []), resourceId]);
  return [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, ids]) => `  ${type.padEnd(22)} ${String(ids.length).padStart(2)}  ${ids.join(' ')}`);
}

/** A `--keep` run holding its lab: until when, what it holds, what it showed, and what it costs so far. */
export function renderHeldRun(outcome: RunOutcome, resources: readonly RunResource[], now: Date): string {
  const parts = [
    `Run ${outcome.runId} (${outcome.scenario ?? 'unknown scenario'}) is holding its lab until ${outcome.expiresAt ?? '(unknown)'} (${outcome.expiresAt ? `${minutesLeft(outcome.expiresAt, now)} from now` : 'its TTL'}); then it is torn down, or now with vpce-lab teardown ${outcome.runId}.`,
    '',
    `It holds ${resources.length} resource(s) tagged with it:`,
    ...holdings(resources),
    '',
  ];
  if (outcome.report) parts.push(renderReport(outcome.report));
  if (outcome.cost) parts.push(renderCost(outcome.cost));
  return `${parts.join('\n')}\n`;
}
