/**
 * When SSM Agent (amazon-ssm-agent) tries to reach Systems Manager, read from
 * its source (github.com/aws/amazon-ssm-agent):
 *
 * - agent/agent.go, `start`: before starting its core the worker sends one
 *   health ping (`healthModule.GetAgentState`, an UpdateInstanceInformation
 *   call). Only if it succeeds does the agent start; otherwise it enters
 *   hibernation (`shouldCheckHibernation` is true on Linux, agent_unix.go).
 * - agent/ssm/util/util.go, `AwsConfig`: the call is retried 3 times
 *   (`NumMaxRetries = 3`) over an http.Transport cloned from Go's
 *   DefaultTransport (agent/network/transport.go), whose dialer gives up a
 *   connection after 30 s; agent/sdkutil/retryer/retryer.go waits
 *   2^retry x 1-1.5 s between attempts.
 * - agent/hibernation/hibernation.go: hibernation waits `initialPingRate`
 *   (300 s), then pings every `currentPingInterval`, doubled (`multiplier` 2)
 *   each `currentPingInterval x backOffRate` (3) seconds, from 600 s up to
 *   `maxBackOffInterval` (3600 s). Each ping is the same retried call; the
 *   first that succeeds ends hibernation. The ping scheduler
 *   (vendor/github.com/carlescere/scheduler) runs a new job at once, then
 *   every interval.
 */
export const SSM_AGENT = {
  attemptsPerPing: 4,
  dialTimeoutSeconds: 30,
  /** Mean of retryer.go's 1000-1500 ms. */
  retryBaseSeconds: 1.25,
  initialPingRateSeconds: 300,
  firstIntervalSeconds: 600,
  multiplier: 2,
  backOffRate: 3,
  maxIntervalSeconds: 3600,
} as const;

/** Seconds from one failed attempt's start to the next attempt of the same ping (`retry` counts from 0). */
export function retryAfterSeconds(retry: number, failedAfterSeconds: number): number {
  return failedAfterSeconds + 2 ** retry * SSM_AGENT.retryBaseSeconds;
}

/**
 * Seconds from the start of hibernation (the first ping's failure) to each of
 * its pings, in order: 300, 900, 1500, 2100, 3300, 4500, 5700, 8100, ...,
 * then every 3600 s for good.
 */
export function hibernationPingOffset(ping: number): number {
  let at = SSM_AGENT.initialPingRateSeconds;
  let interval: number = SSM_AGENT.firstIntervalSeconds;
  for (let left = ping; ; ) {
    // A job's pings before the next back-off replaces it; at the largest interval the job runs for good.
    const perJob = interval === SSM_AGENT.maxIntervalSeconds ? Infinity : SSM_AGENT.backOffRate;
    if (left < perJob) return at + left * interval;
    at += perJob * interval;
    left -= perJob;
    interval = Math.min(interval * SSM_AGENT.multiplier, SSM_AGENT.maxIntervalSeconds);
  }
}
