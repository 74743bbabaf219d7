import type { Lessons } from '../lab-run';

export type Lesson = keyof Lessons;
export type Phase = 'before' | 'after';

/** What a check's output must show for the lesson to hold at that phase. */
export type Expectation =
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'reachable' }
  | { readonly kind: 'public-ips' }
  | { readonly kind: 'ips-in'; readonly cidr: string }
  /** Private addresses, none of them in `cidr`: a name that resolves to another VPC's addresses. */
  | { readonly kind: 'private-ips-outside'; readonly cidr: string }
  /** curl resolved the name and its connection timed out (exit 28): neither refused, nor unresolved, nor answered. */
  | { readonly kind: 'connect-timeout' }
  | { readonly kind: 'page-contains'; readonly text: string };

/** The lessons a run builds, of its switches. */
export const lessonsOn = (lessons: Lessons): Lesson[] => (Object.keys(lessons) as Lesson[]).filter((lesson) => lessons[lesson]);

/** One command a student types on the private instance, and what it should print. */
export interface PlannedCheck {
  readonly checkId: string;
  readonly lesson: Lesson;
  readonly title: string;
  readonly command: string;
  readonly expectation: Expectation;
}

/** The names the checks are about, known once the lab is (partly) built. */
export interface CheckTargets {
  readonly region: string;
  readonly consumerCidr: string;
  /** The provider NLB's DNS name: what the consumer tries to reach before it has an endpoint. */
  readonly loadBalancerDnsName?: string | null;
  /** The consumer endpoint's regional DNS name, once the service endpoint exists. */
  readonly serviceEndpointDnsName?: string | null;
}

const PAGE = 'Endpoint Service Web Server';
/** How long a probe's curl waits for an answer: before an endpoint exists, each probe takes this long to time out. */
export const PROBE_TIMEOUT_SECONDS = 5;
const httpsProbe = (host: string) => `curl -sS -o /dev/null -w '%{http_code}\\n' --max-time ${PROBE_TIMEOUT_SECONDS} https://${host}/`;
const httpGet = (host: string) => `curl -sS --max-time ${PROBE_TIMEOUT_SECONDS} http://${host}/`;

/**
 * The checks of each lesson at each phase. "Before" is taken before the
 * lesson's endpoints exist, "after" once they are available; the same check
 * id pairs the two in the report.
 */
export function plannedChecks(lessons: readonly Lesson[], phase: Phase, targets: CheckTargets): PlannedCheck[] {
  const before = phase === 'before';
  const checks: PlannedCheck[] = [];
  if (lessons.includes('gateway')) {
    for (const service of ['s3', 'dynamodb']) {
      checks.push({
        checkId: `gateway.${service}`,
        lesson: 'gateway',
        title: `${service === 's3' ? 'S3' : 'DynamoDB'} over HTTPS from the private subnet`,
        command: httpsProbe(`${service}.${targets.region}.amazonaws.com`),
        expectation: { kind: before ? 'unreachable' : 'reachable' },
      });
    }
  }
  if (lessons.includes('interface')) {
    checks.push({
      checkId: 'interface.dns',
      lesson: 'interface',
      title: "CloudFormation's name resolves to",
      command: `dig +short cloudformation.${targets.region}.amazonaws.com`,
      expectation: before ? { kind: 'public-ips' } : { kind: 'ips-in', cidr: targets.consumerCidr },
    });
  }
  if (lessons.includes('service')) checks.push(...serviceChecks(phase, targets));
  return checks;
}

/**
 * Before its endpoint the consumer asks for the provider's internal NLB by
 * name. That name is public DNS and answers the NLB's private addresses in
 * the provider VPC ("The DNS name of an internal load balancer is publicly
 * resolvable to the private IP addresses of the nodes", ELBv2 API Reference,
 * CreateLoadBalancer `Scheme`), which the consumer VPC has no route to: the
 * name resolves and curl's connection times out. After, the endpoint's own
 * name answers an address of the consumer VPC and the web page comes back.
 */
function serviceChecks(phase: Phase, targets: CheckTargets): PlannedCheck[] {
  const before = phase === 'before';
  const host = before ? required(targets.loadBalancerDnsName, 'the load balancer DNS name') : required(targets.serviceEndpointDnsName, 'the service endpoint DNS name');
  return [
    {
      checkId: 'service.dns',
      lesson: 'service',
      title: "The service's name (the NLB's before, the endpoint's after) resolves to",
      command: `dig +short ${host}`,
      expectation: { kind: before ? 'private-ips-outside' : 'ips-in', cidr: targets.consumerCidr },
    },
    {
      checkId: 'service.http',
      lesson: 'service',
      title: "The provider's web page from the consumer VPC",
      command: httpGet(host),
      expectation: before ? { kind: 'connect-timeout' } : { kind: 'page-contains', text: PAGE },
    },
  ];
}

function required(value: string | null | undefined, what: string): string {
  if (!value) throw new Error(`the service checks need ${what}`);
  return value;
}
