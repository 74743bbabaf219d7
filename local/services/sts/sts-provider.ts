import type { DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse, GetCallerIdentityRequest, GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { RequestContext } from '../../protocol/http-answer';
import { ServiceError } from '../../protocol/service-error';
import { operation, type ServiceProvider } from '../../protocol/service-provider';

/**
 * STS: who the caller is, and what a refusal's encoded message says. A lab
 * function is its role's session; any other caller is the local account's root.
 */
export function createStsProvider(runtime: CloudRuntime): ServiceProvider {
  return {
    service: 'sts',
    operations: {
      GetCallerIdentity: operation({}, (_input: GetCallerIdentityRequest, { caller }: RequestContext): GetCallerIdentityResponse =>
        caller
          ? { Account: caller.accountId, Arn: caller.arn, UserId: caller.userId }
          : { Account: runtime.accountId, Arn: `arn:aws:iam::${runtime.accountId}:root`, UserId: runtime.accountId },
      ),
      DecodeAuthorizationMessage: operation({ EncodedMessage: true }, ({ EncodedMessage }: DecodeAuthorizationMessageRequest): DecodeAuthorizationMessageResponse => {
        const decoded = Buffer.from(EncodedMessage ?? '', 'base64url').toString('utf8');
        try {
          JSON.parse(decoded);
        } catch (error) {
          throw new ServiceError('InvalidAuthorizationMessageException', 'The error message could not be decoded: it is not one this endpoint encoded', 400, true, { cause: error });
        }
        return { DecodedMessage: decoded };
      }),
    },
    // "The input fails to satisfy the constraints specified by an AWS service." (AWS Security Token Service API
    // Reference, Common Errors, ValidationError).
    unmodelledParameterCode: 'ValidationError',
  };
}
