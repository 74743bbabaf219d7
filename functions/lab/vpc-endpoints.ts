import { type CreateVpcEndpointCommandInput, CreateVpcEndpointCommand, type EC2Client, type VpcEndpoint } from '@aws-sdk/client-ec2';
import { clientToken } from '../commons/client-token';
import { tagSpecifications } from '../commons/lab-tags';
import { answered } from './aws-answer';
import type { LabRun } from './lab-run';

export type EndpointRequest = Omit<CreateVpcEndpointCommandInput, 'ClientToken' | 'TagSpecifications'>;

/** A VPC endpoint of the run, made once: the ClientToken returns the first attempt's endpoint to any retry. */
export async function createVpcEndpoint(ec2: EC2Client, run: LabRun, logicalName: string, request: EndpointRequest): Promise<VpcEndpoint> {
  const { VpcEndpoint: endpoint } = await ec2.send(
    new CreateVpcEndpointCommand({ ...request, ClientToken: clientToken(run.runId, logicalName), TagSpecifications: tagSpecifications(run, logicalName, 'vpc-endpoint') }),
  );
  return answered(endpoint, `the ${logicalName} VPC endpoint`);
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
