import type { Context } from 'aws-lambda';
import { handler } from '../../functions/handlers/build-report';
import { run } from './verification-fixtures';

const result = (checkId: string, lesson: string, passed: boolean) => ({
  checkId,
  lesson,
  title: checkId,
  command: `cmd ${checkId}`,
  typed: `ssh ec2-user@10.0.1.25 'cmd ${checkId}'`,
  expectation: { kind: 'reachable' },
  exitCode: passed ? 0 : 28,
  stdout: '',
  stderr: '',
  passed,
  reason: passed ? 'ok' : 'no',
});

const invoke = (phases: object[]) => {
  process.env.AWS_REGION = 'ap-northeast-2';
  return handler({ run, phases }, {} as Context);
};

test('each lesson pairs its checks before and after and passes only when both show the lesson', async () => {
  const report = await invoke([
    { phase: 'before', results: [result('gateway.s3', 'gateway', true), result('interface.dns', 'interface', true)] },
    { phase: 'before', results: [result('service.http', 'service', true)] },
    { phase: 'after', results: [result('gateway.s3', 'gateway', true), result('interface.dns', 'interface', false), result('service.dns', 'service', true), result('service.http', 'service', true)] },
  ]);
  expect(report.lessons.map((lesson) => [lesson.lesson, lesson.passed])).toEqual([
    ['gateway', true],
    ['interface', false],
    ['service', true],
  ]);
  expect(report.lessons[2]?.checks.map((check) => [check.checkId, check.before?.command, check.after?.command])).toEqual([
    ['service.http', 'cmd service.http', 'cmd service.http'],
    ['service.dns', undefined, 'cmd service.dns'],
  ]);
  expect(report.passed).toBe(false);
});

test('a check whose before already showed the lesson fails', async () => {
  const report = await invoke([
    { phase: 'before', results: [result('gateway.s3', 'gateway', false)] },
    { phase: 'after', results: [result('gateway.s3', 'gateway', true)] },
  ]);
  expect(report).toMatchObject({ passed: false, lessons: [{ lesson: 'gateway', passed: false }] });
});
