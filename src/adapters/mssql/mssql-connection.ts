import { SluiceConfigError } from '../../core/errors.js';

/** A connection, in the shape `new mssql.ConnectionPool(config)` takes. `password` is not enumerable. */
export interface MssqlConfig {
  server: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  /** With a `DOMAIN\user` login: NTLM authentication (tedious). */
  domain?: string;
  /** msnodesqlv8 only: the ODBC driver name (`ODBC Driver 18 for SQL Server`). */
  driver?: string;
  connectionTimeout?: number;
  requestTimeout?: number;
  pool?: { min?: number; max?: number; idleTimeoutMillis?: number };
  options: {
    instanceName?: string;
    encrypt?: boolean;
    trustServerCertificate?: boolean;
    /** Windows authentication (msnodesqlv8 only). */
    trustedConnection?: boolean;
    appName?: string;
    useUTC?: boolean;
    readOnlyIntent?: boolean;
    multiSubnetFailover?: boolean;
  };
  /** msnodesqlv8 calls this with the ODBC connection string it built. */
  beforeConnect?: (cfg: { conn_str: string }) => void;
}

/** A parsed URL or connection string: the driver config and what Sluice itself reads from it. */
export interface MssqlConnection {
  readonly config: MssqlConfig;
  /** `host\INSTANCE/db` or `host:port/db`: how names, logs and pushdown checks call it; never a secret. */
  readonly identity: string;
  /** Windows authentication (`Trusted_Connection=yes`): needs the msnodesqlv8 driver. */
  readonly trusted: boolean;
  /** Sluice's own `schema` (`?schema=` / `Schema=`): where unqualified tables go. */
  readonly schema?: string;
}

/** Connection string keywords (lower case, single spaces) → the canonical name used below. */
const KEYWORDS: Readonly<Record<string, string>> = {
  server: 'server', 'data source': 'server', address: 'server', addr: 'server', 'network address': 'server',
  database: 'database', 'initial catalog': 'database',
  'user id': 'user', uid: 'user', user: 'user',
  password: 'password', pwd: 'password',
  trusted_connection: 'trusted', 'integrated security': 'trusted',
  encrypt: 'encrypt',
  trustservercertificate: 'trustServerCertificate', 'trust server certificate': 'trustServerCertificate',
  'min pool size': 'poolMin', 'max pool size': 'poolMax',
  'connect timeout': 'connectTimeout', 'connection timeout': 'connectTimeout', timeout: 'connectTimeout',
  'application name': 'appName', app: 'appName',
  applicationintent: 'intent', 'application intent': 'intent',
  multisubnetfailover: 'multiSubnetFailover', 'multi subnet failover': 'multiSubnetFailover',
  driver: 'odbcDriver',
  schema: 'schema',
};

/** Keywords .NET and ODBC strings often carry that change nothing here; accepted and ignored. */
const IGNORED = new Set([
  'multipleactiveresultsets', 'multiple active result sets', 'persist security info', 'persistsecurityinfo', 'pooling',
  'connection lifetime', 'load balance timeout', 'packet size', 'workstation id', 'wsid', 'connectretrycount',
  'connect retry count', 'connectretryinterval', 'connect retry interval', 'column encryption setting', 'enlist',
  'transparentnetworkipresolution', 'provider', 'network library', 'type system version', 'current language',
  'language', 'failover partner', 'poolblockingperiod', 'hostnameincertificate', 'host name in certificate',
]);

/** URL query parameters → canonical names (the same as the keywords). */
const URL_PARAMS: Readonly<Record<string, string>> = {
  encrypt: 'encrypt', trustservercertificate: 'trustServerCertificate', instancename: 'instance', instance: 'instance',
  trustedconnection: 'trusted', schema: 'schema', poolmin: 'poolMin', poolmax: 'poolMax',
  connecttimeoutmillis: 'connectTimeoutMillis', applicationname: 'appName', appname: 'appName', driver: 'odbcDriver',
  applicationintent: 'intent', multisubnetfailover: 'multiSubnetFailover',
};

/** True for what `parseMssqlConnection` reads: an `mssql://`/`sqlserver://` URL or an ADO.NET-style string. */
export function isMssqlConnection(input: string): boolean {
  return /^(mssql|sqlserver):\/\//i.test(input) || /(^|;)\s*(server|data source|address|addr|network address)\s*=/i.test(input);
}

