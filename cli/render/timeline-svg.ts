import type { RunTimeline, TimelineBar } from '../follow/run-timeline';

/** How to draw a run's timeline. */
export interface TimelineDrawing {
  readonly title: string;
  /** Seconds shown of a moment of the executions' clock, in ms from the run's start (AWS seconds; a hold as the wall-clock time it is). */
  readonly toSeconds: (ms: number) => number;
  /** States on the critical path, drawn in the critical colour. */
  readonly critical: ReadonlySet<string>;
  /** Shortest possible build and teardown, in seconds shown, marked where each phase would end at best. */
  readonly bounds?: { readonly build: number; readonly teardown: number };
}

const WIDTH = 1100;
const LABEL_WIDTH = 260;
const RIGHT = 30;
const ROW = 20;
const BAR = 12;
const TOP = 56;
const COLOURS = { build: '#4c6ef5', teardown: '#20a86b', critical: '#e8590c', attempt: '#1b1b1b', bound: '#868e96', grid: '#e9ecef', text: '#212529' };

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A round step between axis ticks, about a tenth of the span. */
function tickStep(span: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((step) => span / step <= 12) ?? 7200;
}

const seconds = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/**
 * A run's timeline as an SVG picture: each Task and Wait state a bar over
 * time (the ticks on a bar are its attempts: a wait loop's polls), the
 * critical path in its own colour, the teardown below the build, and the
 * best each phase could do (the critical-path bound) as dashed lines.
 */
export function timelineSvg(timeline: RunTimeline, drawing: TimelineDrawing): string {
  const { toSeconds } = drawing;
  const span = Math.max(toSeconds(timeline.end), drawing.bounds && timeline.teardown ? toSeconds(timeline.teardown.start) + drawing.bounds.teardown : 0, 1);
  const plot = WIDTH - LABEL_WIDTH - RIGHT;
  const x = (secondsAt: number): number => LABEL_WIDTH + (secondsAt / span) * plot;
  const rows = timeline.bars.length;
  const bottom = TOP + rows * ROW;
  const marks: [number, string][] = [];
  if (timeline.teardown) marks.push([toSeconds(timeline.teardown.start), 'teardown starts']);
  if (drawing.bounds) {
    marks.push([drawing.bounds.build, `build bound ${seconds(drawing.bounds.build)} s`]);
    if (timeline.teardown) marks.push([toSeconds(timeline.teardown.start) + drawing.bounds.teardown, `teardown bound ${seconds(drawing.bounds.teardown)} s`]);
  }
  const legend = bottom + 20 + marks.length * 14 + 12;
  const height = legend + 16;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="15" font-weight="600" fill="${COLOURS.text}">${escapeXml(drawing.title)}</text>`,
  ];
  const step = tickStep(span);
  for (let tick = 0; tick <= span; tick += step) {
    parts.push(`<line x1="${x(tick)}" y1="${TOP - 8}" x2="${x(tick)}" y2="${TOP + rows * ROW}" stroke="${COLOURS.grid}"/>`);
    parts.push(`<text x="${x(tick)}" y="${TOP - 12}" text-anchor="middle" fill="${COLOURS.text}">${tick} s</text>`);
  }
  timeline.bars.forEach((bar, row) => parts.push(...barSvg(bar, TOP + row * ROW, x, toSeconds, drawing.critical.has(bar.state))));
  marks.forEach(([at, label], index) => {
    // Labels near the right edge end at their line, so they stay inside the picture.
    const anchor = x(at) > WIDTH - 140 ? 'end' : 'middle';
    parts.push(`<line x1="${x(at)}" y1="${TOP - 8}" x2="${x(at)}" y2="${bottom + 6 + index * 14}" stroke="${COLOURS.bound}" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x(at)}" y="${bottom + 20 + index * 14}" text-anchor="${anchor}" fill="${COLOURS.bound}">${escapeXml(label)}</text>`);
  });
  const keys: [string, string][] = [
    [COLOURS.critical, 'critical path'],
    [COLOURS.build, 'build and verification'],
    [COLOURS.teardown, 'teardown'],
  ];
  keys.forEach(([colour, label], index) => {
    parts.push(`<rect x="${12 + index * 200}" y="${legend - 10}" width="14" height="10" fill="${colour}"/>`);
    parts.push(`<text x="${32 + index * 200}" y="${legend}" fill="${COLOURS.text}">${label}</text>`);
  });
  parts.push(`<line x1="${12 + keys.length * 200 + 7}" y1="${legend - 11}" x2="${12 + keys.length * 200 + 7}" y2="${legend + 1}" stroke="${COLOURS.attempt}" stroke-width="2"/>`);
  parts.push(`<text x="${32 + keys.length * 200}" y="${legend}" fill="${COLOURS.text}">an attempt (a poll)</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function barSvg(bar: TimelineBar, top: number, x: (at: number) => number, toSeconds: (ms: number) => number, critical: boolean): string[] {
  const start = toSeconds(bar.start);
  const end = toSeconds(bar.end);
  const colour = critical ? COLOURS.critical : COLOURS[bar.phase];
  const attempts = bar.attempts.length;
  const tip = `${bar.state}: ${seconds(start)} s to ${seconds(end)} s (${seconds(end - start)} s)${attempts > 1 ? `, ${attempts} attempts` : ''}${critical ? ', on the critical path' : ''}`;
  const width = Math.max(1.5, x(end) - x(start));
  return [
    `<g><title>${escapeXml(tip)}</title>`,
    `<text x="${LABEL_WIDTH - 8}" y="${top + BAR}" text-anchor="end" fill="${COLOURS.text}"${critical ? ' font-weight="600"' : ''}>${escapeXml(bar.state)}</text>`,
    `<rect x="${x(start)}" y="${top + (ROW - BAR) / 2}" width="${width}" height="${BAR}" rx="2" fill="${colour}"/>`,
    ...bar.attempts.map((attempt) => `<line x1="${x(toSeconds(attempt))}" y1="${top + 2}" x2="${x(toSeconds(attempt))}" y2="${top + ROW - 2}" stroke="${COLOURS.attempt}" stroke-width="2"/>`),
    '</g>',
  ];
}
