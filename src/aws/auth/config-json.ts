// Reading the JSON files a server is configured with: a syntax error names the file, line and column; a value of
// the wrong shape names the file and the JSON path of the value.
import { describeValue, ValidationException } from '../../core/errors.js'

/** Where a value sits in a configuration file: the file and a JSON path into it. */
export interface ConfigPlace {
  readonly source: string
  readonly path: string
}

/** The place of a member of the value at `place`. */
export function member(place: ConfigPlace, name: string | number): ConfigPlace {
  const step = typeof name === 'number' ? `[${name}]` : /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`
  return { source: place.source, path: `${place.path}${step}` }
}

/** A ValidationException naming what was expected at `place` and what was found there. */
export function configError(place: ConfigPlace, expected: string, received: unknown): ValidationException {
  return configMismatch(place, expected, describeValue(received))
}

/** A ValidationException naming what was expected at `place`, with what was found there already described. */
export function configMismatch(place: ConfigPlace, expected: string, received: string): ValidationException {
  return new ValidationException(`Invalid ${place.source} at ${place.path}: expected ${expected}, received ${received}`)
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/**
 * The JSON value of a configuration file's text.
 * @param text the file's content
 * @param source how messages name the file, such as `credentials file keys.json`
 * @returns the parsed value
 */
export function parseConfigJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const reason = (error as Error).message
    const position = /position (\d+)/.exec(reason)
    const where = position === null ? '' : ` at ${lineAndColumn(text, Number(position[1]))}`
    throw new ValidationException(`Invalid ${source}: expected JSON, received text that does not parse${where} (${reason})`)
  }
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is { readonly [name: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Checks that an object holds no member outside `known`, so that a misspelt member is not ignored in silence. */
export function checkMembers(value: { readonly [name: string]: unknown }, known: readonly string[], place: ConfigPlace): void {
  for (const name of Object.keys(value)) {
    if (!known.includes(name)) throw configError(member(place, name), `no member ${JSON.stringify(name)} (known members: ${known.join(', ')})`, value[name])
  }
}
