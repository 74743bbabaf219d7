import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger for every lab step (Powertools), keyed by the run being worked on. */
export const logger = new Logger({ serviceName: 'vpce-lab', logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
