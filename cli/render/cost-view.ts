import pc from 'picocolors';
import type { CostEstimate } from '../cost/cost-estimate';

const usd = (value: number): string => `$${value.toFixed(4)}`;

/** What the run would have cost on AWS, line by line, with each rate and its source; a run that built nothing says so. */
export function renderCost(estimate: CostEstimate): string {
  const minutes = (estimate.hours * 60).toFixed(1);
  if (estimate.lines.length === 0) return `On AWS this run (${minutes} min) would cost nothing: it ended before it built anything AWS bills for.\n`;
  const lines = estimate.lines.map(
    (line) => `  ${line.item.padEnd(52)} ${String(line.quantity).padStart(2)} x ${line.hours.toFixed(2).padStart(5)} h x ${usd(line.rate.usd)} = ${usd(line.usd)}`,
  );
  const rates = estimate.lines.map((line) => pc.dim(`  ${usd(line.rate.usd)} ${line.rate.unit} (${line.rate.source})`));
  return [`On AWS this run (${minutes} min) would cost about ${pc.bold(usd(estimate.totalUsd))}, for what it built:`, ...lines, 'Rates used:', ...rates, ''].join('\n');
}
