/** The SMTP mailer (nodemailer), used only when smtp.url is set. */
import { createTransport, type Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { Mailer, MailMessage } from "./mailer.js";

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    url: string,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    this.transport = createTransport(url);
  }

  send(message: MailMessage): void {
    const delivery = this.transport
      .sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text })
      .then(
        () => undefined,
        // The recipient address is personal data and the body holds a secret link: log neither.
        (error: unknown) => {
          const { code, responseCode } = error as { code?: string; responseCode?: number };
          this.logger.error({ code, responseCode, subject: message.subject }, "sending mail failed");
        },
      )
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  async close(): Promise<void> {
    await Promise.all(this.pending);
    this.transport.close();
  }
}
