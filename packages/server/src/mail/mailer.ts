/** Outgoing email. Services hand a message over and move on; delivery happens in the background. */

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Queues a message; failures are logged by the mailer, never reported to the request that caused it. */
  send(message: MailMessage): void;
  /** Waits for queued messages (bounded by the transport's own timeouts), then releases connections. */
  close(): Promise<void>;
}
