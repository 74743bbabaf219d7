/** asl-validator ships no types: its default export as its README documents it. */
declare module 'asl-validator' {
  interface AslValidationError {
    readonly 'Error code': string;
    readonly Message: string;
    readonly path?: string;
  }
  function validator(definition: object, options?: { checkPaths?: boolean; checkArn?: boolean }): { isValid: boolean; errors: AslValidationError[]; errorsText: (separator?: string) => string };
  export = validator;
}
