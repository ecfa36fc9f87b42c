import { path, query } from '../api/endpoint.ts';
import { type CordCommand, printing } from './context.ts';
import { jsonFlag, numberFlag, ONE_VALUE, stringFlag } from './flags.ts';
import { idPositional } from './positionals.ts';

// `cord group …` (also `organization`, `org`): Cord's groups REST API.

const groupOptions = (nameRequired: boolean) =>
  ({
    name: { ...stringFlag("The group's name"), demandOption: nameRequired },
    status: { ...ONE_VALUE, choices: ['active', 'deleted'], description: 'Whether the group is active or deleted' },
    members: stringFlag('Every member, as a JSON array of user ids: replaces the members'),
    metadata: stringFlag('Metadata as a JSON object of strings, numbers and booleans'),
  }) as const;

interface GroupArgs {
  groupID: string;
  name?: string | undefined;
  status?: string | undefined;
  members?: string | undefined;
  metadata?: string | undefined;
}

const memberOption = { user: { ...stringFlag('The user'), demandOption: true } } as const;

export const groupCommand: CordCommand = {
  name: 'group',
  aliases: ['organization', 'org'],
  description: 'Groups and their members (https://docs.cord.com/rest-apis/groups)',
  subcommands: (yargs, context) => {
    const upsert = async (argv: GroupArgs) =>
      (await context.api()).call('PUT', path('groups', argv.groupID), {
        name: argv.name,
        status: argv.status,
        members: jsonFlag(argv.members, 'members'),
        metadata: jsonFlag(argv.metadata, 'metadata'),
      });
    const changeMembers = async (change: 'add' | 'remove', groupID: string, user: string) =>
      (await context.api()).call('POST', path('groups', groupID, 'members'), { [change]: [user] });
    return yargs
      .command(
        'ls',
        'List groups: GET /v1/groups',
        (y) => y,
        printing(context, async () => (await context.api()).call('GET', 'groups')),
      )
      .command(
        'get <groupID>',
        'Read a group: GET /v1/groups/<groupID>',
        (y) => y.positional('groupID', idPositional('group')),
        printing(context, async ({ groupID }) => (await context.api()).call('GET', path('groups', groupID))),
      )
      .command(
        'create <groupID>',
        'Create a group: PUT /v1/groups/<groupID>',
        (y) => y.positional('groupID', idPositional('group')).options(groupOptions(true)),
        printing(context, (argv) => upsert(argv)),
      )
      .command(
        'update <groupID>',
        'Update a group: PUT /v1/groups/<groupID>',
        (y) => y.positional('groupID', idPositional('group')).options(groupOptions(false)),
        printing(context, (argv) => upsert(argv)),
      )
      .command(
        'delete <groupID>',
        'Delete a group: DELETE /v1/groups/<groupID>',
        (y) => y.positional('groupID', idPositional('group')),
        printing(context, async ({ groupID }) => (await context.api()).call('DELETE', path('groups', groupID))),
      )
      .command(
        'get-members <groupID>',
        "List a group's members: GET /v1/groups/<groupID>/members",
        (y) =>
          y.positional('groupID', idPositional('group')).options({
            limit: numberFlag('How many members to list at most'),
            token: stringFlag('Pagination token from the previous page'),
          }),
        printing(context, async ({ groupID, limit, token }) =>
          (await context.api()).call('GET', `${path('groups', groupID, 'members')}${query({ token, limit })}`),
        ),
      )
      .command(
        'add-member <groupID>',
        'Add a user to a group: POST /v1/groups/<groupID>/members',
        (y) => y.positional('groupID', idPositional('group')).options(memberOption),
        printing(context, ({ groupID, user }) => changeMembers('add', groupID, user)),
      )
      .command(
        'remove-member <groupID>',
        'Remove a user from a group: POST /v1/groups/<groupID>/members',
        (y) => y.positional('groupID', idPositional('group')).options(memberOption),
        printing(context, ({ groupID, user }) => changeMembers('remove', groupID, user)),
      );
  },
};
