import nodemailer, { type Transporter } from 'nodemailer';
import { config, type Config } from '@dentalpin/core';

/** One e-mail as a channel sends it. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** Display name of the sender (the clinic's sender name, else its name). */
  senderName: string;
  replyTo: string | null;
  /** Files sent with it (the invoice's PDF). */
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

export interface SendResult {
  provider: string;
  providerMessageId: string | null;
}

/** A way to deliver messages. Implementations throw when the message was not accepted. */
export interface Channel {
  readonly provider: string;
  send(message: OutgoingEmail): Promise<SendResult>;
  close(): void;
}

export interface ChannelLogger {
  info(message: string): void;
}

const DEFAULT_FROM = 'no-reply@dentalpin.localhost';

/** SMTP through nodemailer (`DENTALPIN_SMTP_URL`, e.g. smtp://user:pass@host:587). */
export class SmtpChannel implements Channel {
  readonly provider = 'smtp';
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string = DEFAULT_FROM,
  ) {
    this.transport = nodemailer.createTransport({
      url,
      // Fail a dead server quickly: the dispatcher retries later with backoff.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(m: OutgoingEmail): Promise<SendResult> {
    const info = await this.transport.sendMail({
      from: { name: m.senderName, address: this.from },
      to: m.to,
      replyTo: m.replyTo ?? undefined,
      subject: m.subject,
      text: m.text,
      html: m.html ?? undefined,
      attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    });
    return { provider: this.provider, providerMessageId: info.messageId ?? null };
  }

  close(): void {
    this.transport.close();
  }
}

/** Development: writes the message to the log and reports it sent. */
export class ConsoleChannel implements Channel {
  readonly provider = 'console';
  constructor(private readonly logger: ChannelLogger) {}

  async send(m: OutgoingEmail): Promise<SendResult> {
    const files = m.attachments.map((a) => `\n[attached: ${a.filename}, ${a.content.length} bytes]`).join('');
    this.logger.info(`notifications (console channel) to ${m.to}: ${m.subject}\n${m.text}${files}`);
    return { provider: this.provider, providerMessageId: null };
  }

  close(): void {}
}

/** SMTP when `DENTALPIN_SMTP_URL` is set, else the console channel. Read at each run, so a change needs no restart. */
export function channelFromConfig(logger: ChannelLogger, smtp: Config['smtp'] = config().smtp): Channel {
  return smtp.url ? new SmtpChannel(smtp.url, smtp.from?.trim() || DEFAULT_FROM) : new ConsoleChannel(logger);
}
