import { DescribeRouteTablesCommand } from '@aws-sdk/client-ec2';
import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import type { LabRun } from '../lab-run';
import type { Consumer, VpcEndpointIds } from '../lab-state';
import { awsServiceName, GATEWAY_SERVICES, LOGICAL } from '../lab-topology';
import { requireOwned } from '../aws/run-ownership';
import { createVpcEndpoint } from './vpc-endpoints';

/**
 * CreateGatewayEndpoints (gateway lesson): S3 and DynamoDB gateway endpoints
 * on both consumer route tables, which gain a prefix-list route each. The
 * route tables are checked to be the run's before the endpoints change them.
 */
export async function createGatewayEndpoints(input: { run: LabRun; consumer: Consumer }, { clients: { ec2 } }: StepDependencies): Promise<VpcEndpointIds> {
  const { run, consumer } = input;
  const routeTableIds = [consumer.publicRouteTableId, consumer.privateRouteTableId];
  const { RouteTables } = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: routeTableIds }));
  for (const id of routeTableIds) requireOwned('route table', id, RouteTables?.find((table) => table.RouteTableId === id)?.Tags, run.runId);
  const vpcEndpointIds: string[] = [];
  for (const service of GATEWAY_SERVICES) {
    const endpoint = await createVpcEndpoint(ec2, run, LOGICAL.gatewayEndpoint(service), {
      VpcEndpointType: 'Gateway',
      VpcId: consumer.vpcId,
      ServiceName: awsServiceName(run.region, service),
      RouteTableIds: routeTableIds,
    });
    vpcEndpointIds.push(answered(endpoint.VpcEndpointId, `the ${service} gateway endpoint's id`));
  }
  return { vpcEndpointIds };
}
