import { useSyncExternalStore } from 'react';

/** Whether the service answered the last request: the app shows a banner while it does not. */
let lost = false;
const listeners = new Set<() => void>();
const set = (value: boolean) => {
  if (lost === value) return;
  lost = value;
  listeners.forEach((l) => l());
};

export const connection = {
  lost: () => set(true),
  ok: () => set(false),
  subscribe: (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export const useConnectionLost = (): boolean => useSyncExternalStore(connection.subscribe, () => lost);
