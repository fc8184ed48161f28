// `npm run baken -- <command>`: administration from the command line.
//   user add <name> --role coordinator|admin --password-stdin
//   user add <name> --role editor --sector <sector> [--sector <sector> …] --password-stdin
//   user sectors <name> --sector <sector> [--sector <sector> …]
//   user disable|enable <name>
//   user reset-password <name> --password-stdin
//   user reset-2fa <name>   (new TOTP secret and recovery codes; removes passkeys)
//   user end-sessions <name>
//   audit verify
//   lists import <file.csv> --list <name>
//   lists show
//   backup <file>
//   restore <file>
//   coordinators set-list <name> | coordinators clear | coordinators show
//   line-owners set <sector> --list <name> | line-owners clear <sector> | line-owners show
//   mo gammu [inbox files…] [--inbox <dir>]   (gammu-smsd RunOnReceive: incoming SMS replies)
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentDir } from '../src/catalog/content-dir.ts';
import { markdownFileNames } from '../src/catalog/markdown-file-names-fs.ts';
import { listNameSchema } from '../src/schemas/subscriber.ts';
import { hashPassword, passwordProblem } from '../src/server/auth/password.ts';
import { enrolSecondFactor, type NewSecondFactor } from '../src/server/auth/second-factor.ts';
import { ROLES, type Role } from '../src/server/auth/user-store.ts';
import { loadConfig } from '../src/server/config.ts';
import { loadDelivery } from '../src/server/delivery.ts';
import { createReplyServices } from '../src/server/replies/create-reply-service.ts';
import { gammuMessageFromFile, gammuMessagesFromEnv } from '../src/server/replies/gammu-inbox.ts';
import type { ReceiveResult } from '../src/server/replies/reply-service.ts';
import { createProcessServices } from '../src/server/services.ts';
import { startupStep } from '../src/server/startup-step.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../src/server/store/backup-database.ts';
import { parseSubscriberCsv } from '../src/server/subscribers/import-csv.ts';

const USAGE = `Gebruik:
  npm run baken -- user add <naam> --role coordinator|admin --password-stdin
  npm run baken -- user add <naam> --role editor --sector <sector> [--sector <sector> …] --password-stdin
  npm run baken -- user sectors <naam> --sector <sector> [--sector <sector> …]   (sectoren van een redacteur vervangen)
  npm run baken -- user disable <naam>            (account uitzetten en uitloggen)
  npm run baken -- user enable <naam>
  npm run baken -- user reset-password <naam> --password-stdin
  npm run baken -- user reset-2fa <naam>          (nieuwe authenticator-sleutel en herstelcodes; passkeys vervallen)
  npm run baken -- user end-sessions <naam>       (overal uitloggen)
  npm run baken -- audit verify
  npm run baken -- lists import <bestand.csv> --list <naam>
  npm run baken -- lists show
  npm run baken -- backup <bestand>
  npm run baken -- restore <bestand>
  npm run baken -- coordinators set-list <naam>   (wie hoort dat een bericht op goedkeuring wacht)
  npm run baken -- coordinators clear
  npm run baken -- coordinators show
  npm run baken -- line-owners set <sector> --list <naam>   (wie hoort dat een lijn van de sector verloopt)
  npm run baken -- line-owners clear <sector>
  npm run baken -- line-owners show
  npm run baken -- mo gammu [bestanden…] [--inbox <map>]   (binnengekomen sms van gammu-smsd, voor RunOnReceive)`;

const MO_RESULT: Record<ReceiveResult['status'], string> = {
  counted: 'geteld',
  unsubscribed: 'afgemeld (STOP)',
  unknown: 'onbekend nummer of geen open vraag; apart bewaard',
  limited: 'te veel berichten van dit nummer; niet opgeslagen',
};

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    role: { type: 'string' },
    sector: { type: 'string', multiple: true },
    'password-stdin': { type: 'boolean' },
    list: { type: 'string' },
    inbox: { type: 'string' },
  },
});
const [area, action, target] = positionals;

