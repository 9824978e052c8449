import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body). */
  raw: string;
  subject: string;
  /** The text body, quoted-printable decoded, lines unwrapped. */
  text: string;
  /** The attached files (parts with `Content-Disposition: attachment`), decoded. */
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** An in-process SMTP server on a loopback port that keeps what it receives. */
export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | null = null;

  constructor(private port = 0) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            subject: decodeHeader(/^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? ''),
            ...decodeMessage(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (the next delivery gets "connection refused"); start() again reuses the port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) and folded lines. */
function decodeHeader(value: string): string {
  return value
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=' && /^[0-9A-F]{2}$/i.test(input.slice(i + 1, i + 3))) {
      bytes.push(parseInt(input.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(input[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Headers and body of one entity (the message, or one part of a multipart message). */
function splitEntity(raw: string): { headers: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  return { headers: raw.slice(0, split), body: raw.slice(split).replace(/^\r?\n\r?\n/, '') };
}

const header = (headers: string, name: string) =>
  new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im')
    .exec(headers)?.[1]
    ?.replace(/\r?\n[ \t]+/g, ' ')
    .trim();

function decodeBytes(body: string, encoding: string | undefined): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') return Buffer.from(decodeQuotedPrintable(body), 'utf8');
  return Buffer.from(body, 'utf8');
}

/** The text and the attachments of a message as nodemailer writes it (single part, or multipart/mixed). */
function decodeMessage(raw: string): Pick<ReceivedMail, 'text' | 'attachments'> {
  const { headers, body } = splitEntity(raw);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(header(headers, 'Content-Type') ?? '')?.[1];
  const entities = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => splitEntity(part.replace(/^\r?\n/, '')))
    : [{ headers, body }];
  let text = '';
  const attachments: ReceivedMail['attachments'] = [];
  for (const e of entities) {
    const encoding = header(e.headers, 'Content-Transfer-Encoding')?.toLowerCase();
    const type = header(e.headers, 'Content-Type') ?? 'text/plain';
    const disposition = header(e.headers, 'Content-Disposition') ?? '';
    if (/^attachment/i.test(disposition))
      attachments.push({
        filename: decodeHeader(/filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? ''),
        contentType: type.split(';')[0].trim(),
        content: decodeBytes(e.body.replace(/\r?\n$/, ''), encoding),
      });
    else if (!text && /^text\/plain/i.test(type))
      text = decodeBytes(e.body, encoding).toString('utf8').replace(/\r\n/g, '\n');
  }
  return { text, attachments };
}
