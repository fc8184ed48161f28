// A loopback SMTP sink in its own process for the email benchmark: it counts messages and
// sends its URL to the parent over IPC.
import { startSmtpSink } from '../../tests/helpers/smtp-sink.ts';

const sink = await startSmtpSink({ keep: false });
process.send({ url: sink.url });
process.on('disconnect', () => sink.stop().then(() => process.exit(0)));
