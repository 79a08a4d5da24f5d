// `streamtable serve` as a child process, run from the build (npm test builds first), as users start it.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built program. */
export const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url))

/** A started `streamtable serve`. */
export interface ServeProcess {
  readonly child: ChildProcess
  readonly url: string
  /** The start line, as printed. */
  readonly startLine: string
  /** What the program wrote to stderr so far. */
  stderr(): string
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/** The exit code and output of a program run to its end. */
export interface Finished {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs the program with `args` to its end. */
export function runCli(args: readonly string[]): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** How to start the program: through another command (`npx streamtable`), and where. */
export interface StartOptions {
  /** The command line up to `serve`; node and the built program by default. */
  readonly program?: readonly string[]
  readonly cwd?: string
}

/**
 * Starts `streamtable serve` with `args` (a free port unless they name one) and waits for its start line. A program
 * started through another command runs in a process group of its own, which `stop` signals as a whole, since a
 * launcher such as npx need not pass signals on.
 */
export function startServeProcess(args: readonly string[] = [], options: StartOptions = {}): Promise<ServeProcess> {
  const argv = [...(options.program ?? [process.execPath, CLI]), 'serve', ...(args.some((a) => a === '--port' || a === '-port') ? [] : ['--port', '0']), ...args]
  const grouped = options.program !== undefined
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: grouped, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString()
      const line = /^streamtable listening on (\S+).*$/m.exec(stdout)
      if (line === null) return
      child.stdout.off('data', onData)
      resolve({
        child,
        url: line[1] as string,
        startLine: line[0],
        stderr: () => stderr,
        stop: (signal = 'SIGTERM') => {
          if (grouped) process.kill(-(child.pid as number), signal)
          else child.kill(signal)
          return exited
        },
      })
    }
    child.stdout.on('data', onData)
    void exited.then((code) => reject(new Error(`streamtable serve exited with ${code} before listening: ${stderr}`)))
  })
}
