import {
  type CordCliEnvironment,
  LOCAL_CORD_CUSTOMER_ID,
  LOCAL_CORD_CUSTOMER_SECRET,
  LOCAL_CORD_PROJECT_ID,
  LOCAL_CORD_PROJECT_SECRET,
} from '@cord-tutorial/stack-config';
import { UsageError } from '../errors.ts';
import type { ConfigValues } from './configFile.ts';

// Which Cord the CLI talks to, and as which project and customer: the environment first,
// then the settings file `cord init` writes, then local Cord's published development
// project (and, for local Cord only, its published development customer).

export interface Credentials {
  id: string;
  secret: string;
}

export interface Connection {
  /** The REST API's base, with /v1 and no trailing slash: `http://127.0.0.1:8161/v1`. */
  apiUrl: string;
  project: Credentials;
  /** Where the project came from, for error messages. */
  projectSource: string;
  /** For `cord project …` only; undefined for another Cord when none is set. */
  customer: Credentials | undefined;
  /** Where the customer came from, for error messages. */
  customerSource: string;
  /** Whether the API is local Cord's, as the stack configures it. */
  isLocalCord: boolean;
}

/** Both keys of a pair from the file, or neither; half a pair is a mistake to report. */
function filePair(file: ConfigValues, idKey: 'CORD_PROJECT_ID' | 'CORD_CUSTOMER_ID', configPath: string) {
  const secretKey = idKey === 'CORD_PROJECT_ID' ? 'CORD_PROJECT_SECRET' : 'CORD_CUSTOMER_SECRET';
  const id = file[idKey];
  const secret = file[secretKey];
  if (id === undefined && secret === undefined) return undefined;
  if (id === undefined || secret === undefined) {
    throw new UsageError(
      `${configPath} has ${id === undefined ? secretKey : idKey} but no ${id === undefined ? idKey : secretKey}.`,
      'Run `cord init` to set both.',
    );
  }
  return { id, secret };
}

function apiUrlFrom(url: string, source: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`${source} is not an http:// or https:// URL: ${url}`, 'Run `cord init` to set it again.');
  }
  // Cord's CLI appended the endpoint after a slash, so a trailing slash gave `//`.
  return url.replace(/\/+$/, '');
}

export function resolveConnection(env: CordCliEnvironment, file: ConfigValues): Connection {
  const fromFile = filePair(file, 'CORD_PROJECT_ID', env.configPath);
  const [project, projectSource] = env.project
    ? [env.project, 'CORD_PROJECT_ID and CORD_PROJECT_SECRET']
    : fromFile
      ? [fromFile, env.configPath]
      : [{ id: LOCAL_CORD_PROJECT_ID, secret: LOCAL_CORD_PROJECT_SECRET }, "local Cord's development project"];
  const apiUrl = env.apiUrl
    ? apiUrlFrom(env.apiUrl, 'CORD_API_URL')
    : file.CORD_API_URL
      ? apiUrlFrom(file.CORD_API_URL, `CORD_API_URL in ${env.configPath}`)
      : env.localCordApiUrl;
  const isLocalCord = apiUrl === env.localCordApiUrl;
  const customerFromFile = filePair(file, 'CORD_CUSTOMER_ID', env.configPath);
  const [customer, customerSource] = env.customer
    ? [env.customer, 'CORD_CUSTOMER_ID and CORD_CUSTOMER_SECRET']
    : customerFromFile
      ? [customerFromFile, env.configPath]
      : isLocalCord
        ? [{ id: LOCAL_CORD_CUSTOMER_ID, secret: LOCAL_CORD_CUSTOMER_SECRET }, "local Cord's development customer"]
        : [undefined, 'nowhere'];
  return { apiUrl, project, projectSource, customer, customerSource, isLocalCord };
}
