import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SCENARIOS, type Scenario, lessonsOf } from '../../functions/lab/lab-run';
import type { GuidedStop } from '../../functions/lab/guided/guided-stops';
import type { LessonBrief } from '../../functions/lab/guided/lesson-brief';
import { CONSUMER } from '../../functions/lab/lab-topology';
import { meetsExpectation } from '../../functions/lab/verification/check-expectations';
import { type Lesson, plannedChecks } from '../../functions/lab/verification/lab-checks';
import { ttlFloor } from '../../cli/run-request';
import type { RunOutcome } from '../../cli/run-outcome';
import { type CliResult, printedJson, vpceLab } from '../support/cli-runner';
import { type E2eLab, startE2eLab } from '../support/e2e-lab';
import { NOTHING_LEFT } from '../support/run-leftovers';

interface Paused {
  readonly runId: string;
  readonly status: 'RUNNING';
  readonly paused: GuidedStop;
  readonly lesson: LessonBrief;
}

interface Executed {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly status: string;
}

let lab: E2eLab;

beforeAll(async () => {
  lab = await startE2eLab();
}, 60_000);
afterAll(async () => {
  await lab.lab.close();
});

/** `vpce-lab exec <run> <options> -- <command>`: the command after `--` is the instance's, so this cloud and --json go before it. */
const exec = (runId: string, options: readonly string[], command: readonly string[]): Promise<CliResult> =>
  vpceLab('exec', runId, ...options, '--endpoint', lab.cloud.endpoint, '--json', '--', ...command);

