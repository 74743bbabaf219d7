import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';
import { vpcOperations } from './api/vpc-api';
import { ec2Context } from './model/ec2-context';
import { registerNetworkInterfaceEvents } from './model/network-interfaces';
import { registerVpcEvents } from './model/vpcs';

/** EC2: each resource family's operations, over one shared model. */
export function createEc2Provider(runtime: CloudRuntime): ServiceProvider {
  const context = ec2Context(runtime);
  registerVpcEvents(context);
  registerNetworkInterfaceEvents(context);
  return {
    service: 'ec2',
    operations: {
      ...vpcOperations(context),
    },
  };
}
