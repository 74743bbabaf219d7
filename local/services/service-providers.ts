import type { CloudRuntime } from '../cloud/cloud-runtime';
import type { ServiceProvider } from '../protocol/service-provider';
import { createEc2Provider } from './ec2/ec2-provider';
import { createEc2InstanceConnectProvider } from './ec2instanceconnect/ec2instanceconnect-provider';
import { createElbv2Provider } from './elbv2/elbv2-provider';
import { createServiceQuotasProvider } from './servicequotas/servicequotas-provider';
import { createSsmProvider } from './ssm/ssm-provider';
import { createStsProvider } from './sts/sts-provider';

/** Every service the local cloud serves. */
export const createServiceProviders = (runtime: CloudRuntime): ServiceProvider[] => [createEc2Provider(runtime), createElbv2Provider(runtime), createSsmProvider(runtime), createStsProvider(runtime), createServiceQuotasProvider(runtime), createEc2InstanceConnectProvider(runtime)];