const paused = (result: CliResult): Paused => {
  if (result.code !== 0) throw new Error(`expected a pause (exit 0), got exit ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return printedJson<Paused>(result);
};

/** The pauses a scenario's guided run makes, in order: one before each of its lessons, then one before the report. */
const stopsOf = (scenario: Scenario): GuidedStop[] => [...(['gateway', 'interface', 'service'] as const).filter((lesson) => lessonsOf(scenario)[lesson]), 'report'];

/**
 * Types each command of the brief on its instance with `vpce-lab exec` and
 * holds what it printed to the expectation the automatic check of the same
 * id holds the lab to at that phase.
 */
async function typeEach(runId: string, checks: LessonBrief['tryNow'], lesson: Lesson, phase: 'before' | 'after', targets: Parameters<typeof plannedChecks>[2]): Promise<string[]> {
  expect(checks.length).toBeGreaterThan(0);
  const expectations = new Map(plannedChecks([lesson], phase, targets).map((check) => [check.checkId, check.expectation]));
  for (const check of checks) {
    const executed = printedJson<Executed>(await exec(runId, ['--on', check.on], [check.command]));
    const expectation = expectations.get(check.checkId);
    if (!expectation) throw new Error(`no automatic ${phase} check ${check.checkId}`);
    expect({ checkId: check.checkId, phase, ...meetsExpectation(expectation, { exitCode: executed.exitCode, stdout: executed.stdout }) }).toMatchObject({
      checkId: check.checkId,
      phase,
      passed: true,
    });
  }
  return checks.map((check) => check.command);
}

/** The names the checks are about at a stop, as the brief shows them in its commands. */
function targetsFrom(brief: LessonBrief) {
  const host = (pattern: RegExp) => brief.tryNow.concat(brief.afterNext).map((check) => pattern.exec(check.command)?.[1]).find((found) => found !== undefined);
  return {
    region: 'ap-northeast-2',
    consumerCidr: CONSUMER.vpcCidr,
    loadBalancerDnsName: host(/dig \+short (\S+\.elb\.\S+)/),
    serviceEndpointDnsName: host(/dig \+short (vpce-\S+)/),
  };
}

describe.each(SCENARIOS)('a guided %s run through the CLI', (scenario) => {
  test('pauses before each lesson in order; exec answers before and after as the automatic checks; the last next reports and tears down', async () => {
    const stops = stopsOf(scenario);
    let pause = paused(await lab.cli('start', '--guided', '--scenario', scenario, '--ttl', ttlFloor(scenario).text));
    const { runId } = pause;
    const listed = printedJson<{ runs: { runId: string; state: string }[] }>(await lab.cli('list'));
    expect(listed.runs.find((run) => run.runId === runId)?.state).toBe('PAUSED');
    const seen: GuidedStop[] = [pause.paused];
    const ran: string[] = [];
    for (;;) {
      expect(printedJson<Paused>(await lab.cli('lesson', runId))).toMatchObject({ runId, paused: pause.paused });
      if (pause.paused === 'report') break;
      const lesson = pause.paused;
      ran.push(...(await typeEach(runId, pause.lesson.tryNow, lesson, 'before', targetsFrom(pause.lesson))));
      const continued = await lab.cli('next', runId);
      const following = paused(continued);
      // After the last lesson the report's brief has its commands with the names the lab now has (the service endpoint's).
      const after = following.lesson.stop === 'report' ? following.lesson.tryNow.filter((check) => check.checkId.startsWith(`${lesson}.`)) : pause.lesson.afterNext;
      ran.push(...(await typeEach(runId, after, lesson, 'after', targetsFrom(following.lesson))));
      pause = following;
      seen.push(pause.paused);
    }
    expect(seen).toEqual(stops);

    const ended = await lab.cli('next', runId);
    const outcome = printedJson<RunOutcome>(ended);
    expect({ code: ended.code, status: outcome.status, passed: outcome.report?.passed }).toEqual({ code: 0, status: 'SUCCEEDED', passed: true });
    expect(outcome.report?.lessons.map((lesson) => lesson.lesson)).toEqual(stops.filter((stop) => stop !== 'report'));
    // The report keeps what the student ran, newest first, beside the automatic checks.
    const kept = outcome.report?.studentCommands;
    expect({ left: kept?.left, commands: kept?.commands.map((command) => `${command.on}: ${command.command}`).reverse() }).toEqual({ left: 0, commands: ran.map((command) => `private: ${command}`) });
    expect(kept?.commands.every((command) => command.status === 'Success' || command.status === 'Failed')).toBe(true);
    expect(await lab.leftovers(runId)).toEqual(NOTHING_LEFT);

    const again = await lab.cli('next', runId);
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { code: 'RunNotPaused', message: `Run ${runId} has ended (SUCCEEDED): vpce-lab status ${runId} shows how.` } });
  }, 60_000);
});

test('a guided run nobody continues before its TTL is torn down and fails saying why', async () => {
  const runId = 'lab-20261206-2200-0a0a';
  const run = { runId, scenario: 'gateway', region: 'ap-northeast-2', expiresAt: new Date(Date.now() + 2_000).toISOString(), keep: false, guided: true };
  const { executionArn = '' } = await lab.sfn.send(new StartExecutionCommand({ stateMachineArn: lab.lab.stateMachineArns['lab-run'], name: runId, input: JSON.stringify({ run }) }));
  const ended = await lab.finished(executionArn, 30_000);
  expect({ status: ended.status, error: ended.error }).toEqual({ status: 'FAILED', error: 'GuidedRunAbandoned' });
  const history = await lab.history(executionArn);
  expect(history.some((event) => event.type === 'TaskTimedOut')).toBe(true);
  expect(history.some((event) => event.stateEnteredEventDetails?.name === 'TeardownAfterFailure')).toBe(true);
  expect(await lab.leftovers(runId)).toEqual(NOTHING_LEFT);
}, 40_000);

test('teardown of a paused guided run stops it and removes everything; next then says it has ended', async () => {
  const pause = paused(await lab.cli('start', '--guided', '--scenario', 'gateway', '--ttl', ttlFloor('gateway').text));
  const torn = await lab.cli('teardown', pause.runId);
  expect(torn.code).toBe(0);
  expect(await lab.leftovers(pause.runId)).toEqual(NOTHING_LEFT);
  const refused = await lab.cli('next', pause.runId);
  expect({ code: refused.code, error: JSON.parse(refused.stderr) as unknown }).toEqual({
    code: 2,
    error: { error: { code: 'RunNotPaused', message: `Run ${pause.runId} has ended (ABORTED): vpce-lab status ${pause.runId} shows how.`, exitCode: 2 } },
  });
}, 30_000);

describe('a run that is not waiting for its student', () => {
  test('next and lesson on a run that is not guided are refused with exit 2, and it goes on', async () => {
    const { outcome } = await lab.start('--scenario', 'gateway', '--ttl', ttlFloor('gateway').text);
    for (const command of ['next', 'lesson']) {
      const refused = await lab.cli(command, outcome.runId);
      expect({ command, code: refused.code, error: JSON.parse(refused.stderr) as unknown }).toMatchObject({
        command,
        code: 2,
        error: { error: { code: 'RunNotPaused', message: `Run ${outcome.runId} is not a guided run: it goes through without pausing (start one with vpce-lab start --guided).` } },
      });
    }
  }, 30_000);

  test('an unknown run id is exit 2 naming where it looked', async () => {
    const refused = await lab.cli('next', 'lab-20990101-0000-ffff');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'UsageError', message: expect.stringContaining('There is no run lab-20990101-0000-ffff') as unknown } });
  });
});

describe('exec', () => {
  let runId: string;
  beforeAll(async () => {
    runId = paused(await lab.cli('start', '--guided', '--scenario', 'gateway', '--ttl', ttlFloor('gateway').text)).runId;
  }, 30_000);
  afterAll(async () => {
    await lab.cli('teardown', runId);
  }, 30_000);

  test("prints the instance's output and exits with its status", async () => {
    const ran = await exec(runId, ['--on', 'private'], ['dig', '+short', 'cloudformation.ap-northeast-2.amazonaws.com']);
    const executed = printedJson<Executed>(ran);
    expect({ code: ran.code, status: executed.status, exitCode: executed.exitCode }).toEqual({ code: 0, status: 'Success', exitCode: 0 });
    expect(executed.stdout).toMatch(/^(\d+\.){3}\d+\n/);
    // The hop's own notice of the host key it adds is left out: what prints is the command's.
    expect(executed.stderr).toBe('');
  }, 20_000);

  test('an unknown command is bash\'s "command not found", exit 127', async () => {
    const ran = await exec(runId, ['--on', 'private'], ['frobnicate', '--now']);
    const executed = printedJson<Executed>(ran);
    expect({ code: ran.code, exitCode: executed.exitCode }).toEqual({ code: 127, exitCode: 127 });
    expect(executed.stderr).toContain('frobnicate: command not found');
  }, 20_000);

  test("a command's output past what SSM keeps is cut at 24,000 characters, and exec says so", async () => {
    const ran = await exec(runId, ['--on', 'public'], ['for i in {1..3000}; do echo 0123456789; done']);
    const executed = printedJson<Executed & { cut: { stdout: boolean } }>(ran);
    expect({ code: ran.code, length: executed.stdout.length, cut: executed.cut.stdout }).toEqual({ code: 0, length: 24_000, cut: true });
    const shown = await vpceLab('exec', runId, '--on', 'public', '--endpoint', lab.cloud.endpoint, '--', 'for i in {1..3000}; do echo 0123456789; done');
    expect(shown.stdout).toBe('0123456789\n'.repeat(3000).slice(0, 24_000));
    expect(shown.stderr).toBe("vpce-lab: SSM keeps the first 24,000 characters of a command's output; the rest was cut.\n");
  }, 20_000);

  test('a command that runs past --timeout is stopped: exit 124, and exec says so', async () => {
    const ran = await vpceLab('exec', runId, '--on', 'public', '--timeout', '2', '--endpoint', lab.cloud.endpoint, '--', 'echo started; sleep 5; echo never');
    expect({ code: ran.code, stdout: ran.stdout }).toEqual({ code: 124, stdout: 'started\n' });
    expect(ran.stderr).toContain('vpce-lab: the command ran longer than its --timeout of 2 s and was stopped.');
  }, 20_000);

  test("runs as the lab's user on both instances", async () => {
    for (const on of ['public', 'private']) expect({ on, stdout: printedJson<Executed>(await exec(runId, ['--on', on], ['whoami'])).stdout }).toEqual({ on, stdout: 'ec2-user\n' });
  }, 20_000);

  test.each([
    [['--on', 'web-server-1'], ['hostname'], /the web servers cannot be reached by Run Command/],
    [['--on', 'bastion'], ['hostname'], /expected the instance to run on: private or public, got 'bastion'/],
    [['--on', 'private'], [], /give the command to run after --/],
    [['--on', 'private', '--timeout', '0'], ['hostname'], /expected whole seconds from 1 to 600, got '0'/],
  ])('bad input %j -- %j is exit 2 with what is allowed', async (options, command, message) => {
    const refused = await exec(runId, options, command);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(message);
  });

  test('on a run that has no instances (a typo in the run id) is exit 2 saying so', async () => {
    const refused = await exec('lab-20990101-0000-ffff', ['--on', 'private'], ['hostname']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'NoSuchInstance' } });
  });
});
