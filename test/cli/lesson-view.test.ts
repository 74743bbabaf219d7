import { spawnSync } from 'node:child_process';
import { execLine, renderLesson } from '../../cli/render/lesson-view';
import { openLesson } from '../../functions/lab/guided/lesson-brief';
import type { LabRun } from '../../functions/lab/lab-run';
import { type Phase, plannedChecks } from '../../functions/lab/verification/lab-checks';

const TARGETS = {
  region: 'ap-northeast-2',
  consumerCidr: '10.0.0.0/16',
  loadBalancerDnsName: 'lab-20261206-2205-17b1-nlb-fc5bc24eb790ebee.elb.ap-northeast-2.amazonaws.com',
  serviceEndpointDnsName: 'vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.ap-northeast-2.vpce.amazonaws.com',
};

/** What `vpce-lab exec` is given when bash runs the line: its words after `--`, joined by spaces as exec joins them. */
function typedThroughBash(line: string): string {
  const after = line.slice(line.indexOf(' -- ') + ' -- '.length);
  const ran = spawnSync('bash', ['-c', `joined() { printf '%s' "$*"; }; joined ${after}`], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`bash refused ${after}: ${ran.stderr}`);
  return ran.stdout;
}

test.each(['before', 'after'] as Phase[])('every %s command a lesson shows, pasted into bash, reaches exec as the check types it', (phase) => {
  const checks = plannedChecks(['gateway', 'interface', 'service'], phase, TARGETS);
  expect(checks.length).toBe(5);
  for (const check of checks) expect(typedThroughBash(execLine('lab-20261206-2205-17b1', { on: 'private', command: check.command }))).toBe(check.command);
});

test('a pause says until when it waits, what to type where, what it prints now and after next', () => {
  const run: LabRun = { runId: 'lab-20261206-2205-17b1', scenario: 'full', region: 'ap-northeast-2', expiresAt: '2026-12-07T00:05:55.000Z', keep: false, guided: true };
  const brief = openLesson({ run, stop: 'interface', lessons: { gateway: true, interface: true, service: true }, targets: TARGETS }, new Date('2026-12-06T22:05:55.000Z'));
  expect(brief.pauseSeconds).toBe(7200);
  expect(renderLesson(run.runId, brief, new Date('2026-12-06T22:35:55.000Z'))).toBe(
    [
      'Run lab-20261206-2205-17b1 is paused before the interface lesson. It waits until 2026-12-07T00:05:55.000Z (1h 30m from now), then tears itself down.',
      '',
      'Try now (on the private instance, reached from the public one by ssh as the lab does):',
      "  CloudFormation's name resolves to",
      '  $ vpce-lab exec lab-20261206-2205-17b1 --on private -- dig +short cloudformation.ap-northeast-2.amazonaws.com',
      '    expect: public addresses',
      '',
      'vpce-lab next lab-20261206-2205-17b1 adds the CloudFormation interface endpoint with private DNS to the private subnet, waits until it is available and runs the interface checks, then pauses before what comes next.',
      'Then the same commands print:',
      "  CloudFormation's name resolves to",
      '  $ vpce-lab exec lab-20261206-2205-17b1 --on private -- dig +short cloudformation.ap-northeast-2.amazonaws.com',
      '    expect: private addresses in 10.0.0.0/16',
      '',
    ].join('\n'),
  );
});

test('a pause that opens after the TTL lasts one second: the run then tears itself down', () => {
  const run: LabRun = { runId: 'lab-20261206-2205-17b1', scenario: 'gateway', region: 'ap-northeast-2', expiresAt: '2026-12-06T22:00:00.000Z', keep: false, guided: true };
  expect(openLesson({ run, stop: 'gateway', lessons: { gateway: true, interface: false, service: false }, targets: TARGETS }, new Date('2026-12-06T23:00:00.000Z')).pauseSeconds).toBe(1);
});
