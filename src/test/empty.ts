// Stands in for `server-only` under vitest, which does not run under the react-server condition.
export {};
