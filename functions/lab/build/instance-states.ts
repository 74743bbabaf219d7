import { type EC2Client, type Instance, paginateDescribeInstances } from '@aws-sdk/client-ec2';
import { awsErrorCode } from '../../commons/aws-error-code';
import { LabStepFailed, NotReady } from '../../commons/lab-errors';
import { collect } from '../../commons/collect-pages';
import { requireOwned } from '../aws/run-ownership';

export interface InstanceProgress {
  readonly running: string[];
  /** Still booting, each with the state it is in. */
  readonly pending: string[];
}

async function describe(ec2: EC2Client, ids: readonly string[]): Promise<Instance[]> {
  try {
    const reservations = await collect(paginateDescribeInstances({ client: ec2 }, { InstanceIds: [...ids] }), (page) => page.Reservations);
    return reservations.flatMap((reservation) => reservation.Instances ?? []);
  } catch (error) {
    // EC2 is eventually consistent: an instance just launched may be unknown to DescribeInstances for a moment.
    if (awsErrorCode(error) === 'InvalidInstanceID.NotFound') throw new NotReady(`EC2 does not list the instances yet: ${(error as Error).message}`);
    throw error;
  }
}

/**
 * Which of the run's instances are running and which are still starting.
 * An instance that stopped or is terminating will never run: that fails the step.
 */
export async function instanceProgress(ec2: EC2Client, runId: string, ids: readonly string[]): Promise<InstanceProgress> {
  const instances = await describe(ec2, ids);
  const running: string[] = [];
  const pending: string[] = [];
  for (const id of ids) {
    const instance = instances.find((candidate) => candidate.InstanceId === id);
    if (!instance) throw new NotReady(`EC2 does not list instance ${id} yet`);
    requireOwned('instance', id, instance.Tags, runId);
    const state = instance.State?.Name;
    if (state === 'running') running.push(id);
    else if (state === 'pending') pending.push(id);
    else throw new LabStepFailed(`instance ${id} is ${state ?? 'in no state'} and will not run again${instance.StateReason?.Message ? ` (${instance.StateReason.Message})` : ''}`);
  }
  return { running, pending };
}
