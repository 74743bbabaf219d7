import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type StateGrowth, unmeasuredStateFigures } from '../../bench/state-growth';

type Writable<T> = { -readonly [K in keyof T]: Writable<T[K]> };

const COMMITTED: StateGrowth = JSON.parse(readFileSync(join(__dirname, '..', '..', 'bench', 'results', 'state-growth.json'), 'utf8'));

function broken(mutate: (growth: Writable<StateGrowth>) => void): StateGrowth {
  const growth = structuredClone(COMMITTED) as Writable<StateGrowth>;
  mutate(growth);
  return growth;
}

const point = (growth: Writable<StateGrowth>, runs: number) => growth.points.find((candidate) => candidate.runs === runs)!;

test('the committed state figures, a genuine run, are all measured', () => {
  expect(unmeasuredStateFigures(COMMITTED)).toEqual([]);
});

test.each<[string, string, (growth: Writable<StateGrowth>) => void]>([
  ['a real run that failed', 'state: the real run ended FAILED', (growth) => (growth.realRun.status = 'FAILED')],
  ['a real run that wrote nothing', 'state: realRun.rowsWritten is 0', (growth) => (growth.realRun.rowsWritten = 0)],
  ['a real run with no history to copy', 'state: realRun.historyEntriesKept is 0', (growth) => (growth.realRun.historyEntriesKept = 0)],
  ['no state of 1,000 runs', 'state: no measurement with 1000 runs', (growth) => (growth.points = growth.points.filter((candidate) => candidate.runs !== 1000))],
  ['no calls timed', 'state: 100 runs: calls is 0', (growth) => (point(growth, 100).calls = 0)],
  ['a time per call of NaN', 'state: 1 runs: meanMs is NaN', (growth) => (point(growth, 1).meanMs = NaN)],
  ['no rows written by the mix', 'state: 1000 runs: rowsPerCall is 0', (growth) => (point(growth, 1000).rowsPerCall = 0)],
  ['an empty database', 'state: 1000 runs: sizeBytes is 0', (growth) => (point(growth, 1000).sizeBytes = 0)],
  ['a call of the mix never timed', 'state: 100 runs: states:ListExecutions was not timed', (growth) => (point(growth, 100).byCall = point(growth, 100).byCall.filter((timed) => timed.call !== 'states:ListExecutions'))],
])('%s is reported as not measured', (_case, expected, mutate) => {
  expect(unmeasuredStateFigures(broken(mutate))).toContain(expected);
});
