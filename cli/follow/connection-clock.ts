import type { LabConnection } from '../connection/lab-connection';
import { type AwsClock, awsClock, unknownClock } from './aws-clock';

/** The clock of the place the command works on, from the pace it declares. */
export const connectionClock = (connection: Pick<LabConnection, 'timeScale' | 'description'>): AwsClock =>
  connection.timeScale === undefined ? unknownClock(connection.description) : awsClock(connection.timeScale);
