import { DeleteTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { StepDependencies } from '../../commons/lab-step';
import { deleteEach } from './dependency-refusals';
import { ownedByRun, targetGroupsWithTags } from './elbv2-tagged';
import type { TeardownInput } from './teardown-input';

export interface DeletedTargetGroups {
  readonly targetGroupArns: string[];
}

/** Deletes the run's target groups; `ResourceInUse` while a listener still forwards to one is DependencyStillPresent. */
export async function deleteTargetGroups({ runId }: TeardownInput, { clients }: StepDependencies): Promise<DeletedTargetGroups> {
  const groups = ownedByRun(await targetGroupsWithTags(clients.elbv2), runId);
  const targetGroupArns = await deleteEach(
    groups,
    (group) => ({ id: group.TargetGroupArn ?? '', what: `target group ${group.TargetGroupName ?? group.TargetGroupArn}` }),
    (group) => clients.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: group.TargetGroupArn })),
  );
  return { targetGroupArns };
}
