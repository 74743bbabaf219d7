import { awsSeconds } from '../../../../contract/latency-profile';
import { systemsManagerReach } from '../../../network/managed-instances';
import { hibernationPingOffset, retryAfterSeconds, SSM_AGENT } from '../../../network/ssm-agent-backoff';
import type { InstanceRecord } from '../../ec2/model/ec2-records';
import type { SsmContext } from './ssm-context';

/** One attempt of one of the agent's health pings. */
export const AGENT_PING = 'ssm.agent-ping';

/**
 * SSM Agent starts with the instance and pings Systems Manager; it starts its
 * core (and the node is managed) only at a ping that gets through, so an
 * instance that boots before it can reach SSM comes online at the agent's
 * next try, not the moment it could (local/network/ssm-agent-backoff.ts).
 */
export function registerAgentEvents(context: SsmContext): void {
  const { events, scheduler } = context.runtime;
  events.on('instance-running', ({ instanceId, at }) => {
    context.tables.agents.put({ id: instanceId });
    scheduler.at(at + context.runtime.clock.scaled(awsSeconds('ssmAgentOnline')), AGENT_PING, { id: instanceId, ping: 'boot', attempt: '0' });
  });
  // Timed from when each attempt was due, not from when it ran: events overdue together keep their own timetable.
  scheduler.on(AGENT_PING, (payload, event) => ping(context, payload, event.due));
}

function ping(context: SsmContext, payload: Readonly<Record<string, string>>, at: number): void {
  const { clock, scheduler } = context.runtime;
  const id = payload.id ?? '';
  const instance = context.network.ec2.tables.instances.get(id);
  const agent = context.tables.agents.get(id);
  // The agent stops with its instance.
  if (instance?.state !== 'running' || !agent || agent.startedAt !== undefined) return;
  const reach = systemsManagerReach(context.network, instance, 'ssm');
  if (reach === 'reached') {
    context.tables.agents.update(id, (record) => Object.assign(record, { startedAt: at }));
    return;
  }
  // At time scale 0 every wait of the back-off is zero: the agent never stops pinging (see isOnline).
  if (clock.timeScale === 0) return;
  // Dropped packets hold the attempt until the dialer gives up; a refused or unresolved connection fails at once.
  const failedAfter = reach === 'timed-out' ? SSM_AGENT.dialTimeoutSeconds : 0;
  const attempt = Number(payload.attempt);
  if (attempt + 1 < SSM_AGENT.attemptsPerPing) {
    scheduler.at(at + clock.scaled(retryAfterSeconds(attempt, failedAfter)), AGENT_PING, { ...payload, attempt: String(attempt + 1) });
    return;
  }
  const hibernatingSince = payload.ping === 'boot' ? at + clock.scaled(failedAfter) : agent.hibernatingSince;
  if (hibernatingSince === undefined) throw new Error(`SSM Agent of ${id} pinged from hibernation it never entered`);
  if (payload.ping === 'boot') context.tables.agents.update(id, (record) => Object.assign(record, { hibernatingSince }));
  const next = payload.ping === 'boot' ? 0 : Number(payload.ping) + 1;
  scheduler.at(hibernatingSince + clock.scaled(hibernationPingOffset(next)), AGENT_PING, { id, ping: String(next), attempt: '0' });
}

/**
 * Whether the instance is an `Online` managed node now: it runs, its agent
 * has started, and it still reaches every endpoint the agent works through.
 * At time scale 0 a pinging agent gets through the moment SSM is reachable.
 */
export function isOnline(context: SsmContext, instance: InstanceRecord): boolean {
  const agent = context.tables.agents.get(instance.id);
  const started = agent !== undefined && (agent.startedAt !== undefined || context.runtime.clock.timeScale === 0);
  return instance.state === 'running' && started && systemsManagerReach(context.network, instance) === 'reached';
}
