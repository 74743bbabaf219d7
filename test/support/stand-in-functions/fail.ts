import { namedError } from './named-error';

/** Stand-in function: fails with the error name and message it is given. */
export const handler = async (event: { error: string; message: string }) => {
  throw namedError(event.error, event.message);
};
