import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { securityHeaders } from './gateway.ts';

/** A bare app behind the gateway's headers; `trust proxy` lets a test say the client came over TLS. */
describe('security headers', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.set('trust proxy', true);
    app.use(securityHeaders(false));
    app.get('/', (_req, res) => res.send('ok'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('send HSTS only to clients that came over TLS', async () => {
    expect((await fetch(url)).headers.get('strict-transport-security')).toBeNull();
    const overTls = await fetch(url, { headers: { 'x-forwarded-proto': 'https' } });
    expect(overTls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('forbid framing and inline script outside development, and allow them for the Sandbox only in it', async () => {
    const csp = (await fetch(url)).headers.get('content-security-policy');
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    const dev = express().use(securityHeaders(true));
    dev.get('/', (_req, res) => res.send('ok'));
    const devServer = dev.listen(0, '127.0.0.1');
    await new Promise((r) => devServer.once('listening', r));
    const devCsp = (await fetch(`http://127.0.0.1:${(devServer.address() as AddressInfo).port}/`)).headers.get(
      'content-security-policy',
    );
    await new Promise<void>((r) => devServer.close(() => r()));
    expect(devCsp).toMatch(/script-src 'self' 'unsafe-inline' https:\/\/embeddable-sandbox\.cdn\.apollographql\.com/);
    expect(devCsp).toMatch(/frame-ancestors 'none'/);
  });
});
