import { type CreateVpcEndpointCommandInput, CreateVpcEndpointCommand, type EC2Client, paginateDescribeVpcEndpoints, type VpcEndpoint } from '@aws-sdk/client-ec2';
import { clientToken } from '../../commons/client-token';
import { runFilters, tagSpecifications } from '../../commons/lab-tags';
import { answered } from '../aws/aws-answer';
import { collect } from '../../commons/collect-pages';
import { findOrCreate } from '../aws/find-or-create';
import type { LabRun } from '../lab-run';

export type EndpointRequest = Omit<CreateVpcEndpointCommandInput, 'ClientToken' | 'TagSpecifications'>;

const findEndpoints = async (ec2: EC2Client, run: LabRun, logicalName: string): Promise<VpcEndpoint[]> =>
  (await collect(paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: runFilters(run.runId, logicalName) }), (page) => page.VpcEndpoints)).filter(
    (endpoint) => endpoint.State?.toLowerCase() !== 'deleted',
  );

/**
 * A VPC endpoint of the run, made once. A retried step finds the endpoint an
 * earlier attempt made before creating: CreateVpcEndpoint has one of EC2's
 * smallest request buckets (4, refilling 0.3 a second, per account), and a
 * replay answered through the ClientToken still spends a token that a
 * concurrent run is waiting for. The ClientToken covers an endpoint too new
 * to be listed yet.
 */
export async function createVpcEndpoint(ec2: EC2Client, run: LabRun, logicalName: string, request: EndpointRequest): Promise<VpcEndpoint> {
  return findOrCreate(
    `${logicalName} VPC endpoint`,
    (endpoint) => endpoint.VpcEndpointId,
    () => findEndpoints(ec2, run, logicalName),
    async () => {
      const { VpcEndpoint: endpoint } = await ec2.send(
        new CreateVpcEndpointCommand({ ...request, ClientToken: clientToken(run.runId, logicalName), TagSpecifications: tagSpecifications(run, logicalName, 'vpc-endpoint') }),
      );
      return answered(endpoint, `the ${logicalName} VPC endpoint`);
    },
  );
}

export interface InterfaceEndpointSpec {
  readonly vpcId: string;
  readonly serviceName: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  /** Makes the service's public name resolve to the endpoint inside the VPC (AWS services only). */
  readonly privateDns: boolean;
}

/** An interface endpoint in one subnet, guarded by one security group. */
export const createEndpointInSubnet = (ec2: EC2Client, run: LabRun, logicalName: string, spec: InterfaceEndpointSpec): Promise<VpcEndpoint> =>
  createVpcEndpoint(ec2, run, logicalName, {
    VpcEndpointType: 'Interface',
    VpcId: spec.vpcId,
    ServiceName: spec.serviceName,
    SubnetIds: [spec.subnetId],
    SecurityGroupIds: [spec.securityGroupId],
    PrivateDnsEnabled: spec.privateDns,
  });
