/** Stand-in function: returns what it was given, marked, so a test sees the Task's result. */
export const handler = async (event: unknown) => ({ echoed: event });