/** Shows a new second factor once: the authenticator address on its own line, then the recovery codes. */
function printSecondFactor(factor: NewSecondFactor): void {
  console.log('Tweede stap: voeg deze sleutel toe aan een authenticator-app (kopiëren en plakken mag):');
  console.log(factor.otpauthUri);
  console.log('Herstelcodes (elk één keer te gebruiken als de telefoon weg is; bewaar ze op papier):');
  console.log(`  ${factor.recoveryCodes.join('  ')}`);
}
/** The --sector values: each a file in content/sectors/, at least one when `required`. */
function sectorsOption(required: boolean): string[] {
  const sectors = [...new Set(values.sector ?? [])];
  const known = markdownFileNames(join(contentDir(), 'sectors')).map((name) => name.replace(/\.md$/, ''));
  if (required && sectors.length === 0)
    fail(`Een redacteur hoort bij een of meer sectoren: geef --sector ${known.join(' | ')} (mag vaker).`);
  const unknown = sectors.filter((sector) => !known.includes(sector));
  if (unknown.length > 0) fail(`Onbekende sector: ${unknown.join(', ')}. Kies uit: ${known.join(', ')}.`);
  return sectors;
}

const config = await startupStep(() => loadConfig(process.env, process.cwd()));
const services = await startupStep(() => createProcessServices(config));
const operator = process.env.USER ?? 'beheerder';

