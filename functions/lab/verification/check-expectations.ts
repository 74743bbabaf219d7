import ipaddr from 'ipaddr.js';
import type { Expectation } from './lab-checks';

export interface CommandOutcome {
  readonly exitCode: number;
  readonly stdout: string;
}

const ipv4Lines = (stdout: string): string[] =>
  stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => ipaddr.IPv4.isValidFourPartDecimal(line));

const isPrivate = (ip: string): boolean => ipaddr.IPv4.parse(ip).range() === 'private';

/** curl's exit codes (curl(1), EXIT CODES): 6 "Couldn't resolve host", 7 "Failed to connect to host", 28 "Operation timeout". */
const CURL_UNRESOLVED = 6;
const CURL_TIMED_OUT = 28;

function curlFailure(exitCode: number): string {
  if (exitCode === 0) return 'the connection succeeded although it should not yet';
  if (exitCode === CURL_UNRESOLVED) return `the name did not resolve (exit ${CURL_UNRESOLVED}), although it is public DNS`;
  return `expected a connect timeout (exit ${CURL_TIMED_OUT}), got exit ${exitCode}`;
}

/** Whether a command's outcome shows what the lesson expects; the reason says what was seen. */
export function meetsExpectation(expectation: Expectation, outcome: CommandOutcome): { passed: boolean; reason: string } {
  switch (expectation.kind) {
    case 'unreachable':
      return outcome.exitCode !== 0
        ? { passed: true, reason: `no connection (exit ${outcome.exitCode})` }
        : { passed: false, reason: 'the connection succeeded although it should not yet' };
    case 'reachable': {
      const code = outcome.stdout.trim();
      return outcome.exitCode === 0 && code !== '000'
        ? { passed: true, reason: `HTTP ${code}` }
        : { passed: false, reason: `no HTTP answer (exit ${outcome.exitCode})` };
    }
    case 'public-ips': {
      const ips = ipv4Lines(outcome.stdout);
      return ips.length > 0 && ips.every((ip) => !isPrivate(ip))
        ? { passed: true, reason: `public addresses ${ips.join(', ')}` }
        : { passed: false, reason: ips.length === 0 ? 'no address' : `expected public addresses, got ${ips.join(', ')}` };
    }
    case 'ips-in': {
      const ips = ipv4Lines(outcome.stdout);
      const range = ipaddr.IPv4.parseCIDR(expectation.cidr);
      return ips.length > 0 && ips.every((ip) => ipaddr.IPv4.parse(ip).match(range))
        ? { passed: true, reason: `private addresses ${ips.join(', ')} in ${expectation.cidr}` }
        : { passed: false, reason: ips.length === 0 ? 'no address' : `expected addresses in ${expectation.cidr}, got ${ips.join(', ')}` };
    }
    case 'private-ips-outside': {
      const ips = ipv4Lines(outcome.stdout);
      const range = ipaddr.IPv4.parseCIDR(expectation.cidr);
      const inside = ips.filter((ip) => !isPrivate(ip) || ipaddr.IPv4.parse(ip).match(range));
      return ips.length > 0 && inside.length === 0
        ? { passed: true, reason: `private addresses ${ips.join(', ')}, outside ${expectation.cidr}` }
        : { passed: false, reason: ips.length === 0 ? 'no address: the name did not resolve' : `expected private addresses outside ${expectation.cidr}, got ${ips.join(', ')}` };
    }
    case 'connect-timeout':
      return outcome.exitCode === CURL_TIMED_OUT
        ? { passed: true, reason: `the name resolved and the connection timed out (exit ${CURL_TIMED_OUT})` }
        : { passed: false, reason: curlFailure(outcome.exitCode) };
    case 'page-contains':
      return outcome.exitCode === 0 && outcome.stdout.includes(expectation.text)
        ? { passed: true, reason: `page "${outcome.stdout.trim()}"` }
        : { passed: false, reason: `expected a page with "${expectation.text}" (exit ${outcome.exitCode})` };
  }
}

/** What a check should print, in words, for the student who types it (`vpce-lab lesson`). */
export function expectationText(expectation: Expectation): string {
  switch (expectation.kind) {
    case 'unreachable':
      return 'no answer: curl gives up (the private subnet has no way out)';
    case 'reachable':
      return 'an HTTP status code: the service answers';
    case 'public-ips':
      return 'public addresses';
    case 'ips-in':
      return `private addresses in ${expectation.cidr}`;
    case 'private-ips-outside':
      return `private addresses outside ${expectation.cidr} (another VPC's)`;
    case 'connect-timeout':
      return `the name resolves and the connection times out (curl exit ${CURL_TIMED_OUT})`;
    case 'page-contains':
      return `a page with "${expectation.text}"`;
  }
}
