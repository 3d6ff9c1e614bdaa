/** A real SMTP server on loopback (smtp-server) that keeps what it receives, for tests of outgoing mail. */
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  from: string;
  raw: string;
  /** The decoded text of the message (quoted-printable soft breaks and escapes undone). */
  text: string;
}

export interface MailCatcher extends AsyncDisposable {
  url: string;
  received: CaughtMail[];
  /** Resolves with the next message (or one already waiting that no earlier call took). */
  next(timeoutMs?: number): Promise<CaughtMail>;
}

function decodeQuotedPrintable(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const received: CaughtMail[] = [];
  const waiting: ((mail: CaughtMail) => void)[] = [];
  let taken = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          raw,
          text: decodeQuotedPrintable(raw),
        };
        received.push(mail);
        callback();
        const waiter = waiting.shift();
        if (waiter) {
          taken++;
          waiter(mail);
        }
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    next(timeoutMs = 5000) {
      if (taken < received.length) return Promise.resolve(received[taken++] as CaughtMail);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no mail arrived")), timeoutMs);
        waiting.push((mail) => {
          clearTimeout(timer);
          resolve(mail);
        });
      });
    },
    async [Symbol.asyncDispose]() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
