import { path } from '../api/endpoint.ts';
import { updateConfigFile } from '../config/configFile.ts';
import { CordCliError, EXIT } from '../errors.ts';
import { type CommandContext, type CordCommand, printing } from './context.ts';
import { jsonFlag, stringFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord project …` (also `application`, `app`): Cord's project-management API, signed with
// the customer's keys (CORD_CUSTOMER_ID, CORD_CUSTOMER_SECRET; local Cord's published ones by
// default). Local Cord serves one project: it lists, reads and updates it, and refuses
// `create` and `delete` with an error that says what to do instead.

interface Project {
  id: string;
  name: string;
  secret: string;
}

const projectOptions = (nameRequired: boolean) =>
  ({
    name: { ...stringFlag("The project's name"), demandOption: nameRequired },
    iconUrl: stringFlag("URL of the project's icon"),
    emailSettings: stringFlag('Email settings, as JSON'),
    eventWebhookUrl: stringFlag('Where Cord sends events'),
    redirectUri: stringFlag('The link used in email and Slack notifications'),
  }) as const;

interface ProjectArgs {
  name?: string | undefined;
  iconUrl?: string | undefined;
  emailSettings?: string | undefined;
  eventWebhookUrl?: string | undefined;
  redirectUri?: string | undefined;
}

/** Cord's body, whose keys are spelt unlike the flags. */
function projectBody(argv: ProjectArgs) {
  return {
    name: argv.name,
    iconURL: argv.iconUrl,
    eventWebhookURL: argv.eventWebhookUrl,
    redirectURI: argv.redirectUri,
    emailSettings: jsonFlag(argv.emailSettings, 'emailSettings'),
  };
}

async function getProject(context: CommandContext, id: string): Promise<Project> {
  return (await context.managementApi()).call<Project>('GET', path('projects', id));
}

/** Asks a question and insists on an answer; the input ending means giving up. */
async function answer(context: CommandContext, question: string, empty: string): Promise<string> {
  for (;;) {
    const reply = await context.io.ask(question);
    if (reply === undefined) throw new CordCliError('No answer: stopped.', EXIT.usage);
    if (reply.trim() !== '') return reply.trim();
    context.io.stdout(`${empty}\n`);
  }
}

export const projectCommand: CordCommand = {
  name: 'project',
  aliases: ['application', 'app'],
  description: 'Projects, with your customer keys (https://docs.cord.com/rest-apis/projects)',
  subcommands: (yargs, context) =>
    yargs
      .command(
        'ls',
        'List your projects: GET /v1/projects',
        (y) => y,
        printing(context, async () => (await context.managementApi()).call('GET', 'projects')),
      )
      .command(
        'get <id>',
        'Read a project: GET /v1/projects/<id>',
        (y) => y.positional('id', idPositional('project')),
        printing(context, ({ id }) => getProject(context, id)),
      )
      .command(
        'create',
        'Create a project: POST /v1/projects',
        (y) => y.options(projectOptions(true)),
        printing(context, async (argv) => (await context.managementApi()).call('POST', 'projects', projectBody(argv))),
      )
      .command(
        'update <id>',
        'Update a project: PUT /v1/projects/<id>',
        (y) => y.positional('id', idPositional('project')).options(projectOptions(false)),
        printing(context, async (argv) =>
          (await context.managementApi()).call('PUT', path('projects', argv.id), projectBody(argv)),
        ),
      )
      .command(
        'delete <id>',
        'Delete a project, with its users, threads and messages: DELETE /v1/projects/<id>',
        (y) =>
          y.positional('id', idPositional('project')).options({
            force: { type: 'boolean', alias: 'f', description: 'Do not ask for the secret: DELETES EVERYTHING IN IT' },
          }),
        printing(context, async ({ id, force }) => {
          const secret = force
            ? (await getProject(context, id)).secret
            : await answer(
                context,
                `This deletes project ${id} with all its users, threads and messages. Type its secret to confirm: `,
                'You must provide the project secret to delete the project',
              );
          return (await context.managementApi()).call('DELETE', path('projects', id), { secret });
        }),
      )
      .command(
        'select',
        'Choose the project the other commands use, and save it',
        (y) => y,
        printing(context, async () => {
          const projects = await (await context.managementApi()).call<Project[]>('GET', 'projects');
          if (projects.length === 0) throw new CordCliError('You have no projects.', EXIT.cordRefused);
          context.io.stdout(
            projects.map((project, index) => `${index + 1}. ${project.name} (${project.id})\n`).join(''),
          );
          let chosen: Project | undefined;
          while (!chosen) {
            chosen = projects[Number(await answer(context, 'Which project would you like to use? ', '')) - 1];
          }
          const { id, secret, name } = await getProject(context, chosen.id);
          await updateConfigFile(context.environment().configPath, {
            CORD_PROJECT_ID: id,
            CORD_PROJECT_SECRET: secret,
          });
          return `You are now querying within ${name}`;
        }),
      )
      .command(
        'which',
        'Show the project the other commands use',
        (y) => y,
        printing(context, async () => getProject(context, (await context.connection()).project.id)),
      ),
};
