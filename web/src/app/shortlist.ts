import { useSyncExternalStore } from 'react';

// The partner shortlist: kept in this browser (localStorage), across pages and visits.
export interface ShortlistEntry {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  score: number;
  explanation: string;
  recommendedFor: string;
}

const key = 'knowledge-graph.shortlist';
const listeners = new Set<() => void>();
let cached: ShortlistEntry[] = load();

function load(): ShortlistEntry[] {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '[]') as ShortlistEntry[];
  } catch {
    return [];
  }
}

function save(entries: ShortlistEntry[]): void {
  cached = entries;
  localStorage.setItem(key, JSON.stringify(entries));
  listeners.forEach((listener) => listener());
}

export const shortlist = {
  add(entry: ShortlistEntry): void {
    if (!cached.some((e) => e.id === entry.id)) save([...cached, entry]);
  },
  remove(id: string): void {
    save(cached.filter((e) => e.id !== id));
  },
};

export function useShortlist(): ShortlistEntry[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => cached,
  );
}
