import { awsSeconds } from '../../../../contract/latency-profile';
import type { Elbv2Context } from './elbv2-context';
import type { TargetGroupRecord, TargetRecord } from './elbv2-records';
import { activeLoadBalancerOf } from './target-group-usage';

/** The load balancer's nodes know a new target: its initial health checks begin. */
export const TARGET_REGISTERED = 'elbv2.target-registered';
/** The initial health checks of a target have passed (the healthy threshold was reached). */
export const TARGET_HEALTHY = 'elbv2.target-healthy';
/** A deregistered target's deregistration delay is over: it leaves the group. */
export const TARGET_DRAINED = 'elbv2.target-drained';

/** A target as ELBv2 names it: an instance id (or IP address) and a port. */
export interface TargetKey {
  readonly id: string;
  readonly port: number;
}

const sameTarget = (target: TargetRecord, key: TargetKey): boolean => target.id === key.id && target.port === key.port;

/**
 * Scheduled events name the moment they belong to, so one that outlived a
 * change of course (the target was deregistered, registered again, or its
 * group stopped receiving traffic) does nothing when it comes due.
 */
const eventPayload = (group: TargetGroupRecord, target: TargetKey, since: number): Record<string, string> => ({
  targetGroupArn: group.id,
  targetId: target.id,
  port: String(target.port),
  since: String(since),
});

function onTarget(context: Elbv2Context, payload: Readonly<Record<string, string>>, change: (group: TargetGroupRecord, target: TargetRecord) => void): void {
  const key = { id: payload.targetId ?? '', port: Number(payload.port) };
  context.tables.targetGroups.update(payload.targetGroupArn ?? '', (group) => {
    const target = group.targets.find((candidate) => sameTarget(candidate, key));
    if (target) change(group, target);
  });
}

/**
 * The initial health checks take the group's own settings: `HealthyThresholdCount`
 * consecutive passes, one every `HealthCheckIntervalSeconds` (NLB guide,
 * "Health checks for Network Load Balancer target groups").
 */
const initialChecksSeconds = (group: TargetGroupRecord): number => group.healthCheckIntervalSeconds * group.healthyThresholdCount;

export function registerTargetEvents(context: Elbv2Context): void {
  const { clock, scheduler } = context.runtime;
  scheduler.on(TARGET_REGISTERED, (payload) =>
    onTarget(context, payload, (group, target) => {
      if (target.state !== 'initial' || target.checksStartedAt !== Number(payload.since)) return;
      target.registrationCompletedAt = clock.now();
      scheduler.after(initialChecksSeconds(group), TARGET_HEALTHY, eventPayload(group, target, target.checksStartedAt));
    }),
  );
  scheduler.on(TARGET_HEALTHY, (payload) =>
    onTarget(context, payload, (_group, target) => {
      if (target.state === 'initial' && target.checksStartedAt === Number(payload.since)) target.state = 'healthy';
    }),
  );
  context.runtime.scheduler.on(TARGET_DRAINED, (payload) =>
    onTarget(context, payload, (group, target) => {
      if (target.state === 'draining' && target.deregisteredAt === Number(payload.since)) group.targets = group.targets.filter((other) => other !== target);
    }),
  );
}

/**
 * Once an active load balancer sends traffic to the group, it registers every
 * target not yet registered with its nodes (`targetRegistration`, minutes),
 * then health-checks it; each turns healthy after the healthy threshold.
 * Registration is started only once the NLB is active: no source says it
 * progresses while the NLB still provisions, so registering earlier gains nothing here.
 */
export function startHealthChecks(context: Elbv2Context, group: TargetGroupRecord): void {
  if (!activeLoadBalancerOf(context, group)) return;
  const { clock, scheduler } = context.runtime;
  context.tables.targetGroups.update(group.id, (record) => {
    for (const target of record.targets) {
      if (target.state !== 'initial' || target.checksStartedAt !== undefined) continue;
      target.checksStartedAt = clock.now();
      scheduler.after(awsSeconds('targetRegistration'), TARGET_REGISTERED, eventPayload(record, target, target.checksStartedAt));
    }
  });
}

/** A group no longer receiving traffic stops checking: its targets start over when it receives traffic again. */
export function stopHealthChecks(context: Elbv2Context, group: TargetGroupRecord): void {
  if (activeLoadBalancerOf(context, group)) return;
  context.tables.targetGroups.update(group.id, (record) => {
    for (const target of record.targets) {
      if (target.state === 'draining') continue;
      target.state = 'initial';
      delete target.checksStartedAt;
      delete target.registrationCompletedAt;
    }
  });
}

/** Adds targets (registering one again cancels its draining); an active load balancer starts checking them. */
export function registerTargets(context: Elbv2Context, group: TargetGroupRecord, keys: readonly TargetKey[]): void {
  const now = context.runtime.clock.now();
  context.tables.targetGroups.update(group.id, (record) => {
    for (const key of keys) {
      const existing = record.targets.find((target) => sameTarget(target, key));
      if (!existing) {
        record.targets.push({ id: key.id, port: key.port, state: 'initial', registeredAt: now });
      } else if (existing.state === 'draining') {
        Object.assign(existing, { state: 'initial', registeredAt: now });
        delete existing.deregisteredAt;
        delete existing.checksStartedAt;
        delete existing.registrationCompletedAt;
      }
    }
  });
  startHealthChecks(context, group);
}

/**
 * Removes targets. While the group receives traffic they drain first, for
 * the deregistration delay, so connections in flight can finish; otherwise
 * they go at once. Targets that are not registered are ignored, as ELBv2 does.
 */
export function deregisterTargets(context: Elbv2Context, group: TargetGroupRecord, keys: readonly TargetKey[]): void {
  const inService = activeLoadBalancerOf(context, group) !== undefined;
  const { clock, scheduler } = context.runtime;
  context.tables.targetGroups.update(group.id, (record) => {
    for (const key of keys) {
      const target = record.targets.find((candidate) => sameTarget(candidate, key));
      if (!target || target.state === 'draining') continue;
      if (!inService) {
        record.targets = record.targets.filter((other) => other !== target);
        continue;
      }
      target.state = 'draining';
      target.deregisteredAt = clock.now();
      scheduler.after(awsSeconds('targetDeregistered'), TARGET_DRAINED, eventPayload(record, target, target.deregisteredAt));
    }
  });
}
