// Requests the AWS CLI (aws-cli 1.45, botocore 1.43) sent to a local endpoint, recorded as received: method, path,
// the headers it signed and the body. Keys: AKIACLIEXAMPLE / cli-example-secret, and ASIACLIEXAMPLE / cli-example-secret
// with the session token cli-example-session.

/** A recorded request. */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly headers: { readonly [name: string]: string }
  readonly body: string
}

/** What the CLI sent, in order: list-tables, put-item, dynamodbstreams list-streams, get-item with a session token. */
export const CLI_REQUESTS: readonly RecordedRequest[] = [
  {
    method: 'POST',
    path: '/',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIACLIEXAMPLE/20261201/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=b2e5508fb7db7e12510c53a9cc1d97275685a2af58f5bf4eca5436a3039c98a7',
      'content-type': 'application/x-amz-json-1.0',
      host: '127.0.0.1:18124',
      'x-amz-date': '20261201T234740Z',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
    },
    body: '{}',
  },
  {
    method: 'POST',
    path: '/',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIACLIEXAMPLE/20261201/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=c7187a9a0d1017dff3120ba594912a0bf3d51fb6b6f9abe2c68af7e645959ae3',
      'content-type': 'application/x-amz-json-1.0',
      host: '127.0.0.1:18124',
      'x-amz-date': '20261201T234743Z',
      'x-amz-target': 'DynamoDB_20120810.PutItem',
    },
    body: '{"TableName": "orders", "Item": {"id": {"S": "cr\\u00e8me br\\u00fbl\\u00e9e"}, "n": {"N": "1"}}}',
  },
  {
    method: 'POST',
    path: '/',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIACLIEXAMPLE/20261201/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=8929b33c789dca77bd967e415b7ea93d77bfa1b9d20fa5822f70cb1fbe427de9',
      'content-type': 'application/x-amz-json-1.0',
      host: '127.0.0.1:18124',
      'x-amz-date': '20261201T234747Z',
      'x-amz-target': 'DynamoDBStreams_20120810.ListStreams',
    },
    body: '{"TableName": "orders"}',
  },
  {
    method: 'POST',
    path: '/',
    headers: {
      authorization: 'AWS4-HMAC-SHA256 Credential=ASIACLIEXAMPLE/20261201/eu-west-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=aea254da98efdebee38db0e94409cfa4b4e24de54859824c5f63d76a22857ffb',
      'content-type': 'application/x-amz-json-1.0',
      host: '127.0.0.1:18124',
      'x-amz-date': '20261201T234753Z',
      'x-amz-security-token': 'cli-example-session',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
    },
    body: '{"TableName": "orders", "Key": {"id": {"S": "o-1"}}}',
  },
]
