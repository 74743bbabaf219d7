import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { Operation, ServiceProvider } from '../../protocol/service-provider';
import { accountAttributeOperations } from './api/account-attribute-api';
import { instanceApi } from './api/instance-api';
import { networkInterfaceApi } from './api/network-interface-api';
import { vpcOperations } from './api/vpc-api';
import { availabilityZoneOperations } from './api/availability-zone-api';
import { instanceTypeOfferingOperations } from './api/instance-type-offering-api';
import { internetGatewayOperations } from './api/internet-gateway-api';
import { prefixListOperations } from './api/prefix-list-api';
import { routeTableOperations } from './api/route-table-api';
import { securityGroupOperations } from './api/security-group-api';
import { subnetOperations } from './api/subnet-api';
import { tagOperations } from './api/tag-api';
import { connectionNotificationOperations } from './api/connection-notification-api';
import { endpointConnectionOperations } from './api/endpoint-connection-api';
import { endpointServiceConfigurationOperations } from './api/endpoint-service-configuration-api';
import { vpcEndpointOperations } from './api/vpc-endpoint-api';
import { vpcEndpointServiceApi } from './api/vpc-endpoint-service-api';
import { ec2Authorization } from './iam/ec2-authorization';
import { provideDefaultVpc } from './model/default-vpc';
import { type Ec2Context, ec2Context } from './model/ec2-context';
import { registerInstanceEvents } from './model/instances';
import { registerNetworkInterfaceEvents } from './model/network-interfaces';
import { registerVpcEvents } from './model/vpcs';
import { registerSubnetEvents } from './model/subnets';
import { registerEndpointServiceEvents } from './model/endpoint-services';
import { registerVpcEndpointEvents } from './model/vpc-endpoints';

/** EC2: each resource family's operations, over one shared model. */
export function createEc2Provider(runtime: CloudRuntime): ServiceProvider {
  const context = ec2Context(runtime);
  registerVpcEvents(context);
  registerSubnetEvents(context);
  registerVpcEndpointEvents(context);
  registerEndpointServiceEvents(context);
  registerNetworkInterfaceEvents(context);
  registerInstanceEvents(context);
  const operations = inAccountRegion(context, {
    ...accountAttributeOperations(context),
    ...vpcOperations(context),
    ...subnetOperations(context),
    ...internetGatewayOperations(context),
    ...routeTableOperations(context),
    ...securityGroupOperations(context),
    ...tagOperations(context),
    ...availabilityZoneOperations(),
    ...instanceTypeOfferingOperations(runtime),
    ...prefixListOperations(),
    ...vpcEndpointServiceApi(context),
    ...vpcEndpointOperations(context),
    ...endpointServiceConfigurationOperations(context),
    ...endpointConnectionOperations(context),
    ...connectionNotificationOperations(context),
    ...instanceApi(context),
    ...networkInterfaceApi(context),
  });
  return {
    service: 'ec2',
    operations,
    // "The specified request includes an unsupported operation … The reason for the unsupported operation is returned
    // in the error message" (EC2 API Reference, Error codes for the Amazon EC2 API, common client errors).
    unmodelledParameterCode: 'UnsupportedOperation',
    authorization: ec2Authorization(context, Object.keys(operations)),
  };
}

/**
 * Each operation, run in a region the account has as AWS gives it: the
 * first call the cloud serves in a region finds the region's default VPC
 * already there (`model/default-vpc.ts`).
 */
function inAccountRegion(context: Ec2Context, operations: Record<string, Operation>): Record<string, Operation> {
  return Object.fromEntries(
    Object.entries(operations).map(([name, { modelled, run }]) => [
      name,
      {
        modelled,
        run: (input: unknown, request: Parameters<Operation['run']>[1]) => {
          provideDefaultVpc(context, request.region);
          return run(input, request);
        },
      },
    ]),
  );
}
