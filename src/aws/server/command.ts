// The `streamtable` command line: `streamtable serve` with its own flags and DynamoDB Local's, so that a script
// starting DynamoDB Local starts streamtable by changing the command. Parsing only; the entry point runs it.
import { parseArgs } from 'node:util'
import { ValidationException } from '../../core/errors.js'
import { SERVER_DEFAULTS } from './options.js'

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | ({ readonly kind: 'serve' } & ServeArguments)

/** The arguments of `streamtable serve`. */
export interface ServeArguments {
  readonly port: number
  readonly host: string
  readonly region: string | undefined
  readonly accountId: string | undefined
  readonly shards: number | undefined
  readonly accessLog: string | undefined
  readonly cors: string | undefined
  /** The credentials file: requests must be signed with one of its keys. */
  readonly credentials: string | undefined
  /** The policy file: requests must also be allowed by their key's policies (needs `credentials`). */
  readonly policy: string | undefined
  /** One line per DynamoDB Local flag that has no effect here, saying why. */
  readonly notices: readonly string[]
}

/** A DynamoDB Local flag: renamed to ours, accepted without effect, or refused; each with the reason. */
type LocalFlag = { readonly as: string; readonly takesValue: boolean } | { readonly ignored: string } | { readonly refused: string }

/** DynamoDB Local's single-dash flags (its `-help` lists them) and what streamtable does with each. */
export const DYNAMODB_LOCAL_FLAGS: { readonly [flag: string]: LocalFlag } = Object.freeze({
  '-port': { as: '--port', takesValue: true },
  '-cors': { as: '--cors', takesValue: true },
  '-help': { as: '--help', takesValue: false },
  '-inMemory': { ignored: 'streamtable always keeps its tables in memory' },
  '-sharedDb': { ignored: 'streamtable always serves one database to every access key and region, as DynamoDB Local does with -sharedDb' },
  '-disableTelemetry': { ignored: 'streamtable sends no telemetry' },
  '-delayTransientStatuses': { ignored: 'tables and indexes are ACTIVE as soon as CreateTable or UpdateTable has answered; there is no CREATING or DELETING phase to delay' },
  '-dbPath': { refused: 'streamtable keeps no database files: tables live in memory and end with the process' },
  '-optimizeDbBeforeStartup': { refused: 'streamtable keeps no database files to optimize' },
})

/** `streamtable --help`. */
export const HELP = `Usage: streamtable serve [options]

Serves DynamoDB and DynamoDB Streams over HTTP from an in-memory store, for the AWS CLI, SDKs in any language and
scripts written for DynamoDB Local.

Options:
  --port N              TCP port (default ${SERVER_DEFAULTS.port}; 0 picks a free one)
  --host ADDRESS        interface to bind (default ${SERVER_DEFAULTS.host}, this machine only; any other
                        address, such as 0.0.0.0, makes the store reachable from other machines)
  --region NAME         region in ARNs and the health check (default us-east-1)
  --account-id ID       12-digit account id in ARNs (default 000000000000)
  --shards N            shards of each new stream (default 4)
  --access-log FILE     append one JSON line per request (time, request id, access key, operation, table,
                        status, error code, duration)
  --cors ORIGINS        CORS for browser-side tools: * or a comma-separated list of origins
  --credentials FILE    require Signature Version 4 with one of the access keys in FILE (JSON:
                        { "AKID": { "secretAccessKey": "...", "sessionToken"?: "...", "principal"?: "..." } })
  --policy FILE         also require each request to be allowed by its key's IAM policies in FILE (JSON:
                        { "AKID": { "Version": "2012-10-17", "Statement": [...] } }); needs --credentials
  -h, --help            this text
  -v, --version         the version

DynamoDB Local's flags are accepted too:
  -port N               as --port
  -cors ORIGINS         as --cors
  -inMemory             ignored: ${(DYNAMODB_LOCAL_FLAGS['-inMemory'] as { ignored: string }).ignored}
  -sharedDb             ignored: one database for every access key and region is the only mode
  -disableTelemetry     ignored: ${(DYNAMODB_LOCAL_FLAGS['-disableTelemetry'] as { ignored: string }).ignored}
  -delayTransientStatuses
                        ignored: tables are ACTIVE as soon as CreateTable has answered
  -dbPath, -optimizeDbBeforeStartup
                        refused: streamtable keeps no database files

Without --credentials, any signature is accepted and its access key only recorded, as DynamoDB Local does.
SIGINT or SIGTERM stops accepting connections, lets requests in flight finish, and exits 0.
`

function usageError(message: string): ValidationException {
  return new ValidationException(`${message}. Run "streamtable --help" for the options`)
}

function integerArgument(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min || value > max) throw usageError(`Invalid ${flag}: expected an integer from ${min} to ${max}, received "${text}"`)
  return value
}

/** Rewrites DynamoDB Local's flags into ours, collecting a notice for each one without effect. */
function translateLocalFlags(argv: readonly string[]): { args: string[]; notices: string[] } {
  const args: string[] = []
  const notices: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const flag = /^-[a-zA-Z]{2,}$/.test(arg) ? DYNAMODB_LOCAL_FLAGS[arg] : undefined
    if (flag === undefined) {
      if (/^-[a-zA-Z]{2,}$/.test(arg)) throw usageError(`Unknown option "${arg}": expected one of streamtable's --options or DynamoDB Local's ${Object.keys(DYNAMODB_LOCAL_FLAGS).join(', ')}`)
      args.push(arg)
    } else if ('refused' in flag) {
      throw usageError(`The DynamoDB Local option ${arg} is not supported: ${flag.refused}`)
    } else if ('ignored' in flag) {
      notices.push(`${arg} ignored: ${flag.ignored}`)
    } else {
      args.push(flag.as)
      if (flag.takesValue) {
        const value = argv[i + 1]
        if (value === undefined) throw usageError(`Option ${arg} needs a value`)
        args.push(value)
        i++
      }
    }
  }
  return { args, notices }
}

/**
 * Reads the `streamtable` command line.
 * @param argv the arguments after the program name
 * @returns what to do
 * @throws ValidationException for a command line that asks for nothing this program does, saying what was expected
 */
export function parseCommandLine(argv: readonly string[]): Command {
  const { args, notices } = translateLocalFlags(argv)
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(args)
  } catch (error) {
    throw usageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\.$/, ''))
  }
  const { values, positionals } = parsed
  if (values.help === true) return { kind: 'help' }
  if (values.version === true) return { kind: 'version' }
  if (positionals.length === 0) throw usageError('Missing command: expected "serve"')
  if (positionals[0] !== 'serve' || positionals.length > 1) throw usageError(`Unknown command "${positionals.join(' ')}": expected "serve"`)
  if (values.policy !== undefined && values.credentials === undefined) throw usageError('Option --policy needs --credentials: a policy applies to the access keys of a credentials file')
  return {
    kind: 'serve',
    port: values.port === undefined ? SERVER_DEFAULTS.port : integerArgument('--port', values.port, 0, 65535),
    host: values.host ?? SERVER_DEFAULTS.host,
    region: values.region,
    accountId: values['account-id'],
    shards: values.shards === undefined ? undefined : integerArgument('--shards', values.shards, 1, 1000),
    accessLog: values['access-log'],
    cors: values.cors,
    credentials: values.credentials,
    policy: values.policy,
    notices,
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
      shards: { type: 'string' },
      'access-log': { type: 'string' },
      cors: { type: 'string' },
      credentials: { type: 'string' },
      policy: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  })
}
