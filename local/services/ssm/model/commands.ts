import { randomUUID } from 'node:crypto';
import { awsSeconds } from '../../../../contract/latency-profile';
import { isOnline } from './ssm-agents';
import { runShellScript, shellEffects } from '../../../network/shell/shell-interpreter';
import { runShellScriptParameters } from './run-shell-script-document';
import type { SsmContext } from './ssm-context';
import type { CommandRecord, InvocationRecord } from './ssm-records';
import { invocationCount } from './ssm-tables';

export const INVOCATION_DELIVERED = 'ssm.invocation-delivered';
export const INVOCATION_FINISHED = 'ssm.invocation-finished';

/** SSM keeps the first 24,000 characters of standard output and 8,000 of standard error (GetCommandInvocation). */
const STDOUT_LIMIT = 24000;
const STDERR_LIMIT = 8000;

export type CommandSpec = Omit<CommandRecord, 'id' | 'region' | 'requestedAt'>;

export function registerCommandEvents(context: SsmContext): void {
  context.runtime.scheduler.on(INVOCATION_DELIVERED, ({ id }) => deliver(context, id ?? ''));
  // Ended when it was due, not when the cloud got round to it: an idle cloud runs late events at once.
  context.runtime.scheduler.on(INVOCATION_FINISHED, ({ id }, event) => finish(context, id ?? '', event.due));
}

/** Records a command with one `Pending` invocation per node; each agent picks its invocation up shortly. */
export function sendCommand(context: SsmContext, region: string, spec: CommandSpec): { command: CommandRecord; invocations: InvocationRecord[] } {
  const { clock, scheduler } = context.runtime;
  const command: CommandRecord = { ...spec, id: randomUUID(), region, requestedAt: clock.now() };
  context.tables.commands.put(command);
  const sent = invocationCount(context.runtime.store);
  const invocations = spec.instanceIds.map((instanceId, index) => {
    const invocation: InvocationRecord = {
      id: `${command.id}/${instanceId}`,
      commandId: command.id,
      instanceId,
      region,
      createdAt: command.requestedAt,
      status: 'Pending',
      statusDetails: 'Pending',
      responseCode: -1,
      stdout: '',
      stderr: '',
      flowSeed: sent + index,
    };
    scheduler.after(awsSeconds('ssmCommandDelivered'), INVOCATION_DELIVERED, { id: invocation.id });
    return context.tables.invocations.put(invocation);
  });
  return { command, invocations };
}

/**
 * Whether a command or invocation made at `createdAt` can be read yet: right
 * after SendCommand it may not be, when a test injects eventual consistency
 * ("The Run Command API follows an eventual consistency model", SSM API
 * Reference, GetCommandInvocation).
 */
export function isReadable(context: SsmContext, createdAt: number): boolean {
  const { clock, faults } = context.runtime;
  return faults.consistencyDelaySeconds <= 0 || createdAt <= clock.now() - clock.scaled(faults.consistencyDelaySeconds);
}

const scriptPath = (invocation: InvocationRecord): string =>
  `/var/lib/amazon/ssm/${invocation.instanceId}/document/orchestration/${invocation.commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;

/**
 * The agent takes the invocation and runs the script at once (its output is
 * what the network is now); the invocation stays `InProgress` for as long as
 * the script takes. An agent that is not online cannot take it: the
 * invocation waits, and times out once the command's `TimeoutSeconds` pass.
 */
function deliver(context: SsmContext, id: string): void {
  const { clock, scheduler } = context.runtime;
  const invocation = context.tables.invocations.get(id);
  const command = invocation && context.tables.commands.get(invocation.commandId);
  if (!invocation || !command || invocation.status !== 'Pending') return;
  const instance = context.network.ec2.tables.instances.get(invocation.instanceId);
  if (!instance || !isOnline(context, instance)) {
    if (clock.now() < command.requestedAt + clock.scaled(command.timeoutSeconds)) scheduler.after(awsSeconds('ssmCommandDelivered'), INVOCATION_DELIVERED, { id });
    else context.tables.invocations.update(id, (record) => Object.assign(record, { status: 'TimedOut', statusDetails: 'DeliveryTimedOut' }));
    return;
  }
  const parameters = runShellScriptParameters(command.parameters);
  const result = runShellScript(context.network, instance, parameters.commands, {
    shellName: scriptPath(invocation),
    // SSM Agent runs Run Command's scripts as root on Linux (Systems Manager User Guide, Run Command); ssh-keygen names keys after it.
    user: 'root',
    flowSeed: invocation.flowSeed,
    timeLimitSeconds: parameters.executionTimeoutSeconds,
    startedAt: clock.now(),
    effects: shellEffects(context.runtime),
  });
  const failure = result.exitCode === 0 ? '' : `${result.stderr === '' || result.stderr.endsWith('\n') ? '' : '\n'}failed to run commands: exit status ${result.exitCode}`;
  context.tables.invocations.update(id, (record) => {
    record.status = 'InProgress';
    record.statusDetails = 'InProgress';
    record.startedAt = clock.now();
    record.stdout = result.stdout.slice(0, STDOUT_LIMIT);
    record.stderr = (result.timedOut ? result.stderr : result.stderr + failure).slice(0, STDERR_LIMIT);
    record.ending = { exitCode: result.exitCode, timedOut: result.timedOut };
  });
  scheduler.after(awsSeconds('ssmCommand') + result.elapsedSeconds, INVOCATION_FINISHED, { id });
}

/** The script has ended: Success on exit status 0, Failed otherwise, TimedOut when `executionTimeout` stopped it. */
function finish(context: SsmContext, id: string, endedAt: number): void {
  context.tables.invocations.update(id, (record) => {
    const { ending } = record;
    if (record.status !== 'InProgress' || !ending) return;
    const status = ending.timedOut ? 'TimedOut' : ending.exitCode === 0 ? 'Success' : 'Failed';
    record.status = status;
    record.statusDetails = status === 'TimedOut' ? 'ExecutionTimedOut' : status;
    // A script stopped by its timeout reports no exit status.
    record.responseCode = ending.timedOut ? -1 : ending.exitCode;
    record.endedAt = endedAt;
  });
}
