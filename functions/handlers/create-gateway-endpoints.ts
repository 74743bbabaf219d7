import { z } from 'zod';
import { labStep } from '../commons/lab-step';
import { createGatewayEndpoints } from '../lab/build/create-gateway-endpoints';
import { labRunSchema } from '../lab/lab-run';
import { consumerSchema } from '../lab/lab-state';

export const handler = labStep('CreateGatewayEndpoints', z.object({ run: labRunSchema, consumer: consumerSchema }), createGatewayEndpoints);
