import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';
import { listenerOperations } from './api/listener-api';
import { loadBalancerOperations } from './api/load-balancer-api';
import { tagOperations } from './api/tag-api';
import { targetOperations } from './api/target-api';
import { targetGroupOperations } from './api/target-group-api';
import { elbv2Authorization } from './iam/elbv2-authorization';
import { elbv2Context } from './model/elbv2-context';
import { UNMODELLED_PARAMETER_CODE } from './model/elbv2-errors';
import { registerLoadBalancerEvents } from './model/load-balancers';
import { registerTargetEvents } from './model/targets';

/** ELBv2 (Network Load Balancers only): each resource family's operations, over one model built on EC2's. */
export function createElbv2Provider(runtime: CloudRuntime): ServiceProvider {
  const context = elbv2Context(runtime);
  registerLoadBalancerEvents(context);
  registerTargetEvents(context);
  return {
    service: 'elasticloadbalancing',
    operations: {
      ...loadBalancerOperations(context),
      ...targetGroupOperations(context),
      ...targetOperations(context),
      ...listenerOperations(context),
      ...tagOperations(context),
    },
    unmodelledParameterCode: UNMODELLED_PARAMETER_CODE,
    authorization: elbv2Authorization(context),
  };
}
