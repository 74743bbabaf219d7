import type { Scenario } from '../../../functions/lab/lab-run';
import { localAcceptGrace } from '../../../cli/connection/connect';
import type { Condition } from './scenario-runs';

/** What EC2, ELBv2, SSM and Service Quotas answer a caller over its request rate. */
const THROTTLING_CODES = ['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException'];
export const THROTTLED_SHARE = 0.3;
/** The throttled calls a run of `calls` calls must meet at the least: the share, less what chance takes off it. */
export const leastThrottled = (calls: number): number => Math.ceil((THROTTLED_SHARE - 0.1) * calls);

/** A share of every EC2, ELBv2, SSM and Service Quotas call refused as throttled, drawn from a repeatable random source per scenario. */
export const throttling = (random: (scenario: Scenario) => () => number): Condition => ({
  options: (scenario) => ({ faultRandom: random(scenario) }),
  apply: (lab) => lab.cloud.runtime.faults.throttle(THROTTLED_SHARE),
  affected: (code) => THROTTLING_CODES.includes(code ?? ''),
});

/** AWS seconds a new resource stays unknown by its id, as EC2 and ELBv2 are eventually consistent. */
export const CONSISTENCY_DELAY_SECONDS = 5;
/** The delay is AWS time: the cloud runs at this pace so it lasts long enough (100 ms) for the steps to meet it. */
const CONSISTENCY_TIME_SCALE = 0.02;

/** Every new resource answering `…NotFound` to calls naming it for a while after its creation. */
export const eventualConsistency: Condition = {
  options: () => ({ timeScale: CONSISTENCY_TIME_SCALE, acceptGraceSeconds: localAcceptGrace(CONSISTENCY_TIME_SCALE) }),
  apply: (lab) => {
    lab.cloud.runtime.faults.consistencyDelaySeconds = CONSISTENCY_DELAY_SECONDS;
  },
  affected: (code) => /NotFound$|DoesNotExist$/.test(code ?? ''),
};
