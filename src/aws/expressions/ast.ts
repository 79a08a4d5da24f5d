// The trees the parsers build. They hold the expression's text only (names and placeholders unresolved), so one
// tree serves every request that repeats the expression, whatever its ExpressionAttributeNames and Values.

/** One step of a document path: an attribute name (bare, or a `#placeholder`) or a list index. */
export type PathSegment = { readonly name: string; readonly placeholder: boolean } | number

/** A document path: `a.b[0]`, `#n.c`. */
export interface PathNode {
  readonly kind: 'path'
  readonly segments: readonly PathSegment[]
}

/** A value placeholder: `:v`. */
export interface ValueNode {
  readonly kind: 'value'
  readonly name: string
}

/** A function call in operand position: `size(a)`, `if_not_exists(a, :v)`, or a function that does not exist. */
export interface CallNode {
  readonly kind: 'call'
  readonly name: string
  readonly args: readonly OperandNode[]
}

/** `x + y` or `x - y`, in an update's SET. */
export interface ArithmeticNode {
  readonly kind: 'arithmetic'
  readonly operator: '+' | '-'
  readonly left: OperandNode
  readonly right: OperandNode
}

/** Anything that yields a value. */
export type OperandNode = PathNode | ValueNode | CallNode | ArithmeticNode

/** The comparators of a condition. */
export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>='

/** A condition: a node of a ConditionExpression, FilterExpression or KeyConditionExpression. */
export type ConditionNode =
  | { readonly kind: 'compare'; readonly operator: Comparator; readonly left: OperandNode; readonly right: OperandNode }
  | { readonly kind: 'between'; readonly subject: OperandNode; readonly lower: OperandNode; readonly upper: OperandNode }
  | { readonly kind: 'in'; readonly subject: OperandNode; readonly list: readonly OperandNode[] }
  /** A function in condition position: `attribute_exists(a)`, or one that may not stand there, such as `size(a)`. */
  | { readonly kind: 'function'; readonly call: CallNode }
  | { readonly kind: 'and' | 'or'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly kind: 'not'; readonly operand: ConditionNode }

/** A parsed condition. */
export interface ConditionTree {
  readonly root: ConditionNode
}

/** The clauses of an update expression. */
export type UpdateClause = 'SET' | 'REMOVE' | 'ADD' | 'DELETE'

/** One action of an update: `SET path = value`, `REMOVE path`, `ADD path :v`, `DELETE path :v`. */
export type UpdateAction =
  | { readonly clause: 'SET'; readonly path: PathNode; readonly value: OperandNode }
  | { readonly clause: 'REMOVE'; readonly path: PathNode }
  | { readonly clause: 'ADD' | 'DELETE'; readonly path: PathNode; readonly value: ValueNode }

/** A parsed update expression: its clauses as written (repeats included) and its actions in source order. */
export interface UpdateTree {
  readonly clauses: readonly UpdateClause[]
  readonly actions: readonly UpdateAction[]
}

/** A parsed projection expression. */
export interface ProjectionTree {
  readonly paths: readonly PathNode[]
}
