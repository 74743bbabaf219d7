/** An error carrying the name a workflow's Retry or Catch matches, as lab steps throw them. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
