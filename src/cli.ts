#!/usr/bin/env node
// The `streamtable` program: `streamtable serve` runs a store behind the HTTP server until SIGINT or SIGTERM.
import { readFileSync } from 'node:fs'
import { version } from '../package.json'
import { parseCredentialsFile, parsePolicyFile, startServer, type ServerOptions } from './aws/index.js'
import { HELP, parseCommandLine, type ServeArguments } from './aws/server/command.js'
import { isLoopbackHost } from './aws/server/options.js'
import { isStreamtableError } from './core/errors.js'
import { createStore } from './store.js'

const EXIT_USAGE = 2

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return isStreamtableError(error) ? message.replace(/ \(\w+\)$/, '') : message
}

function readArgumentFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new Error(`Cannot read ${flag}: expected a readable JSON file, received ${JSON.stringify(path)} (${(error as Error).message})`, { cause: error })
  }
}

/** The `auth` option from --credentials and --policy, or undefined when requests are not to be checked. */
function authOf(args: ServeArguments): ServerOptions['auth'] {
  if (args.credentials === undefined) return undefined
  const credentials = parseCredentialsFile(readArgumentFile('--credentials', args.credentials), args.credentials)
  if (args.policy === undefined) return { credentials }
  return { credentials, policies: parsePolicyFile(readArgumentFile('--policy', args.policy), args.policy) }
}

async function serve(args: ServeArguments): Promise<void> {
  for (const notice of args.notices) process.stderr.write(`streamtable: ${notice}\n`)
  let store
  try {
    store = createStore({
      ...(args.region === undefined ? {} : { region: args.region }),
      ...(args.accountId === undefined ? {} : { accountId: args.accountId }),
      ...(args.shards === undefined ? {} : { shards: { initial: args.shards } }),
    })
  } catch (error) {
    process.stderr.write(`streamtable: ${messageOf(error).replace(/^Invalid (region|accountId)/, (_m, name: string) => `Invalid --${name === 'accountId' ? 'account-id' : name}`)}\n`)
    process.exit(EXIT_USAGE)
  }
  let auth: ServerOptions['auth']
  try {
    auth = authOf(args)
  } catch (error) {
    process.stderr.write(`streamtable: ${messageOf(error)}\n`)
    process.exit(EXIT_USAGE)
  }
  const server = await startServer(store, {
    ...(auth === undefined ? {} : { auth }),
    port: args.port,
    host: args.host,
    ...(args.accessLog === undefined ? {} : { accessLog: args.accessLog }),
    ...(args.cors === undefined ? {} : { cors: args.cors }),
  })
  const checks = auth === undefined ? '' : auth.policies === undefined ? '; signatures checked' : '; signatures and policies checked'
  const exposure = isLoopbackHost(server.host)
    ? ''
    : `; --host ${server.host} is not loopback: other machines can reach this store${auth === undefined ? ', and no signature is checked' : ''}`
  process.stdout.write(`streamtable listening on ${server.url} (region ${store.region}${checks}${exposure})\n`)

  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    process.stderr.write(`streamtable: ${signal}: stopping, letting requests in flight finish\n`)
    void server.close().then(() => process.exit(0))
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

async function main(argv: readonly string[]): Promise<void> {
  let command
  try {
    command = parseCommandLine(argv)
  } catch (error) {
    process.stderr.write(`streamtable: ${messageOf(error)}\n`)
    process.exit(EXIT_USAGE)
  }
  if (command.kind === 'help') process.stdout.write(HELP)
  else if (command.kind === 'version') process.stdout.write(`${version}\n`)
  else await serve(command)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`streamtable: ${messageOf(error)}\n`)
  process.exit(1)
})
