import { LAB_ERROR } from '../functions/commons/lab-errors';
import { awsSeconds, type LatencyStep } from '../contract/latency-profile';
import type { LabFunctionId } from '../contract/lab-function-ids';
import type { Flow, TaskState, Transition } from './asl/asl-types';
import { END, labTask, next } from './asl/lab-task';
import { polling, type PollingOptions } from './asl/retry-policy';

/** Every step finds the run's resources by their tags: the run id is all it is given. */
const byRunId = { 'runId.$': '$.runId' };

/** A step that deletes at once: what it deleted is kept for the output (`null`: an Await step keeps nothing). */
const teardownStep = (functionId: LabFunctionId, comment: string, resultPath: string | null, then: Transition): TaskState =>
  labTask(functionId, { comment, parameters: byRunId, resultPath, then });

/**
 * A step that waits on AWS, or on a resource still held by another: first poll
 * when what it waits on should be over (`waitsOn`, from the latency profile).
 */
const waitingStep = (functionId: LabFunctionId, comment: string, resultPath: string | null, waitsOn: LatencyStep, then: Transition, options: PollingOptions = {}): TaskState =>
  labTask(functionId, {
    comment,
    parameters: byRunId,
    resultPath,
    retry: [polling(awsSeconds(waitsOn), { errors: [LAB_ERROR.NotReady, LAB_ERROR.DependencyStillPresent], maxDelaySeconds: 2 * awsSeconds(waitsOn), ...options })],
    then,
  });

const endpointsAndService: Flow = {
  StartAt: 'DeleteVpcEndpoints',
  States: {
    DeleteVpcEndpoints: teardownStep(
      'DeleteVpcEndpoints',
      "All of the run's VPC endpoints: gateway, interface, and the consumer endpoint to the lab's service. Deleting ones no longer hold the service.",
      '$.vpcEndpoints',
      next('DeleteEndpointService'),
    ),
    DeleteEndpointService: waitingStep(
      'DeleteEndpointService',
      `Rejects the service's remaining connections, deletes its connection notifications, then the service. A connection not yet let go is retried on the endpoint's figure (endpointDeleted, ${awsSeconds('endpointDeleted')} s).`,
      '$.endpointServices',
      'endpointDeleted',
      next('DeleteLoadBalancer'),
    ),
    DeleteLoadBalancer: waitingStep(
      'DeleteLoadBalancer',
      `ELBv2 deletes the listeners with the NLB; its network interfaces are released later (awaited with the others). ResourceInUse while the service still holds it is retried on the service's figure (endpointServiceAvailable, ${awsSeconds('endpointServiceAvailable')} s), backing off.`,
      '$.loadBalancers',
      'endpointServiceAvailable',
      next('DeleteTargetGroups'),
      // A few seconds is the figure, so it backs off faster, to a minute, to stay patient enough.
      { backoffRate: 2, maxDelaySeconds: 60 },
    ),
    DeleteTargetGroups: waitingStep(
      'DeleteTargetGroups',
      `No listener forwards to them any more. ResourceInUse while one still does is retried on the NLB's figure (loadBalancerDeleted, ${awsSeconds('loadBalancerDeleted')} s).`,
      '$.targetGroups',
      'loadBalancerDeleted',
      END,
    ),
  },
};

const instances: Flow = {
  StartAt: 'TerminateInstances',
  States: {
    TerminateInstances: teardownStep('TerminateInstances', 'The consumer instances and the web servers.', '$.instances', next('AwaitInstancesTerminated')),
    AwaitInstancesTerminated: waitingStep(
      'AwaitInstancesTerminated',
      `shutting-down to terminated takes about a minute (instanceTerminated, ${awsSeconds('instanceTerminated')} s): first poll after ${awsSeconds('instanceTerminated')} s. Their network interfaces are released from then on.`,
      null,
      'instanceTerminated',
      END,
    ),
  },
};

/** The teardown of one run, as `statemachine/teardown.asl.json`. */
export const TEARDOWN: Flow = {
  Comment:
    "Tears one lab run down by its run id, finding everything by the run's tags, each step as soon as what it needs is gone: the endpoints, the endpoint service, the NLB and its target groups on one side, the instances on the other, then the networks once every network interface in them is released. Safe to run twice and on a half-built run. Input {runId}; output {runId} with what each step deleted (vpcEndpoints, endpointServices, loadBalancers, targetGroups, instances, networks).",
  StartAt: 'ReleaseRun',
  States: {
    ReleaseRun: {
      Type: 'Parallel',
      Comment:
        "Nothing of the instances waits on the endpoints or the NLB, so they are terminated at once, beside them. The branches' results become the document the next states read (the default ResultPath, $).",
      Branches: [endpointsAndService, instances],
      ResultSelector: {
        'runId.$': '$[0].runId',
        'vpcEndpoints.$': '$[0].vpcEndpoints',
        'endpointServices.$': '$[0].endpointServices',
        'loadBalancers.$': '$[0].loadBalancers',
        'targetGroups.$': '$[0].targetGroups',
        'instances.$': '$[1].instances',
      },
      Next: 'AwaitNetworkInterfacesReleased',
    },
    AwaitNetworkInterfacesReleased: waitingStep(
      'AwaitNetworkInterfacesReleased',
      `ENIs of the deleted endpoints, NLB and instances linger (eniReleased, ${awsSeconds('eniReleased')} s) and hold their subnets; the instances' are usually the last to go, ${awsSeconds('eniReleased')} s after they terminated, which is when this state starts: first poll after ${awsSeconds('eniReleased')} s. When many runs slow the NLB's deletion its ENIs can come later, so after the first poll it polls every two minutes rather than backing off further.`,
      null,
      'eniReleased',
      next('DeleteNetworks'),
      { maxDelaySeconds: awsSeconds('eniReleased'), maxAttempts: 15 },
    ),
    DeleteNetworks: waitingStep(
      'DeleteNetworks',
      `Per VPC: subnets, route tables, internet gateway (detached, deleted), security groups, VPC. A DependencyViolation left over is retried on the ENI figure (eniReleased, ${awsSeconds('eniReleased')} s).`,
      '$.networks',
      'eniReleased',
      END,
    ),
  },
};
