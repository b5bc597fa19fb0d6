import { AuthorityUnavailableError, type AuthorityStore } from '../../electron/store/authority-store';

/** Wraps a store so that a test can cut the authority off: every call then fails as a dead PostgreSQL would. */
export function flakyAuthority(store: AuthorityStore): { store: AuthorityStore; setDown(down: boolean): void } {
  let down = false;
  const wrapped = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(new AuthorityUnavailableError('PostgreSQL unreachable (127.0.0.1:5432/plant): connection refused'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, setDown: (value) => (down = value) };
}
