import type * as LabRuntime from '../../local/lab-runtime';

/**
 * Starts the local cloud in this process, loading it only then: a command on
 * AWS or on an endpoint never loads its two hundred modules. A require, not
 * `import()`: the sources run through tsx's CommonJS hook, and `import()`
 * would load a second copy of every module through the ESM loader.
 */
export const startLocalLab: typeof LabRuntime.startLocalLab = (options) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deferred load, explained above
  (require('../../local/lab-runtime') as typeof LabRuntime).startLocalLab(options);
