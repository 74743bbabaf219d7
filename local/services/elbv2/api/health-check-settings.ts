import type { CreateTargetGroupInput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { requireRange, validationError } from '../model/elbv2-errors';
import type { HealthCheckSettings } from '../model/target-groups';

/** How an NLB can check its targets: a TCP connection, or an HTTP(S) request. */
const HEALTH_CHECK_PROTOCOLS: readonly string[] = ['TCP', 'HTTP', 'HTTPS'];

/**
 * The health check of a new group, with ELBv2's defaults for NLB target
 * groups: TCP to the traffic port every 30 s, 5 successes to be healthy, 2
 * failures to be unhealthy, a 10 s timeout (6 s for HTTP). HTTP checks ask
 * for `/` and accept 200-399.
 */
export function healthCheckOf(input: CreateTargetGroupInput, protocol: string): HealthCheckSettings {
  const checkProtocol = input.HealthCheckProtocol ?? 'TCP';
  if (!HEALTH_CHECK_PROTOCOLS.includes(checkProtocol)) {
    throw validationError(`Health check protocol '${checkProtocol}' is not supported for target groups with the ${protocol} protocol`);
  }
  if (input.HealthCheckEnabled === false) throw validationError(`Health checks cannot be disabled for target groups with the ${protocol} protocol`);
  const checkPort = input.HealthCheckPort ?? 'traffic-port';
  if (checkPort !== 'traffic-port') {
    if (!/^\d{1,5}$/.test(checkPort)) throw validationError(`Health check port '${checkPort}' must be 'traffic-port' or a port number`);
    requireRange('healthCheckPort', Number(checkPort), 1, 65535);
  }
  const http = checkProtocol !== 'TCP';
  if (!http && (input.HealthCheckPath !== undefined || input.Matcher !== undefined)) {
    throw validationError('A health check path and matcher can be specified only for HTTP and HTTPS health checks');
  }
  const interval = input.HealthCheckIntervalSeconds ?? 30;
  const timeout = input.HealthCheckTimeoutSeconds ?? (checkProtocol === 'HTTP' ? 6 : 10);
  requireRange('healthCheckIntervalSeconds', interval, 5, 300);
  requireRange('healthCheckTimeoutSeconds', timeout, 2, 120);
  if (timeout >= interval) throw validationError('Health check timeout must be smaller than the interval');
  const healthy = input.HealthyThresholdCount ?? 5;
  const unhealthy = input.UnhealthyThresholdCount ?? 2;
  requireRange('healthyThresholdCount', healthy, 2, 10);
  requireRange('unhealthyThresholdCount', unhealthy, 2, 10);
  return {
    healthCheckEnabled: true,
    healthCheckProtocol: checkProtocol,
    healthCheckPort: checkPort,
    healthCheckPath: http ? (input.HealthCheckPath ?? '/') : undefined,
    matcher: http ? (input.Matcher?.HttpCode ?? '200-399') : undefined,
    healthCheckIntervalSeconds: interval,
    healthCheckTimeoutSeconds: timeout,
    healthyThresholdCount: healthy,
    unhealthyThresholdCount: unhealthy,
  };
}

