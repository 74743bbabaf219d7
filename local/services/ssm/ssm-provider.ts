import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';
import { commandOperations } from './api/command-api';
import { commandHistoryOperations } from './api/command-history-api';
import { instanceInformationOperations } from './api/instance-information-api';
import { parameterOperations } from './api/parameter-api';
import { registerCommandEvents } from './model/commands';
import { registerAgentEvents } from './model/ssm-agents';
import { ssmContext } from './model/ssm-context';
import { ec2Context } from '../ec2/model/ec2-context';
import { ssmAuthorization } from './iam/ssm-authorization';

/** SSM: the public AMI parameters, managed nodes and Run Command (with its command history), over the network model. */
export function createSsmProvider(runtime: CloudRuntime): ServiceProvider {
  const context = ssmContext(runtime);
  registerCommandEvents(context);
  registerAgentEvents(context);
  return {
    service: 'ssm',
    operations: {
      ...parameterOperations(),
      ...instanceInformationOperations(context),
      ...commandOperations(context),
      ...commandHistoryOperations(context),
    },
    // "The request isn't valid. Verify that you entered valid contents for the command and try again." (AWS Systems
    // Manager API Reference, ValidationException): SSM's own answer to input it cannot act on.
    unmodelledParameterCode: 'ValidationException',
    authorization: ssmAuthorization(ec2Context(runtime)),
  };
}
