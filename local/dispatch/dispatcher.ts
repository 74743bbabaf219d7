import type { StaticOperationSchema } from '@smithy/types';
import type { CallJournal } from '../cloud/call-journal';
import type { CloudRuntime } from '../cloud/cloud-runtime';
import type { InstanceApiRequest } from '../cloud/instance-services';
import type { LocalIam } from '../iam/local-iam';
import { newRequestId } from '../cloud/ids';
import type { HttpAnswer, RequestContext } from '../protocol/http-answer';
import { jsonProtocol } from '../protocol/json-protocol';
import { unmodelledPart } from '../protocol/modelled-input';
import { queryProtocol } from '../protocol/query-protocol';
import { routeRequest } from '../protocol/route-request';
import { operationSchema, type ServiceDescription } from '../protocol/service-catalog';
import { asServiceError, invalidAction, ServiceError, UnmodelledParameter } from '../protocol/service-error';
import { isReadOnlyAction, type ServiceProvider } from '../protocol/service-provider';

export interface IncomingRequest {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

const UNROUTABLE = new ServiceError(
  'UnrecognizedClientException',
  'The request names no service this endpoint serves: sign it with SigV4 for ec2, elasticloadbalancing, ssm, sts, states, servicequotas or ec2-instance-connect',
);

/**
 * The one generic protocol layer: request → (service, action, input) →
 * provider operation → output → response, and every failure → an error in
 * the protocol's own form. A call that fails leaves the state as it was.
 */
export class Dispatcher {
  private readonly providers = new Map<string, ServiceProvider>();

  constructor(
    private readonly runtime: CloudRuntime,
    private readonly journal: CallJournal,
    providers: readonly ServiceProvider[],
    /** Authorizes each call of a role session; every call is an administrator's without it. */
    private readonly iam?: LocalIam,
  ) {
    for (const provider of providers) this.providers.set(provider.service, provider);
  }

  handle(request: IncomingRequest): HttpAnswer {
    return this.respond(request, undefined);
  }

  /**
   * A request from a script on an instance (the AWS CLI there), which runs
   * inside a due event of the cloud: the cloud is already at the present the
   * event runs in, so nothing is advanced (that would run later events in the
   * middle of this one), and the call is made at the moment the script sent it.
   */
  handleFromInstance(request: InstanceApiRequest): HttpAnswer {
    return this.respond(request, request.sentAt);
  }

  /** `sentAt` is set for a request from an instance; any other is received now, once the due changes have run. */
  private respond(request: IncomingRequest, sentAt: number | undefined): HttpAnswer {
    const requestId = newRequestId();
    const route = routeRequest(request.headers, request.body);
    if (!route) return jsonProtocol.writeError({ signingName: '', protocol: 'awsJson1_1', apiVersion: '', schemas: {} }, UNROUTABLE, requestId);
    const { service, region } = route;
    let action = '(unknown)';
    const caller = this.iam?.principalOf(request.headers.authorization);
    try {
      const call = this.readCall(service, request);
      action = call.action;
      if (sentAt === undefined) this.advance();
      const receivedAt = sentAt ?? this.runtime.clock.now();
      const output = this.invoke(service, call.operation, call.input, { requestId, region, accountId: this.runtime.accountId, action, receivedAt, caller });
      const answer = this.codec(service).writeOutput(service, call.operation, output, requestId);
      this.journal.record({ at: this.runtime.clock.now(), service: service.signingName, action, status: 200, caller: caller?.arn });
      return answer;
    } catch (thrown) {
      const error = asServiceError(thrown);
      this.journal.record({ at: this.runtime.clock.now(), service: service.signingName, action, status: error.status, errorCode: error.code, caller: caller?.arn });
      return this.codec(service).writeError(service, error, requestId);
    }
  }

  /** Runs what the clock has made due, so every answer reflects the present. */
  advance(): void {
    this.runtime.scheduler.runDue();
    this.runtime.store.flush();
  }

  private readCall(service: ServiceDescription, request: IncomingRequest): { action: string; operation: StaticOperationSchema; input: Record<string, unknown> } {
    if (service.protocol === 'ec2Query' || service.protocol === 'awsQuery') {
      const { action, params } = queryProtocol.readAction(request.body);
      const operation = this.operation(service, action);
      return { action: operation[2], operation, input: queryProtocol.readInput(service, operation, params) };
    }
    const action = jsonProtocol.readAction(service, request.headers['x-amz-target']);
    const operation = this.operation(service, action);
    return { action: operation[2], operation, input: jsonProtocol.readInput(operation, request.body) };
  }

  private operation(service: ServiceDescription, action: string | undefined): StaticOperationSchema {
    const operation = action === undefined ? undefined : operationSchema(service, action);
    const implemented = operation && this.providers.get(service.signingName)?.operations[operation[2]];
    if (!operation || !implemented) {
      if (service.protocol.startsWith('awsJson')) {
        throw new ServiceError('UnknownOperationException', `The operation ${action ?? '(none)'} is not supported by this endpoint`);
      }
      throw invalidAction(action ?? '(none)', service.signingName);
    }
    return operation;
  }

  private invoke(service: ServiceDescription, operation: StaticOperationSchema, input: Record<string, unknown>, context: RequestContext): unknown {
    this.runtime.call.region = context.region;
    try {
      return this.answer(service, operation, input, context);
    } finally {
      this.runtime.call.region = undefined;
    }
  }

  private answer(service: ServiceDescription, operation: StaticOperationSchema, input: Record<string, unknown>, context: RequestContext): unknown {
    const injected = this.runtime.faults.check(service.signingName, context.action);
    if (injected) throw injected;
    this.runtime.rateLimits?.admit(service.signingName, context.action, input);
    // IAM decides before DryRun answers: a dry run is how a caller asks whether it may (EC2 API Reference, "DryRun").
    if (context.caller && this.iam) {
      const refused = this.iam.refusal(context.caller, service.signingName, context.action, input, this.providers.get(service.signingName)?.authorization?.[context.action], context.region);
      if (refused) throw refused;
    }
    const provider = this.providers.get(service.signingName);
    const implemented = provider?.operations[operation[2]];
    if (!provider || !implemented) throw invalidAction(context.action, service.signingName);
    // Before DryRun answers: a request the model would not carry out in full must never be told it would have succeeded.
    const unmodelled = unmodelledPart(implemented.modelled, input);
    if (unmodelled) throw new UnmodelledParameter(provider.unmodelledParameterCode, context.action, unmodelled);
    if (input.DryRun === true) {
      throw new ServiceError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    }
    if (isReadOnlyAction(context.action)) return implemented.run(input, context);
    return this.runtime.store.transaction(() => implemented.run(input, context));
  }

  private codec(service: ServiceDescription): typeof queryProtocol | typeof jsonProtocol {
    return service.protocol.startsWith('awsJson') ? jsonProtocol : queryProtocol;
  }
}
