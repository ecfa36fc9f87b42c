/** The `<id>` of a subcommand, e.g. `cord user get <id>`. */
export const idPositional = (what: string) =>
  ({ type: 'string', description: `The ${what}'s id`, demandOption: true }) as const;
