import type {
  DeregisterTargetsInput,
  DescribeTargetHealthInput,
  DescribeTargetHealthOutput,
  RegisterTargetsInput,
  TargetDescription,
  TargetHealthDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { RequestContext } from '../../../protocol/http-answer';
import type { InputModel } from '../../../protocol/modelled-input';
import { type Operation, operation } from '../../../protocol/service-provider';
import type { Elbv2Context } from '../model/elbv2-context';
import { missingMember, requireMember } from '../model/elbv2-errors';
import type { TargetGroupRecord } from '../model/elbv2-records';
import { HEALTH, type TargetHealthReport, targetHealth } from '../model/target-health';
import { validateTargets } from '../model/target-validation';
import { deregisterTargets, registerTargets, type TargetKey } from '../model/targets';
import { requireTargetGroup } from './elbv2-lookups';

/** What `targetKeys` reads of a target: its id and port (IP targets outside the VPC, by `AvailabilityZone`, are not modelled). */
const TARGETS: InputModel<TargetDescription> = { Id: true, Port: true };

/** The targets a call names; a target without a port means the group's port. */
function targetKeys(group: TargetGroupRecord, targets: readonly TargetDescription[] | undefined, options: { required: boolean }): TargetKey[] {
  if (options.required && (targets ?? []).length === 0) throw missingMember('targets');
  return (targets ?? []).map((target) => ({ id: requireMember(target.Id, 'targets.member.id'), port: target.Port ?? group.port }));
}

const describe = (group: TargetGroupRecord, key: TargetKey, health: TargetHealthReport): TargetHealthDescription => ({
  Target: { Id: key.id, Port: key.port },
  HealthCheckPort: group.healthCheckPort === 'traffic-port' ? String(key.port) : group.healthCheckPort,
  TargetHealth: { State: health.state, Reason: health.reason, Description: health.description },
});

export function targetOperations(context: Elbv2Context): Record<string, Operation> {
  return {
    RegisterTargets: operation(
      { TargetGroupArn: true, Targets: TARGETS },
      (input: RegisterTargetsInput, request: RequestContext): Record<string, never> => {
        const group = requireTargetGroup(context, request.region, input.TargetGroupArn);
        const keys = targetKeys(group, input.Targets, { required: true });
        validateTargets(context, group, keys, { registering: true });
        registerTargets(context, group, keys);
        return {};
      },
    ),

    DeregisterTargets: operation(
      { TargetGroupArn: true, Targets: TARGETS },
      (input: DeregisterTargetsInput, request: RequestContext): Record<string, never> => {
        const group = requireTargetGroup(context, request.region, input.TargetGroupArn);
        const keys = targetKeys(group, input.Targets, { required: true });
        validateTargets(context, group, keys, { registering: false });
        deregisterTargets(context, group, keys);
        return {};
      },
    ),

    /** Every registered target, or the ones asked about; one that is not registered (at that port) is `unused`, `Target.NotRegistered` (see HEALTH). */
    DescribeTargetHealth: operation(
      { TargetGroupArn: true, Targets: TARGETS },
      (input: DescribeTargetHealthInput, request: RequestContext): DescribeTargetHealthOutput => {
        const group = requireTargetGroup(context, request.region, input.TargetGroupArn);
        const asked = targetKeys(group, input.Targets, { required: false });
        validateTargets(context, group, asked, { registering: false });
        const registered = (key: TargetKey) => group.targets.find((target) => target.id === key.id && target.port === key.port);
        const descriptions =
          asked.length === 0
            ? group.targets.map((target) => describe(group, target, targetHealth(context, group, target)))
            : asked.map((key) => {
                const target = registered(key);
                return describe(group, key, target ? targetHealth(context, group, target) : HEALTH.notRegistered);
              });
        return { TargetHealthDescriptions: descriptions };
      },
    ),
  };
}
