import { stripVTControlCharacters } from 'node:util';
import { LAB_FUNCTION_MEMORY_MB, type OrchestrationCost, ORCHESTRATION_RATES } from '../cost/orchestration-cost';
import type { OrchestrationUse } from '../follow/run-timeline';
import type { RunOutcome } from '../run-outcome';
import { renderCost } from './cost-view';
import { outcomeLine } from './outcome-line';
import { renderReport } from './report-view';

/** What one run's report page shows besides its outcome. */
export interface ReportPage {
  readonly outcome: RunOutcome;
  readonly timelineSvg: string;
  /** A line saying what the timeline's seconds are (AWS seconds, or the local cloud's scaled ones). */
  readonly clock: string;
  /** Build and teardown against their critical-path bounds, in the timeline's seconds. */
  readonly phases: readonly { readonly name: string; readonly seconds: number; readonly boundSeconds?: number }[];
  readonly use: OrchestrationUse;
  readonly orchestrationCost: OrchestrationCost;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The terminal's view of the report and the cost, without its colours, as preformatted text. */
const plain = (text: string): string => `<pre>${escapeHtml(stripVTControlCharacters(text))}</pre>`;

const usd = (value: number): string => `$${value.toFixed(5)}`;

function phaseRows(page: ReportPage): string {
  return page.phases
    .map(({ name, seconds, boundSeconds }) => {
      const bound = boundSeconds === undefined ? '' : `${boundSeconds.toFixed(0)} s`;
      const ratio = boundSeconds === undefined ? '' : `${(seconds / boundSeconds).toFixed(2)} x`;
      return `<tr><td>${escapeHtml(name)}</td><td>${seconds.toFixed(1)} s</td><td>${bound}</td><td>${ratio}</td></tr>`;
    })
    .join('\n');
}

function orchestration(page: ReportPage): string {
  const { use, orchestrationCost: cost } = page;
  const rates = ORCHESTRATION_RATES;
  return [
    '<table>',
    `<tr><td>State transitions (retries included)</td><td>${use.stateTransitions}</td><td>${usd(cost.transitionsUsd)}</td><td>${escapeHtml(rates.stateTransition.unit)} (${escapeHtml(rates.stateTransition.source)})</td></tr>`,
    `<tr><td>Lambda requests</td><td>${use.lambdaInvocations}</td><td>${usd(cost.requestsUsd)}</td><td>${escapeHtml(rates.lambdaRequest.unit)}</td></tr>`,
    `<tr><td>Lambda compute</td><td>${cost.gbSeconds.toFixed(3)} GB-s</td><td>${usd(cost.computeUsd)}</td><td>$${rates.lambdaArmGbSecond.usd} ${escapeHtml(rates.lambdaArmGbSecond.unit)}, ${LAB_FUNCTION_MEMORY_MB} MB per function</td></tr>`,
    `<tr><th>Orchestration</th><th></th><th>${usd(cost.totalUsd)}</th><th></th></tr>`,
    '</table>',
  ].join('\n');
}

/** One run as a self-contained HTML page: where its time went, what it proved, and what it would cost on AWS. */
export function reportPage(page: ReportPage): string {
  const { outcome } = page;
  const title = `vpce-lab run ${outcome.runId}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #212529; max-width: 1200px; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
td, th { border: 1px solid #dee2e6; padding: 0.3rem 0.6rem; text-align: left; }
pre { background: #f8f9fa; padding: 1rem; overflow-x: auto; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Scenario <b>${escapeHtml(outcome.scenario ?? 'unknown')}</b>, started ${escapeHtml(outcome.startDate ?? '?')}, ended ${escapeHtml(outcome.stopDate ?? '(still running)')}.</p>
<p>${escapeHtml(outcomeLine(outcome))}</p>
<h2>Timeline</h2>
<p>${escapeHtml(page.clock)}</p>
<table>
<tr><th>phase</th><th>took</th><th>critical-path bound</th><th>ratio</th></tr>
${phaseRows(page)}
</table>
${page.timelineSvg}
<h2>Verification</h2>
${outcome.report ? plain(renderReport(outcome.report)) : '<p>The run produced no report (it ended before its verification).</p>'}
<h2>Cost on AWS</h2>
${outcome.cost ? plain(renderCost(outcome.cost)) : '<p>No estimate: the run\'s input is unknown.</p>'}
<h3>Orchestration</h3>
${orchestration(page)}
</body>
</html>
`;
}
