import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSmsTransport } from '../../src/server/transports/http-sms-transport.ts';
import { type SmsMessage, type SmsTransport, TransportError } from '../../src/server/transports/transport.ts';

interface Request {
  authorization: string | undefined;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

const requests: Request[] = [];
const failedOnce = new Set<string>();
let gateway: Server;
let transport: SmsTransport;

/** A stub SMS gateway: how it answers depends on the number. */
function answer(to: string): { status: number; body?: unknown } | 'hang' {
  if (to === '+31600000001' && !failedOnce.has(to)) {
    failedOnce.add(to);
    return { status: 503, body: { error: 'onderhoud' } };
  }
  if (to === '+31600000002') return { status: 429, body: { error: 'te veel verzoeken' } };
  if (to === '+31600000003') return { status: 400, body: { error: 'ongeldig nummer' } };
  if (to === '+31600000004') return 'hang';
  return { status: 201, body: { id: `msg-${requests.length}` } };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

beforeAll(async () => {
  gateway = createServer(async (request, response) => {
    const body = await readJson(request);
    requests.push({
      authorization: request.headers.authorization,
      idempotencyKey: request.headers['idempotency-key'] as string | undefined,
      contentType: request.headers['content-type'],
      body,
    });
    const reply = answer((body as { to: string }).to);
    if (reply === 'hang') return;
    response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.address() as AddressInfo;
  transport = createHttpSmsTransport({
    url: `http://127.0.0.1:${port}/v1/messages`,
    token: 'geheim-token',
    from: 'Baken',
    timeoutMs: 500,
  });
});
afterAll(async () => {
  gateway?.closeAllConnections();
  await new Promise((resolve) => gateway?.close(resolve));
});

function sms(to: string): SmsMessage {
  return { channel: 'sms', to, text: 'Stroomstoring: school open tot 15:00', idempotencyKey: `b3-${to}-sms` };
}

async function failure(to: string): Promise<TransportError> {
  const error = await transport.send(sms(to)).catch((reason: unknown) => reason);
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

describe('the HTTP SMS transport against a stub gateway', () => {
  it('posts JSON with the bearer token and returns the gateway id', async () => {
    const receipt = await transport.send(sms('+31600000009'));
    expect(receipt.providerMessageId).toMatch(/^msg-\d+$/);
    expect(requests.at(-1)).toEqual({
      authorization: 'Bearer geheim-token',
      idempotencyKey: 'b3-+31600000009-sms',
      contentType: 'application/json',
      body: {
        from: 'Baken',
        to: '+31600000009',
        text: 'Stroomstoring: school open tot 15:00',
        reference: 'b3-+31600000009-sms',
      },
    });
  });

  it('reports a 503 as transient, and the retry is accepted', async () => {
    expect(await failure('+31600000001')).toMatchObject({
      kind: 'transient',
      code: 'http-sms-503',
      transport: 'http-sms',
    });
    await expect(transport.send(sms('+31600000001'))).resolves.toMatchObject({
      providerMessageId: expect.stringMatching(/^msg-/),
    });
  });

  it('reports a 429 as transient', async () => {
    expect(await failure('+31600000002')).toMatchObject({ kind: 'transient', code: 'http-sms-429' });
  });

  it('reports a 400 as permanent', async () => {
    const error = await failure('+31600000003');
    expect(error).toMatchObject({ kind: 'permanent', code: 'http-sms-400' });
    expect(error.message).toContain('ongeldig nummer');
  });

  it('reports a gateway that does not answer in time as transient', async () => {
    expect(await failure('+31600000004')).toMatchObject({ kind: 'transient', code: 'http-sms-timeout' });
  });
});
