import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';
import { commandOperations } from './api/command-api';
import { instanceInformationOperations } from './api/instance-information-api';
import { parameterOperations } from './api/parameter-api';
import { registerCommandEvents } from './model/commands';
import { ssmContext } from './model/ssm-context';
import { ec2Context } from '../ec2/model/ec2-context';
import { ssmAuthorization } from './iam/ssm-authorization';

/** SSM: the public AMI parameters, managed nodes and Run Command, over the network model. */
export function createSsmProvider(runtime: CloudRuntime): ServiceProvider {
  const context = ssmContext(runtime);
  registerCommandEvents(context);
  return {
    service: 'ssm',
    operations: {
      ...parameterOperations(),
      ...instanceInformationOperations(context),
      ...commandOperations(context),
    },
    authorization: ssmAuthorization(ec2Context(runtime)),
  };
}
