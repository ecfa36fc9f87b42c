import { z } from 'zod';
import { email, isUuid, name, url } from '../../protocol/fields.ts';
import type { EmailSettings, ProjectChanges, ProjectRecord } from '../../store/store.ts';
import { verifyWebhookUrl, WebhookUrlRefusal } from '../webhooks/verification.ts';
import { ApiError, isoTime, type RestContext, type Route, success } from './common.ts';
import { cordBody, nullOr } from './cordValidation.ts';

// Cord's project-management API, signed with the customer's keys: GET /v1/projects,
// GET and PUT /v1/projects/<id> (also under Cord's older name, /v1/applications). Local
// Cord serves one project, so creating and deleting projects are refused with a 403 that
// says what to do instead.

type LogoConfig = EmailSettings['logoConfig'];

/** A `{ width }` of at most 240 or a `{ height }` of at most 120, and nothing else. */
const isLogoSize = (value: unknown, key: 'width' | 'height', max: number) => {
  if (value === null || typeof value !== 'object') return false;
  const size = (value as Record<string, unknown>)[key];
  return Object.keys(value).length === 1 && typeof size === 'number' && size >= 0 && size <= max;
};

/** Cord's `anyOf` of a width, a height or null, refused as a whole as ajv refused it. */
const logoConfig = z.custom<LogoConfig>(
  (value) => value === null || isLogoSize(value, 'width', 240) || isLogoSize(value, 'height', 120),
  'must match one of: object, object, null',
);

/** Cord's UpdateApplicationVariables, its fields in Cord's order. */
const updateProjectBody = cordBody(
  'UpdateApplicationVariables',
  'applications',
  z.strictObject({
    emailSettings: z
      .strictObject({
        name: nullOr(name).optional(),
        imageURL: nullOr(url).optional(),
        sender: nullOr(email).optional(),
        logoConfig: logoConfig.optional(),
        enableEmailNotifications: z.boolean().optional(),
      })
      .optional(),
    name: name.min(1).optional(),
    iconURL: nullOr(url.pipe(z.url())).optional(),
    eventWebhookURL: nullOr(url.pipe(z.url())).optional(),
    redirectURI: nullOr(url).optional(),
  }),
);

const deleteProjectBody = cordBody(
  'DeleteApplicationVariables',
  'applications',
  z.strictObject({ secret: z.string().min(1) }),
);

type EmailSettingsChange = Partial<EmailSettings>;

/**
 * Cord's merge of new e-mail settings into a project's: a value given wins (null and
 * absent alike keep the old name and image), a project with no sender gets
 * `<project name>-notifications@cord.fyi`, one with no logo size 140 wide, sizes rounded.
 */
function mergeEmailSettings(current: EmailSettings, change: EmailSettingsChange, projectName: string): EmailSettings {
  const defaultSender = `${projectName.toLowerCase().split(/\W/).join('')}-notifications@cord.fyi`;
  const size = change.logoConfig;
  const logo: LogoConfig = !size
    ? (current.logoConfig ?? { width: 140 })
    : 'height' in size
      ? { height: Math.round(size.height) }
      : { width: Math.round(size.width) };
  return {
    // Cord shows an empty name or image as none.
    name: (change.name ?? current.name) || null,
    imageURL: (change.imageURL ?? current.imageURL) || null,
    sender: change.sender || current.sender || defaultSender,
    logoConfig: logo,
    enableEmailNotifications: change.enableEmailNotifications ?? current.enableEmailNotifications,
  };
}

/** Cord's ProjectData, keys in Cord's order. */
function projectData(project: ProjectRecord, secret: string) {
  return {
    id: project.id,
    secret,
    name: project.name,
    iconURL: project.iconUrl,
    eventWebhookURL: project.eventWebhookUrl,
    redirectURI: project.redirectUri,
    emailSettings: project.emailSettings,
    createdTimestamp: isoTime(project.createdAt),
  };
}

/** The project a path names, or Cord's refusal: 400 for an id that is not a UUID, 401 for another project. */
function requireProject(context: RestContext, id: string): ProjectRecord {
  if (!isUuid(id)) throw new ApiError(400, 'invalid_request', 'Project ID is invalid');
  const project = id === context.project.id ? context.store.projects.get(id) : undefined;
  if (!project) throw new ApiError(401, 'project_not_found', `Project ${id} not found.`);
  return project;
}

/** Local Cord's answer where Cord would make or remove a project. */
const singleProject = (message: string) => new ApiError(403, 'local_cord_single_project', message);

async function updateProject(context: RestContext, id: string, body: unknown) {
  const project = requireProject(context, id);
  const input = updateProjectBody.parse(body);
  // Cord checks an address when it changes, and keeps the old one if the check fails.
  if (input.eventWebhookURL && input.eventWebhookURL !== project.eventWebhookUrl) {
    try {
      await verifyWebhookUrl(context.project, input.eventWebhookURL);
    } catch (error) {
      if (!(error instanceof WebhookUrlRefusal)) throw error;
      throw new ApiError(
        400,
        'webhook_url_not_verified',
        `${error.message} For more information see: https://docs.cord.com/reference/events-webhook/events/url-verification`,
      );
    }
  }
  const changes: ProjectChanges = {
    name: input.name,
    iconUrl: input.iconURL,
    eventWebhookUrl: input.eventWebhookURL,
    redirectUri: input.redirectURI,
    // Cord names the default sender after the name the project had before this update.
    emailSettings: input.emailSettings && mergeEmailSettings(project.emailSettings, input.emailSettings, project.name),
  };
  context.store.projects.update(id, changes);
  return success(`✅ You successfully updated project ${id}`);
}

/** Each route under Cord's two names for projects. */
const underBothNames = (route: Route): Route[] => [
  route,
  { ...route, path: route.path.replace('projects', 'applications') },
];

const routes: Route[] = [
  {
    method: 'GET',
    path: 'projects',
    auth: 'customer',
    handle: (context) => [projectData(requireProject(context, context.project.id), context.project.secret)],
  },
  {
    method: 'GET',
    path: 'projects/:id',
    auth: 'customer',
    handle: (context, { id }) => projectData(requireProject(context, id), context.project.secret),
  },
  {
    method: 'PUT',
    path: 'projects/:id',
    auth: 'customer',
    handle: (context, { id, body }) => updateProject(context, id, body),
  },
  {
    method: 'POST',
    path: 'projects',
    auth: 'customer',
    handle(context) {
      throw singleProject(
        `Local Cord serves one project, ${context.project.id}, and cannot create another. ` +
          'Use that one (GET /v1/projects lists it); for data kept apart, run another local Cord on a ' +
          'database file of its own (LOCAL_CORD_DB).',
      );
    },
  },
  {
    method: 'DELETE',
    path: 'projects/:id',
    auth: 'customer',
    handle(context, { id, body }) {
      const { secret } = deleteProjectBody.parse(body);
      requireProject(context, id);
      if (secret !== context.project.secret) throw new ApiError(401, 'project_not_found', `Project ${id} not found.`);
      throw singleProject(
        `Local Cord serves one project, ${id}, and cannot delete it. To empty its data instead, stop ` +
          'local Cord and run `pnpm --filter @cord-tutorial/local-cord reset`.',
      );
    },
  },
];

export const projectRoutes: readonly Route[] = routes.flatMap(underBothNames);
