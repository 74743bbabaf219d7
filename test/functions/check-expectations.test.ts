import { meetsExpectation } from '../../functions/lab/verification/check-expectations';
import { type PlannedCheck, plannedChecks } from '../../functions/lab/verification/lab-checks';
import { targets } from './verification-fixtures';

/** The service lesson's checks as the lab plans them: the same expectations the collect step and the report use. */
const serviceCheck = (phase: 'before' | 'after', checkId: string): PlannedCheck => plannedChecks(['service'], phase, targets).find((check) => check.checkId === checkId)!;
const judged = (check: PlannedCheck, exitCode: number, stdout: string) => meetsExpectation(check.expectation, { exitCode, stdout });

const TIMED_OUT = { exitCode: 28, stdout: '' };
const UNRESOLVED = { exitCode: 6, stdout: '' };
const PAGE = { exitCode: 0, stdout: '<html><h1>Endpoint Service Web Server 1</h1></html>' };

describe("the service lesson's before: the provider NLB's name from the consumer VPC", () => {
  const dns = serviceCheck('before', 'service.dns');
  const http = serviceCheck('before', 'service.http');

  test('asks for the NLB by name with dig and curl', () => {
    expect([dns.command, http.command]).toEqual([`dig +short ${targets.loadBalancerDnsName}`, `curl -sS --max-time 5 http://${targets.loadBalancerDnsName}/`]);
  });

  test("holds when the name answers the provider VPC's private addresses and curl's connection times out", () => {
    expect(judged(dns, 0, '10.1.1.17\n10.1.2.45\n')).toEqual({ passed: true, reason: 'private addresses 10.1.1.17, 10.1.2.45, outside 10.0.0.0/16' });
    expect(judged(http, TIMED_OUT.exitCode, TIMED_OUT.stdout)).toEqual({ passed: true, reason: 'the name resolved and the connection timed out (exit 28)' });
  });

  test('fails when the name does not resolve: dig prints nothing, curl cannot resolve the host', () => {
    expect(judged(dns, 0, '')).toEqual({ passed: false, reason: 'no address: the name did not resolve' });
    expect(judged(http, UNRESOLVED.exitCode, UNRESOLVED.stdout)).toEqual({ passed: false, reason: 'the name did not resolve (exit 6), although it is public DNS' });
  });

  test('fails when curl gets the page: the consumer reached the provider without an endpoint', () => {
    expect(judged(http, PAGE.exitCode, PAGE.stdout)).toEqual({ passed: false, reason: 'the connection succeeded although it should not yet' });
  });

  test('fails on another failure than a timeout, and on addresses of the consumer VPC or public ones', () => {
    expect(judged(http, 7, '')).toMatchObject({ passed: false, reason: 'expected a connect timeout (exit 28), got exit 7' });
    expect(judged(dns, 0, '10.0.1.30\n')).toMatchObject({ passed: false, reason: 'expected private addresses outside 10.0.0.0/16, got 10.0.1.30' });
    expect(judged(dns, 0, '52.95.4.1\n')).toMatchObject({ passed: false });
  });
});

describe("the service lesson's after: the endpoint's name", () => {
  test("answers an address of the consumer VPC, and curl the web server's page", () => {
    expect(judged(serviceCheck('after', 'service.dns'), 0, '10.0.1.30\n')).toMatchObject({ passed: true });
    expect(judged(serviceCheck('after', 'service.http'), PAGE.exitCode, PAGE.stdout)).toMatchObject({ passed: true });
    expect(judged(serviceCheck('after', 'service.http'), TIMED_OUT.exitCode, TIMED_OUT.stdout)).toMatchObject({ passed: false });
  });
});

test('both phases pair the same check ids, so the report shows each before beside its after', () => {
  const ids = (phase: 'before' | 'after') => plannedChecks(['service'], phase, targets).map((check) => check.checkId);
  expect(ids('before')).toEqual(['service.dns', 'service.http']);
  expect(ids('after')).toEqual(ids('before'));
});
