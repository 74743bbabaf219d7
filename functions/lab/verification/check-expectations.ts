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
    case 'page-contains':
      return outcome.exitCode === 0 && outcome.stdout.includes(expectation.text)
        ? { passed: true, reason: `page "${outcome.stdout.trim()}"` }
        : { passed: false, reason: `expected a page with "${expectation.text}" (exit ${outcome.exitCode})` };
  }
}
