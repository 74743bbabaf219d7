/** What a figure of the matrix must come to: its plan (what the driver set out to try), or nothing at all. */
export type FigureRule = { readonly kind: 'planned' } | { readonly kind: 'zero' };

interface Figure {
  readonly label: string;
  readonly rule: FigureRule;
  /** What the drivers set out to do; for a planned figure, what it must reach, and more than 0. */
  planned: number;
  counted: number;
}

/**
 * The figures `npm run reliability` prints, each with its rule. A planned
 * figure (injection points, runs, throttled calls, crashes, hostile
 * requests, ...) fails when it counted less than its plan or when the plan
 * itself is 0: a driver that tried nothing proves nothing. A zero figure
 * (resources leaked, foreign resources touched, server crashes) fails
 * above 0. Labels are declared once, in the order they print.
 */
export class MatrixFigures<Label extends string> {
  private readonly figures = new Map<Label, Figure>();

  constructor(rules: Readonly<Record<Label, FigureRule>>) {
    for (const [label, rule] of Object.entries(rules) as [Label, FigureRule][]) this.figures.set(label, { label, rule, planned: 0, counted: 0 });
  }

  /** The drivers will try `n` more of this. */
  plan(label: Label, n: number): void {
    this.figure(label).planned += n;
  }

  /** `n` more of this were really tried (or, for a zero figure, found). */
  count(label: Label, n = 1): void {
    this.figure(label).counted += n;
  }

  counted(label: Label): number {
    return this.figure(label).counted;
  }

  /** One line per figure that did not hold its rule; empty when every figure did. */
  problems(): string[] {
    return [...this.figures.values()].flatMap((figure) => {
      if (figure.rule.kind === 'zero') return figure.counted === 0 ? [] : [`${figure.label}: ${figure.counted}, must be 0`];
      if (figure.planned <= 0) return [`${figure.label}: nothing was planned, so nothing was proven`];
      return figure.counted >= figure.planned ? [] : [`${figure.label}: ${figure.counted} of the ${figure.planned} planned`];
    });
  }

  /** The figures as the matrix prints them: counted, and the plan beside each planned one. */
  rows(): string[] {
    return [...this.figures.values()].map(
      (figure) => `  ${figure.label.padEnd(32)}${String(figure.counted).padStart(8)}${figure.rule.kind === 'planned' ? `  (planned ${figure.planned})` : ''}`,
    );
  }

  private figure(label: Label): Figure {
    const figure = this.figures.get(label);
    if (!figure) throw new Error(`the reliability matrix has no figure '${label}'`);
    return figure;
  }
}
