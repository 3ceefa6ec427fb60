/** What one delivery round did. */
export interface DeliveryRound {
  /** Another worker (or a rebuild) holds the index lock; nothing was claimed. */
  locked: boolean;
  claimed: number;
  delivered: number;
  failed: number;
  /** The first error, when something failed. */
  error?: string;
}

export interface OutboxBacklog {
  /** Undelivered events that may be delivered now. */
  due: number;
  /** Undelivered events waiting for their retry time. */
  waiting: number;
  /** Undelivered events that failed at least once. */
  failing: number;
  oldestCreatedAt: string | null;
  lastError: string | null;
}

export interface RetryPolicy {
  /** Delay after the first failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Delivers the events of these requirement keys to the index; throws when it could not. */
export type DeliverKeys = (keys: string[]) => Promise<void>;

/**
 * The transactional outbox as the search sync sees it. Injected by this abstract class.
 * Writers of the index (delivery, reconcile, rebuild) hold one lock between them, so a
 * document read earlier can never overwrite one read later, and a rebuild never misses
 * an event.
 */
export abstract class SearchOutbox {
  /**
   * Claims up to `limit` due events of these topics (`FOR UPDATE SKIP LOCKED`, under the
   * index lock when it is free), hands their keys to `deliver`, and records the outcome:
   * delivered, or attempts + 1, the error, and a retry time with exponential backoff.
   */
  abstract deliver(topics: readonly string[], limit: number, deliver: DeliverKeys, retry: RetryPolicy): Promise<DeliveryRound>;

  abstract backlog(topics: readonly string[]): Promise<OutboxBacklog>;

  /** Runs `work` holding the index lock, waiting for it if a delivery holds it. */
  abstract exclusive<T>(work: () => Promise<T>): Promise<T>;
}

/** The delay before retry number `attempt + 1`, with ±20 % jitter so that workers do not retry in step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
