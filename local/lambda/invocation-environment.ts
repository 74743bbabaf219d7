import { AsyncLocalStorage } from 'node:async_hooks';

type Environment = Record<string, string | undefined>;

const current = new AsyncLocalStorage<Environment>();
let installed = false;

/**
 * `process.env` as each invocation's own: inside `withEnvironment(env, …)`
 * (and everything it awaits) a variable of `env` shadows the process's, so
 * functions running at once in this process each read their own variables,
 * their credentials above all, as each Lambda execution environment has
 * its own. Outside any invocation it is the process's environment as before.
 */
function install(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  const own = (key: string | symbol): Environment | undefined => {
    const env = current.getStore();
    return env && typeof key === 'string' && Object.hasOwn(env, key) ? env : undefined;
  };
  process.env = new Proxy(base, {
    get: (target, key) => (own(key) ?? target)[key as string],
    set: (target, key, value) => {
      (current.getStore() ?? target)[key as string] = String(value);
      return true;
    },
    has: (target, key) => own(key) !== undefined || key in target,
    deleteProperty: (target, key) => {
      const env = own(key);
      if (env) env[key as string] = undefined;
      else delete target[key as string];
      return true;
    },
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(current.getStore() ?? {}).filter((key) => current.getStore()?.[key] !== undefined)])],
    getOwnPropertyDescriptor: (target, key) => {
      const env = own(key);
      if (!env) return Reflect.getOwnPropertyDescriptor(target, key);
      const value = env[key as string];
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

/** Runs `body` with `environment` over the process's own, for it and all it awaits. */
export function withEnvironment<T>(environment: Readonly<Record<string, string>>, body: () => T): T {
  install();
  return current.run({ ...environment }, body);
}
