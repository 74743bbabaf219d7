import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { awaitVpcEndpointsAvailable } from '../lab/build/await-vpc-endpoints-available';
import { labRunSchema } from '../lab/lab-run';
import { ID } from '../lab/lab-state';

export const handler = labStep(
  'AwaitVpcEndpointsAvailable',
  z.object({
    run: labRunSchema,
    vpcEndpointIds: z.array(ID.vpcEndpoint).optional(),
  }),
  awaitVpcEndpointsAvailable,
);
