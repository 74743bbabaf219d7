import type { GetParameterRequest, GetParameterResult } from '@aws-sdk/client-ssm';
import type { RequestContext } from '../../../protocol/http-answer';
import { ServiceError } from '../../../protocol/service-error';
import { type Operation, operation } from '../../../protocol/service-provider';
import { publicParameter } from '../model/public-parameters';
import { requirePresent } from './ssm-validation';

/** Parameter Store, as far as the lab reads it: the public Amazon Linux AMI parameters. */
export function parameterOperations(): Record<string, Operation> {
  return {
    GetParameter: operation(
      { Name: true, WithDecryption: true },
      (input: GetParameterRequest, request: RequestContext): GetParameterResult => {
        const name = requirePresent(input.Name, 'name');
        const found = publicParameter(request.region, name);
        if (!found) throw new ServiceError('ParameterNotFound', `Parameter ${name} not found.`);
        return {
          Parameter: { Name: found.name, Type: 'String', Value: found.value, Version: found.version, LastModifiedDate: found.lastModified, ARN: found.arn, DataType: 'text' },
        };
      },
    ),
  };
}
