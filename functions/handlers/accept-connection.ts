import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SNSEvent } from 'aws-lambda';
import { awsClients } from '../commons/aws-clients';
import { logger } from '../commons/logger';
import { acceptConnections } from '../lab/acceptance/accept-connection';
import { labSettings } from '../lab/lab-settings';

/**
 * SNS subscriber, not a workflow step: it must never fail on what arrives on
 * the topic (that is logged and ignored), so it validates each record itself
 * instead of refusing the event as `labStep` would.
 */
/** Module scope lives as long as the execution environment: its first notification is logged as it came, the later ones not. */
const formatSample = { logged: false };

export const handler = middy(async (event: SNSEvent, _context: Context) =>
  acceptConnections(event, { clients: awsClients(), logger, allowedOwners: labSettings().acceptAllowedOwners, formatSample }),
).use(injectLambdaContext(logger, { resetKeys: true }));
