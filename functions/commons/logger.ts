import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger for every lab step (Powertools), keyed by the run being worked on; `POWERTOOLS_LOG_LEVEL` sets its level. */
export const logger = new Logger({ serviceName: 'vpce-lab' });
