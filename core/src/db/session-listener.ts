import pg from 'pg';
import { logger } from '../logger.ts';

export interface SessionListenerOptions {
  /** A connection that keeps its session (`Database.sessionUrl`): LISTEN does not survive transaction pooling. */
  url: string;
  /** Names the listener in logs and, as `dentalpin <name>`, in `pg_stat_activity.application_name`. */
  name: string;
  channels: readonly string[];
  onNotification(message: pg.Notification): void;
  /**
   * Runs after every connect, once LISTEN is in place. A NOTIFY sent while nothing listened is lost, so
   * this re-reads whatever the notifications would have announced. A failure is logged; the
   * connection stays up.
   */
  resync(): Promise<void>;
  /** First retry delay (ms); doubled per failed attempt up to `maxDelayMs`, each drawn with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * One dedicated LISTEN connection that comes back: when the connection is lost (server restart,
 * `pg_terminate_backend`, network) it reconnects with capped exponential back-off and jitter, and runs
 * `resync` on every (re)connect. One warning per outage, not one per retry.
 */
export class SessionListener {
  private client: pg.Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failedAttempts = 0;
  private outageSince: number | null = null;
  private closed = false;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly options: SessionListenerOptions) {
    this.minDelayMs = options.minDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
  }

  /** Whether a connection is listening now. */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects once and waits for that attempt; when it fails, the retries go on in the background. */
  async start(): Promise<void> {
    this.closed = false;
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const { name, url, channels } = this.options;
    // TCP keep-alive from 10 s of silence: a peer that vanished without closing is noticed, not listened to for hours.
    const client = new pg.Client({
      connectionString: url,
      application_name: `dentalpin ${name}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => undefined);
      this.scheduleRetry(reason);
    };
    // A terminated backend emits `error` and then `end`; a closed socket only `end`.
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('the connection ended'));
    client.on('notification', (message) => {
      if (!lost) this.options.onNotification(message);
    });
    try {
      await client.connect();
      for (const channel of channels) await client.query(`listen ${client.escapeIdentifier(channel)}`);
    } catch (e) {
      onLost((e as Error).message);
      return;
    }
    if (lost) return;
    if (this.closed) {
      lost = true;
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.outageSince !== null)
      logger.info(
        `${name}: listening again after ${((Date.now() - this.outageSince) / 1000).toFixed(1)} s (${this.failedAttempts} attempt(s))`,
      );
    this.outageSince = null;
    this.failedAttempts = 0;
    try {
      await this.options.resync();
    } catch (e) {
      logger.error(`${name}: catching up after connecting failed: ${(e as Error).message}`);
    }
  }

  private scheduleRetry(reason: string): void {
    if (this.closed || this.retryTimer) return;
    if (this.outageSince === null) {
      this.outageSince = Date.now();
      logger.warn(`${this.options.name}: LISTEN connection lost (${reason}); reconnecting with back-off`);
    } else logger.debug(`${this.options.name}: reconnect attempt ${this.failedAttempts} failed (${reason})`);
    const ceiling = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** this.failedAttempts);
    // Half fixed, half random: processes cut off together do not all come back at the same instant.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.failedAttempts++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
    this.retryTimer.unref();
  }
}
