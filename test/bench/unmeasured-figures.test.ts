import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from '../../bench/bench-results';
import { unmeasuredFigures } from '../../bench/unmeasured-figures';
import { SCENARIOS } from '../../functions/lab/lab-run';

type Writable<T> = { -readonly [K in keyof T]: Writable<T[K]> };

const PLAN = { scenarios: SCENARIOS, concurrency: [1, 10, 50] };
const LATEST: BenchResults = JSON.parse(readFileSync(join(__dirname, '..', '..', 'bench', 'results', 'latest.json'), 'utf8'));

function broken(mutate: (results: Writable<BenchResults>) => void): BenchResults {
  const results = structuredClone(LATEST) as Writable<BenchResults>;
  mutate(results);
  return results;
}

const full = (results: Writable<BenchResults>) => results.scenarios.find((run) => run.scenario === 'full')!;
const batch = (results: Writable<BenchResults>, runs: number) => results.concurrency.find((measured) => measured.runs === runs)!;

test('the committed results, a genuine run, have every figure measured', () => {
  expect(unmeasuredFigures(LATEST, PLAN)).toEqual([]);
});

test.each<[string, string, (results: Writable<BenchResults>) => void]>([
  ['no runs at all', 'scenarios[gateway] is missing', (results) => (results.scenarios = [])],
  ['a run that failed', 'scenarios[full].status is FAILED', (results) => (full(results).status = 'FAILED')],
  ['no state transitions read', 'scenarios[full].stateTransitions is 0', (results) => (full(results).stateTransitions = 0)],
  ['no Lambda invocations', 'scenarios[full].lambdaInvocations is 0', (results) => (full(results).lambdaInvocations = 0)],
  ['no AWS calls counted', 'scenarios[full].awsCalls is 0', (results) => (full(results).awsCalls = 0)],
  ['an empty callsByAction', 'scenarios[full].callsByAction is ec2:RunInstances 0 of 4', (results) => (full(results).callsByAction = {})],
  ['a build makespan of 0', 'scenarios[full].build.makespanSeconds is 0', (results) => (full(results).build.makespanSeconds = 0)],
  ['a teardown makespan of NaN', 'scenarios[full].teardown.makespanSeconds is NaN', (results) => (full(results).teardown.makespanSeconds = NaN)],
  ['an infinite ratio', 'scenarios[full].build.ratio is Infinity', (results) => (full(results).build.ratio = Infinity)],
  ['a phase with no critical path', 'scenarios[full].teardown.criticalPath is []', (results) => (full(results).teardown.criticalPath = [])],
  ['no calls authorized by IAM', 'scenarios[full].iam.calls is 0', (results) => (full(results).iam.calls = 0)],
  ['a call IAM did not authorize', `scenarios[full].iam.calls is ${LATEST.scenarios.find((run) => run.scenario === 'full')!.awsCalls - 1}`, (results) => (full(results).iam.calls = full(results).awsCalls - 1)],
  ['a refusal in a run that succeeded', 'scenarios[full].iam.refused is 1', (results) => (full(results).iam.refused = 1)],
  ['an IAM comparison with a run that failed', 'overhead.iam.statuses is ["SUCCEEDED","FAILED"', (results) => (results.overhead.iam.statuses[1] = 'FAILED')],
  ['an IAM comparison short of a run', 'overhead.iam.statuses is', (results) => (results.overhead.iam.statuses = results.overhead.iam.statuses.slice(1))],
  ['no run timed without IAM', 'overhead.iam.withoutIamSeconds is 0', (results) => (results.overhead.iam.withoutIamSeconds = 0)],
  ['an IAM share over nothing', 'overhead.iam.extraShare is NaN', (results) => (results.overhead.iam.extraShare = NaN)],
  ['no time spent deciding', 'overhead.iam.usage.milliseconds is 0', (results) => (results.overhead.iam.usage.milliseconds = 0)],
  ['no calls decided in the comparison', 'overhead.iam.usage.calls is 0', (results) => (results.overhead.iam.usage.calls = 0)],
  ['no load of the Service Authorization Reference', 'overhead.iam.loadMilliseconds is 0', (results) => (results.overhead.iam.loadMilliseconds = 0)],
  ['no Lambda time in the cost', 'scenarios[full].cost.gbSeconds is 0', (results) => (full(results).cost.gbSeconds = 0)],
  ['no wait loops for a lab that waits on AWS', 'scenarios[full].waitLoops is []', (results) => (full(results).waitLoops = [])],
  ['a concurrency size not run', 'concurrency[runs=10] is missing', (results) => (results.concurrency = results.concurrency.filter((measured) => measured.runs !== 10))],
  [
    'a batch that measured 9 of its 10 runs',
    'concurrency[runs=10].callsByAction is ec2:CreateVpcEndpointServiceConfiguration 9 of 10',
    (results) => (batch(results, 10).callsByAction['ec2:CreateVpcEndpointServiceConfiguration'] = 9),
  ],
  ['a batch with no runs timed', 'concurrency[runs=50].medianRunSeconds is 0', (results) => (batch(results, 50).medianRunSeconds = 0)],
  ['a batch makespan of NaN', 'concurrency[runs=1].makespanSeconds is NaN', (results) => (batch(results, 1).makespanSeconds = NaN)],
  ['a rate-limited batch with nothing throttled', 'concurrency[runs=50].throttledCalls is 0', (results) => (batch(results, 50).throttledCalls = 0)],
  ['a batch with no endpoints created', 'concurrency[runs=50].endpointsCreated is 0', (results) => (batch(results, 50).endpointsCreated = 0)],
  ['a batch whose leftovers were not counted', 'concurrency[runs=50].left is {}', (results) => (batch(results, 50).left = {})],
  ['a batch with no CPU share', 'concurrency[runs=50].cpuBusy is 0', (results) => (batch(results, 50).cpuBusy = 0)],
  ['a Describe latency of 0', 'overhead.cloud.describeP50Ms is 0', (results) => (results.overhead.cloud.describeP50Ms = 0)],
  ['a Describe p99 of NaN', 'overhead.cloud.describeP99Ms is NaN', (results) => (results.overhead.cloud.describeP99Ms = NaN)],
  ['a Describe throughput of 0', 'overhead.cloud.describeCallsPerSecond is 0', (results) => (results.overhead.cloud.describeCallsPerSecond = 0)],
  ['npm start that did not finish its lab', 'overhead.startCommand.status is exit 1', (results) => (results.overhead.startCommand.status = 'exit 1')],
  ['npm start wall time of 0', 'overhead.startCommand.wallSeconds is 0', (results) => (results.overhead.startCommand.wallSeconds = 0)],
  ['npm start with no peak RSS reported for the command', 'overhead.startCommand.commandPeakRssMb is 0', (results) => (results.overhead.startCommand.commandPeakRssMb = 0)],
  ['npm start with no peak RSS reported for the local cloud', 'overhead.startCommand.serverPeakRssMb is 0', (results) => (results.overhead.startCommand.serverPeakRssMb = 0)],
])('%s is reported by the figure\'s name', (_, line, mutate) => {
  expect(unmeasuredFigures(broken(mutate), PLAN)).toContainEqual(expect.stringContaining(line));
});

test('a batch of one run on its own is not expected to be throttled', () => {
  expect(unmeasuredFigures(broken((results) => (batch(results, 1).throttledCalls = 0)), PLAN)).toEqual([]);
});

test('a batch whose runs failed reports the failures, not unmeasured calls of the runs that never finished', () => {
  const failed = broken((results) => {
    const ten = batch(results, 10);
    ten.failedRuns = 10;
    ten.failures = Array.from({ length: 10 }, (_, run) => `run ${run}: FAILED`);
    ten.endpointsCreated = 0;
    ten.calls -= ten.callsByAction['ec2:DeleteVpcEndpoints'] ?? 0;
    ten.callsByAction['ec2:DeleteVpcEndpoints'] = 0;
  });
  expect(unmeasuredFigures(failed, PLAN)).toEqual([]);
});