if (area === 'user' && action === 'add') {
  if (!target || !/^[a-z0-9._-]{2,40}$/i.test(target))
    fail('Geef een gebruikersnaam van 2 tot 40 tekens (letters, cijfers, . _ -).');
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`Geef --role ${ROLES.join(' of ')}.`);
  const sectors = sectorsOption(role === 'editor');
  if (role !== 'editor' && sectors.length > 0) fail('Alleen een redacteur (--role editor) hoort bij sectoren.');
  if (!values['password-stdin'])
    fail('Geef het wachtwoord via standaardinvoer met --password-stdin, nooit op de opdrachtregel.');
  if (await services.users.findByName(target)) fail(`Gebruiker ${target} bestaat al.`);
  const password = await readStdin();
  const problem = passwordProblem(password, target);
  if (problem) fail(`Wachtwoord geweigerd: ${problem}.`);
  const user = await services.users.add(target, role, await hashPassword(password));
  if (sectors.length > 0) await services.userSectors.set(user.id, sectors);
  const factor = await enrolSecondFactor(services.users, user);
  await services.audit.append({
    actor: operator,
    action: 'user.added',
    subject: `user:${target}`,
    details: sectors.length > 0 ? { role, sectors } : { role },
  });
  console.log(`Gebruiker ${target} (${role}${sectors.length > 0 ? `, ${sectors.join(', ')}` : ''}) is aangemaakt.`);
  printSecondFactor(factor);
} else if (
  area === 'user' &&
  ['disable', 'enable', 'reset-password', 'reset-2fa', 'end-sessions'].includes(action ?? '')
) {
  const user = target ? await services.users.findByName(target) : undefined;
  if (!target || !user) fail(`Gebruiker ${target ?? '(geen naam)'} bestaat niet.`);
  if (action === 'disable' || action === 'enable') {
    await services.users.setDisabled(target, action === 'disable');
    const ended = action === 'disable' ? await services.sessions.destroyAllOf(user.id) : 0;
    await services.audit.append({
      actor: operator,
      action: `user.${action}d`,
      subject: `user:${target}`,
      details: { sessionsEnded: ended },
    });
    console.log(
      action === 'disable'
        ? `Gebruiker ${target} kan niet meer inloggen; ${ended} sessie(s) beëindigd.`
        : `Gebruiker ${target} kan weer inloggen.`,
    );
  } else if (action === 'reset-password') {
    if (!values['password-stdin'])
      fail('Geef het nieuwe wachtwoord via standaardinvoer met --password-stdin, nooit op de opdrachtregel.');
    const password = await readStdin();
    const problem = passwordProblem(password, target);
    if (problem) fail(`Wachtwoord geweigerd: ${problem}.`);
    await services.users.setPassword(target, await hashPassword(password));
    const ended = await services.sessions.destroyAllOf(user.id);
    await services.audit.append({
      actor: operator,
      action: 'user.password-reset',
      subject: `user:${target}`,
      details: { sessionsEnded: ended },
    });
    console.log(`Nieuw wachtwoord voor ${target} ingesteld; ${ended} sessie(s) beëindigd.`);
  } else if (action === 'reset-2fa') {
    const factor = await enrolSecondFactor(services.users, user);
    const passkeys = await services.passkeys.removeAll(user.id);
    const ended = await services.sessions.destroyAllOf(user.id);
    await services.audit.append({
      actor: operator,
      action: 'user.second-factor-reset',
      subject: `user:${target}`,
      details: { passkeysRemoved: passkeys, sessionsEnded: ended },
    });
    console.log(
      `Nieuwe tweede stap voor ${target}; de oude authenticator-sleutel, herstelcodes en ${passkeys} passkey(s) werken niet meer; ${ended} sessie(s) beëindigd.`,
    );
    printSecondFactor(factor);
  } else {
    const ended = await services.sessions.destroyAllOf(user.id);
    await services.audit.append({
      actor: operator,
      action: 'user.sessions-ended',
      subject: `user:${target}`,
      details: { sessionsEnded: ended },
    });
    console.log(`${ended} sessie(s) van ${target} beëindigd.`);
  }
} else if (area === 'user' && action === 'sectors') {
  const user = target ? await services.users.findByName(target) : undefined;
  if (!target || !user) fail(`Gebruiker ${target ?? '(geen naam)'} bestaat niet.`);
  if (user.role !== 'editor') fail(`${target} is geen redacteur; alleen redacteuren horen bij sectoren.`);
  const sectors = sectorsOption(true);
  await services.userSectors.set(user.id, sectors);
  await services.audit.append({
    actor: operator,
    action: 'user.sectors',
    subject: `user:${target}`,
    details: { sectors },
  });
  console.log(`${target} tekent voortaan voor: ${sectors.join(', ')}.`);
} else if (area === 'audit' && action === 'verify') {
  const result = await services.audit.verify();
  if (result.ok) {
    console.log(
      `Auditlog in orde: ${result.count === 1 ? '1 regel' : `${result.count} regels`}, de keten en het anker kloppen.`,
    );
  } else {
    console.error(`Auditlog NIET in orde: ${result.reason}.`);
    process.exit(1);
  }
} else if (area === 'lists' && action === 'import') {
  if (!target) fail('Geef het CSV-bestand.');
  const list = listNameSchema.safeParse(values.list ?? '').data;
  if (!list) fail('Geef de lijst met --list <naam>: een naam van 1 tot 80 tekens.');
  let text: string;
  try {
    text = readFileSync(target, 'utf8');
  } catch {
    fail(`Kan ${target} niet lezen.`);
  }
  const consent = `import in lijst ${list} door ${operator} op ${services.clock.now().toISOString().slice(0, 10)}`;
  const parsed = parseSubscriberCsv(text, consent);
  let created = 0;
  for (const row of parsed.rows)
    if ((await services.subscribers.upsertIntoList(list, row.subscriber, true)).created) created += 1;
  await services.audit.append({
    actor: operator,
    action: 'lists.imported',
    subject: `list:${list}`,
    details: { file: target, rows: parsed.rows.length, created, problems: parsed.problems.length },
  });
  for (const problem of parsed.problems) console.error(`regel ${problem.line}: ${problem.reason}`);
  for (const line of parsed.duplicates) console.error(`regel ${line}: dubbel in het bestand, overgeslagen`);
  console.log(
    `Lijst ${list}: ${parsed.rows.length} rijen goed (${created} nieuw, ${parsed.rows.length - created} al bekend), ${parsed.problems.length} met fouten, ${parsed.duplicates.length} dubbel.`,
  );
  if (parsed.problems.length > 0) process.exitCode = 1;
} else if (area === 'lists' && action === 'show') {
  for (const list of await services.subscribers.lists()) console.log(`${list.name}: ${list.members} abonnees`);
} else if (area === 'backup' && action) {
  // npm runs scripts in the project folder; a relative name means the folder the operator typed it in.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), action);
  if (!services.database.sqlite)
    fail(
      'Een reservekopie met Baken kan alleen van de ingebouwde SQLite-database. Gebruik voor PostgreSQL pg_dump (zie docs/scale-out.md).',
    );
  const { pages } = await backupDatabase(services.database.sqlite, file).catch((error: unknown) =>
    fail(error instanceof BackupError ? error.message : String(error)),
  );
  await services.audit.append({ actor: operator, action: 'database.backup', subject: 'database', details: { file } });
  console.log(`Reservekopie gemaakt: ${file} (${pages} pagina's).`);
  console.log(
    `Bewaar ook ${join(config.dataDir, 'secret.key')} veilig, apart van de kopie: zonder die sleutel werken persoonlijke links en de controle van het auditlog niet meer na een herstel.`,
  );
} else if (area === 'restore' && action) {
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), action);
  if (!services.database.sqlite)
    fail(
      'Herstellen met Baken kan alleen voor de ingebouwde SQLite-database. Gebruik voor PostgreSQL pg_restore (zie docs/scale-out.md).',
    );
  await services.close();
  const { keptAs } = await restoreDatabase(config.databasePath, file, new Date()).catch((error: unknown) =>
    fail(error instanceof BackupError ? error.message : String(error)),
  );
  const restored = await createProcessServices(config);
  await restored.audit.markRestored();
  await restored.audit.append({
    actor: operator,
    action: 'database.restored',
    subject: 'database',
    details: { file, keptAs },
  });
  console.log(`Database hersteld uit ${file}.${keptAs ? ` De vorige database staat in ${keptAs}.` : ''}`);
} else if (area === 'coordinators' && action === 'set-list') {
  if (!target) fail('Geef de naam van de lijst.');
  const list = (await services.subscribers.lists()).find((l) => l.name.toLowerCase() === target.toLowerCase());
  if (!list)
    fail(
      `De lijst ${target} bestaat niet. Importeer hem eerst met: npm run baken -- lists import <bestand.csv> --list ${target}`,
    );
  await services.settings.setCoordinatorsList(list.name);
  await services.audit.append({ actor: operator, action: 'settings.coordinators-list', subject: `list:${list.name}` });
  console.log(
    `Coördinatoren op de lijst ${list.name} (${list.members}) horen het voortaan als een bericht op goedkeuring wacht.`,
  );
} else if (area === 'line-owners' && (action === 'set' || action === 'clear')) {
  const known = markdownFileNames(join(contentDir(), 'sectors')).map((name) => name.replace(/\.md$/, ''));
  if (!target || !known.includes(target)) fail(`Geef een sector: ${known.join(', ')}.`);
  if (action === 'set') {
    const name = listNameSchema.safeParse(values.list ?? '').data;
    const list = name && (await services.subscribers.lists()).find((l) => l.name === name);
    if (!list) fail('Geef met --list een lijst die bestaat (npm run baken -- lists show).');
    await services.lineOwners.set(target, list.name);
    await services.audit.append({
      actor: operator,
      action: 'settings.line-owners',
      subject: `sector:${target}`,
      details: { list: list.name },
    });
    console.log(
      `De lijst ${list.name} (${list.members}) krijgt voortaan een e-mail 30 en 7 dagen voordat een lijn van ${target} verloopt.`,
    );
  } else {
    await services.lineOwners.set(target, null);
    await services.audit.append({
      actor: operator,
      action: 'settings.line-owners',
      subject: `sector:${target}`,
      details: { list: null },
    });
    console.log(`Niemand krijgt meer herinneringen voor de lijnen van ${target}.`);
  }
} else if (area === 'line-owners' && action === 'show') {
  const owners = await services.lineOwners.all();
  if (owners.size === 0) console.log('Er zijn geen lijsten voor herinneringen ingesteld.');
  for (const [sector, list] of owners) console.log(`${sector}: ${list}`);
} else if (area === 'coordinators' && action === 'clear') {
  await services.settings.setCoordinatorsList(null);
  await services.audit.append({ actor: operator, action: 'settings.coordinators-list', subject: 'list:' });
  console.log('Er gaat geen melding meer uit als een bericht op goedkeuring wacht.');
} else if (area === 'coordinators' && action === 'show') {
  const name = await services.settings.coordinatorsList();
  console.log(
    name
      ? `Meldingen over berichten die op goedkeuring wachten gaan naar de lijst ${name}.`
      : 'Er is geen lijst voor meldingen aan coördinatoren ingesteld.',
  );
} else if (area === 'mo' && action === 'gammu') {
  // gammu-smsd runs this as RunOnReceive: the message in its environment, or the inbox files named.
  const fromEnv = gammuMessagesFromEnv(process.env);
  const files = positionals.slice(2).map((name) => resolve(values.inbox ?? '.', name));
  const messages =
    fromEnv.length > 0
      ? fromEnv
      : files.flatMap((file) => {
          const message = gammuMessageFromFile(basename(file), readFileSync(file));
          return message ? [message] : [];
        });
  if (messages.length === 0)
    fail('Geen sms gevonden: geef de bestanden uit de inbox van gammu-smsd, of start dit vanuit RunOnReceive.');
  const delivery = loadDelivery(process.env, config, process.cwd());
  const { replies } = createReplyServices(services, { transports: delivery.transports });
  for (const message of messages) {
    const result = await replies.receiveSms('gammu', message.from, message.text);
    console.log(`sms van ${message.from}: ${MO_RESULT[result.status]}`);
  }
} else {
  fail(USAGE);
}

// A PostgreSQL pool would keep the process alive: close the store when the command is done.
await services.close().catch(() => undefined);
