import { type EC2Client, paginateDescribeVpcEndpoints, type VpcEndpoint } from '@aws-sdk/client-ec2';
import { LabStepFailed, NotReady } from '../../commons/lab-errors';
import type { StepDependencies } from '../../commons/lab-step';
import { runFilters } from '../../commons/lab-tags';
import { answered } from '../aws/aws-answer';
import { stateIs } from '../aws/ec2-states';
import { collect } from '../../commons/collect-pages';
import type { LabRun } from '../lab-run';
import { requireOwned } from '../aws/run-ownership';

export interface AwaitEndpointsInput {
  readonly run: LabRun;
  /** The endpoints to wait for; when omitted, every VPC endpoint tagged for the run (what the workflow has built so far). */
  readonly vpcEndpointIds?: string[];
}

async function endpointsToAwait(ec2: EC2Client, input: AwaitEndpointsInput): Promise<VpcEndpoint[]> {
  const { run, vpcEndpointIds } = input;
  if (vpcEndpointIds === undefined) return collect(paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: runFilters(run.runId) }), (page) => page.VpcEndpoints);
  if (vpcEndpointIds.length === 0) return [];
  const endpoints = await collect(paginateDescribeVpcEndpoints({ client: ec2 }, { VpcEndpointIds: vpcEndpointIds }), (page) => page.VpcEndpoints);
  return vpcEndpointIds.map((id) => {
    const endpoint = endpoints.find((candidate) => candidate.VpcEndpointId === id);
    if (!endpoint) throw new NotReady(`EC2 does not list VPC endpoint ${id} yet`);
    requireOwned('VPC endpoint', id, endpoint.Tags, run.runId);
    return endpoint;
  });
}

/**
 * AwaitVpcEndpointsAvailable: every endpoint awaited is `available`. Pending
 * ones (and one waiting for acceptance) are NotReady; one rejected, failed or
 * being deleted will not become available and fails the step.
 */
export async function awaitVpcEndpointsAvailable(input: AwaitEndpointsInput, { clients: { ec2 } }: StepDependencies): Promise<{ availableVpcEndpointIds: string[] }> {
  const endpoints = await endpointsToAwait(ec2, input);
  const waiting: string[] = [];
  for (const endpoint of endpoints) {
    const id = answered(endpoint.VpcEndpointId, 'a VPC endpoint id');
    const state = String(endpoint.State ?? 'unknown');
    if (stateIs(state, 'available')) continue;
    if (!stateIs(state, 'pending', 'pendingAcceptance')) {
      throw new LabStepFailed(`VPC endpoint ${id} (${endpoint.ServiceName}) is ${state} and will not become available${endpoint.LastError?.Message ? `: ${endpoint.LastError.Message}` : ''}`);
    }
    waiting.push(`${id} (${endpoint.ServiceName}) is ${state}`);
  }
  if (waiting.length > 0) throw new NotReady(`VPC endpoints not available yet: ${waiting.join('; ')}`);
  return { availableVpcEndpointIds: endpoints.map((endpoint) => answered(endpoint.VpcEndpointId, 'a VPC endpoint id')) };
}
