// The projection grammar (reference §3.6): `projection = path { "," path }`.
import type { PathNode, ProjectionTree } from './ast.js'
import { Cursor } from './cursor.js'

/** Parses a projection expression; a syntax error throws an ExpressionSyntaxError. */
export function parseProjection(source: string): ProjectionTree {
  const cursor = new Cursor(source)
  const paths: PathNode[] = [cursor.parsePath()]
  while (cursor.atSymbol(',')) {
    cursor.next()
    paths.push(cursor.parsePath())
  }
  cursor.expectEnd()
  return { paths }
}
