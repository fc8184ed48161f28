// An SMTP sink in a process of its own, so the time it records for each message is not held up
// by the test process (which runs the assertions, a PostgreSQL client and more). Started by
// startSmtpSinkProcess(); answers questions over IPC.
import { startSmtpSink } from './smtp-sink.ts';

const sink = await startSmtpSink();

const messageId = (raw: Buffer) => /^Message-ID:\s*(\S+)/im.exec(raw.toString('latin1'))?.[1] ?? '';

process.on('message', (request: { kind: 'count' } | { kind: 'messages'; containing: string }) => {
  if (request.kind === 'count') process.send?.({ count: sink.messages.length });
  else
    process.send?.({
      messages: sink.messages
        .filter((m) => m.raw.toString('latin1').includes(request.containing))
        .map((m) => ({ recipients: m.recipients, messageId: messageId(m.raw), at: m.at })),
    });
});
process.on('disconnect', () => {
  void sink.stop().then(() => process.exit(0));
});
process.send?.({ url: sink.url });
