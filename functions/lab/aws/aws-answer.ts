import { LabStepFailed } from '../../commons/lab-errors';

/** A field AWS always returns; its absence means the answer is not what the lab can work with. */
export function answered<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new LabStepFailed(`AWS answered without ${what}`);
  return value;
}

