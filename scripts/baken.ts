// `npm run baken -- <command>`: administration from the command line.
//   user add <name> --role coordinator|admin --password-stdin
//   audit verify
//   lists import <file.csv> --list <name>
//   lists show
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { hashPassword, passwordProblem } from '../src/server/auth/password.ts';
import { ROLES, type Role } from '../src/server/auth/users.ts';
import { loadConfig } from '../src/server/config.ts';
import { createProcessServices } from '../src/server/services.ts';
import { listNameSchema } from '../src/schemas/subscriber.ts';
import { parseSubscriberCsv } from '../src/server/subscribers/import-csv.ts';

const USAGE = `Gebruik:
  npm run baken -- user add <naam> --role coordinator|admin --password-stdin
  npm run baken -- audit verify
  npm run baken -- lists import <bestand.csv> --list <naam>
  npm run baken -- lists show`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, list: { type: 'string' } },
});
const [area, action, target] = positionals;
const config = loadConfig(process.env, process.cwd());
const services = createProcessServices(config);
const operator = process.env.USER ?? 'beheerder';

if (area === 'user' && action === 'add') {
  if (!target || !/^[a-z0-9._-]{2,40}$/i.test(target)) fail('Geef een gebruikersnaam van 2 tot 40 tekens (letters, cijfers, . _ -).');
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) fail(`Geef --role ${ROLES.join(' of ')}.`);
  if (!values['password-stdin']) fail('Geef het wachtwoord via standaardinvoer met --password-stdin, nooit op de opdrachtregel.');
  if (services.users.findByName(target)) fail(`Gebruiker ${target} bestaat al.`);
  const password = await readStdin();
  const problem = passwordProblem(password);
  if (problem) fail(`Wachtwoord geweigerd: ${problem}.`);
  services.users.add(target, role, await hashPassword(password));
  services.audit.append({ actor: operator, action: 'user.added', subject: `user:${target}`, details: { role } });
  console.log(`Gebruiker ${target} (${role}) is aangemaakt.`);
} else if (area === 'audit' && action === 'verify') {
  const result = services.audit.verify();
  if (result.ok) {
    console.log(`Auditlog in orde: ${result.count === 1 ? "1 regel" : `${result.count} regels`}, de keten klopt.`);
  } else {
    console.error(`Auditlog NIET in orde: regel ${result.seq}: ${result.reason}.`);
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
  for (const row of parsed.rows) if (services.subscribers.upsertIntoList(list, row.subscriber, true).created) created += 1;
  services.audit.append({ actor: operator, action: 'lists.imported', subject: `list:${list}`, details: { file: target, rows: parsed.rows.length, created, problems: parsed.problems.length } });
  for (const problem of parsed.problems) console.error(`regel ${problem.line}: ${problem.reason}`);
  for (const line of parsed.duplicates) console.error(`regel ${line}: dubbel in het bestand, overgeslagen`);
  console.log(
    `Lijst ${list}: ${parsed.rows.length} rijen goed (${created} nieuw, ${parsed.rows.length - created} al bekend), ${parsed.problems.length} met fouten, ${parsed.duplicates.length} dubbel.`,
  );
  if (parsed.problems.length > 0) process.exitCode = 1;
} else if (area === 'lists' && action === 'show') {
  for (const list of services.subscribers.lists()) console.log(`${list.name}: ${list.members} abonnees`);
} else {
  fail(USAGE);
}