/**
 * Parses `mssql://user:pass@host:port/db?encrypt=true&trustServerCertificate=true` or an ADO.NET
 * connection string (`Server=localhost\SQLEXPRESS;Database=XmlConversionDB;Trusted_Connection=yes`).
 * Errors name the keyword at fault, never a value (a value may be a password).
 *
 * @example
 * ```ts
 * const c = parseMssqlConnection('Server=localhost\\SQLEXPRESS;Database=XmlConversionDB;User Id=etl;Password=s3cret');
 * c.identity; // 'localhost\\SQLEXPRESS/XmlConversionDB'
 * ```
 */
export function parseMssqlConnection(input: string): MssqlConnection {
  const fields = /^(mssql|sqlserver):\/\//i.test(input) ? urlFields(input) : adoFields(input);
  return toConnection(fields);
}

type Fields = Map<string, string>;

function urlFields(input: string): Fields {
  // A named instance may be written as in SQL Server tools, `host\INSTANCE`; URLs forbid the backslash.
  const escaped = input.replace(/^([a-z]+:\/\/[^/?#]*)/i, (authority) => authority.replace(/\\/g, '%5C'));
  let u: URL;
  try {
    u = new URL(escaped);
  } catch {
    throw new SluiceConfigError('the SQL Server URL is not valid; expected mssql://USER:PASSWORD@HOST[:PORT]/DATABASE[?encrypt=true&trustServerCertificate=true]', 'url');
  }
  const f: Fields = new Map();
  const host = decodeURIComponent(u.hostname);
  if (!host) throw new SluiceConfigError('the SQL Server URL has no host; expected mssql://USER:PASSWORD@HOST[:PORT]/DATABASE', 'url');
  f.set('server', u.port ? `${host},${u.port}` : host);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) f.set('database', db);
  if (u.username) f.set('user', decodeURIComponent(u.username));
  if (u.password) f.set('password', decodeURIComponent(u.password));
  for (const [k, v] of u.searchParams) {
    const name = URL_PARAMS[k.toLowerCase()];
    if (!name) throw new SluiceConfigError(`unknown SQL Server URL parameter "${k}"; known: ${[...new Set(Object.values(URL_PARAMS))].join(', ')}`, 'url');
    f.set(name, v);
  }
  return f;
}

/** `key=value;` pairs; a value may be quoted with "..." or '...' (quote doubled inside) or {...} (`}}` inside). */
function adoFields(input: string): Fields {
  const f: Fields = new Map();
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && (input[i] === ';' || input[i] === ' ' || input[i] === '\t')) i++;
    if (i >= n) break;
    const eq = input.indexOf('=', i);
    if (eq < 0) throw new SluiceConfigError('the SQL Server connection string is not valid: every part must be KEYWORD=VALUE, separated by ;', 'url');
    const rawKey = input.slice(i, eq).trim().toLowerCase().replace(/\s+/g, ' ');
    i = eq + 1;
    while (i < n && input[i] === ' ') i++;
    let value = '';
    const open = input[i];
    if (open === '"' || open === "'" || open === '{') {
      const close = open === '{' ? '}' : open;
      i++;
      for (;;) {
        if (i >= n) throw new SluiceConfigError(`the SQL Server connection string is not valid: the value of ${rawKey} has no closing ${close}`, 'url');
        if (input[i] === close) {
          if (input[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += input[i++];
      }
      while (i < n && input[i] !== ';') i++;
    } else {
      const end = input.indexOf(';', i);
      value = input.slice(i, end < 0 ? n : end).trim();
      i = end < 0 ? n : end;
    }
    const name = KEYWORDS[rawKey];
    if (name) f.set(name, value);
    else if (!IGNORED.has(rawKey)) {
      throw new SluiceConfigError(`unknown SQL Server connection string keyword "${rawKey}"; use Server, Database, User Id, Password, Trusted_Connection, Encrypt, TrustServerCertificate, Min Pool Size, Max Pool Size, Connect Timeout, Application Name, Schema`, 'url');
    }
  }
  return f;
}

function bool(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['yes', 'true', '1', 'sspi', 'strict', 'mandatory'].includes(v)) return true;
  if (['no', 'false', '0', 'optional'].includes(v)) return false;
  throw new SluiceConfigError(`${name} must be yes/true or no/false; got "${value}"`, 'url');
}

function int(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw new SluiceConfigError(`${name} must be an integer from ${min} to ${max}; got "${value}"`, 'url');
  return n;
}

function toConnection(f: Fields): MssqlConnection {
  const rawServer = f.get('server');
  if (!rawServer) throw new SluiceConfigError('the SQL Server connection string has no Server (e.g. Server=localhost\\SQLEXPRESS)', 'url');
  // Server forms: host, host,port, host\INSTANCE, tcp:host,port; '.' and '(local)' are this machine.
  let server = rawServer.trim().replace(/^tcp:/i, '');
  let instance = f.get('instance');
  let port: number | undefined;
  const named = /^(.*?)\\(.*)$/.exec(server);
  if (named) {
    server = named[1]!;
    instance = named[2]!;
  }
  const serverPort = /^(.*),\s*(\d+)$/.exec(server);
  if (serverPort) {
    server = serverPort[1]!;
    port = int('port', serverPort[2]!, 1, 65_535);
  }
  const instancePort = instance === undefined ? null : /^(.*),\s*(\d+)$/.exec(instance);
  if (instancePort) {
    instance = instancePort[1]!;
    port = int('port', instancePort[2]!, 1, 65_535);
  }
  server = server.trim();
  if (server === '.' || /^\(local\)$/i.test(server) || /^\(localdb\)$/i.test(server)) server = 'localhost';
  const trusted = f.has('trusted') && bool('Trusted_Connection', f.get('trusted')!);
  const user = f.get('user');
  if (trusted && user) {
    throw new SluiceConfigError('Trusted_Connection=yes (Windows authentication) and User Id (SQL Server authentication) conflict; keep one of them', 'url');
  }
  const config: MssqlConfig = { server, options: { useUTC: true } };
  if (port !== undefined) config.port = port;
  if (instance) config.options.instanceName = instance.trim();
  const database = f.get('database');
  if (database) config.database = database;
  if (user) {
    const domainUser = /^(.*?)\\(.*)$/.exec(user);
    if (domainUser) {
      config.domain = domainUser[1]!;
      config.user = domainUser[2]!;
    } else config.user = user;
  }
  // As sqlcmd does: a SQL login without a password in the URL takes it from SQLCMDPASSWORD, so
  // none need be on a command line (pg reads PGPASSWORD the same way).
  const password = f.get('password') ?? (user ? process.env.SQLCMDPASSWORD || undefined : undefined);
  // Not enumerable (as pg-pool does): a logged or serialised config shows no password.
  if (password !== undefined) Object.defineProperty(config, 'password', { value: password, enumerable: false, writable: true, configurable: true });
  if (f.has('encrypt')) config.options.encrypt = bool('Encrypt', f.get('encrypt')!);
  if (f.has('trustServerCertificate')) config.options.trustServerCertificate = bool('TrustServerCertificate', f.get('trustServerCertificate')!);
  if (trusted) config.options.trustedConnection = true;
  if (f.has('appName')) config.options.appName = f.get('appName')!;
  if (f.has('intent')) config.options.readOnlyIntent = /^readonly$/i.test(f.get('intent')!.trim());
  if (f.has('multiSubnetFailover')) config.options.multiSubnetFailover = bool('MultiSubnetFailover', f.get('multiSubnetFailover')!);
  if (f.has('odbcDriver')) config.driver = f.get('odbcDriver')!.replace(/^\{|\}$/g, '');
  if (f.has('connectTimeout')) config.connectionTimeout = int('Connect Timeout', f.get('connectTimeout')!, 1, 3600) * 1000;
  if (f.has('connectTimeoutMillis')) config.connectionTimeout = int('connectTimeoutMillis', f.get('connectTimeoutMillis')!, 1, 3_600_000);
  const pool: { min?: number; max?: number } = {};
  if (f.has('poolMin')) pool.min = int('Min Pool Size', f.get('poolMin')!, 0, 1000);
  if (f.has('poolMax')) pool.max = int('Max Pool Size', f.get('poolMax')!, 1, 1000);
  if (pool.min !== undefined || pool.max !== undefined) config.pool = pool;
  const schema = f.get('schema');
  return { config, identity: mssqlIdentityOf(config), trusted, ...(schema && { schema }) };
}

/** `host\INSTANCE/db` or `host:port/db` of a config; `(default)` when the login's default database is used. */
export function mssqlIdentityOf(config: { server?: unknown; port?: unknown; database?: unknown; options?: { instanceName?: unknown } }): string {
  const server = typeof config.server === 'string' ? config.server : 'localhost';
  const named = /^(.*?)\\(.*)$/.exec(server);
  const host = (named ? named[1]! : server).toLowerCase();
  const instance = named ? named[2]! : typeof config.options?.instanceName === 'string' ? config.options.instanceName : undefined;
  const db = typeof config.database === 'string' && config.database ? config.database : '(default)';
  return instance ? `${host}\\${instance}/${db}` : `${host}:${typeof config.port === 'number' || typeof config.port === 'string' ? config.port : 1433}/${db}`;
}
